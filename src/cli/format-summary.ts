import type { UploadReport } from './upload.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary printed after a run: what was published, unchanged, skipped (why), failed (why), removed, and the manifest. */
export function formatSummary(report: UploadReport): string {
  const { dryRun } = report;
  const where = report.album ? `${report.target}, album ${report.album}` : report.target;
  const lines = [dryRun ? `Dry run for ${where}: nothing was written.` : `Summary for ${where}:`];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(14)}${value}`);
  row(dryRun ? 'to publish' : 'published', String(report.published.length));
  row('unchanged', String(report.unchanged.length));
  row('skipped', String(report.skipped.length));
  for (const s of report.skipped) lines.push(`      ${s.file}: ${s.reason}`);
  row(dryRun ? 'would fail' : 'failed', String(report.failed.length));
  for (const f of report.failed) lines.push(`      ${f.file}: ${f.reason}`);
  if (report.kept.length > 0) row('kept', `${plural(report.kept.length, 'photo')} no longer in the folder (--prune removes them)`);
  if (report.removed.length > 0 || dryRun) row(dryRun ? 'to remove' : 'removed', String(report.removed.length));
  const manifest = {
    written: `written, naming ${plural(report.manifestPhotos, 'photo')}`,
    unchanged: `unchanged (${plural(report.manifestPhotos, 'photo')})`,
    planned: `would name ${plural(report.manifestPhotos, 'photo')}`,
    'not written': 'not written',
  }[report.manifest];
  row('manifest', manifest);
  for (const error of report.errors) lines.push(`Error: ${error}`);
  if (report.failed.length > 0 && !dryRun) lines.push(`${plural(report.failed.length, 'photo')} failed: fix them and run the command again (the others are published).`);
  return lines.join('\n') + '\n';
}
