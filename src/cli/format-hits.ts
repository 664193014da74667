import type { HitsReport } from './read-hits.js';

const count = (n: number) => n.toLocaleString('en-US');

/** Where the counts come from, in words: "project p, last 30 days, album sea". */
function scope(report: HitsReport): string {
  return `project ${report.project}, last ${report.days} day${report.days === 1 ? '' : 's'}${report.album ? `, album ${report.album}` : ''}`;
}

/** The report for a terminal: photos by hits, then the total; a clear line when there is nothing yet. */
export function formatHits(report: HitsReport): string {
  if (report.photos.length === 0) {
    return `No hits yet (${scope(report)}, metric ${report.metric}): the metric counts from its creation on, and new hits show within a few minutes.\n`;
  }
  const width = Math.max(5, count(report.total).length);
  const lines = report.photos.map((p) => `${count(p.hits).padStart(width)}  ${p.photo}`);
  return [
    `Hits per photo (${scope(report)}, metric ${report.metric}):`,
    '',
    ...lines,
    `${'-'.repeat(width)}`,
    `${count(report.total).padStart(width)}  total, ${count(report.photos.length)} photo${report.photos.length === 1 ? '' : 's'}`,
    '',
  ].join('\n');
}

/** The report as JSON, for scripts. */
export function formatHitsJson(report: HitsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
