/** The upload benchmark's results as Markdown. */
import { notesSection, reproduceSection, targetsSection, type Target } from './results-file.ts';
import type { UploadRun } from './run-upload.ts';
import { HEIGHT, WIDTH } from './upload-photos.ts';

export function uploadMarkdown(rows: UploadRun[], targets: Target[], notes: string[], meta: Record<string, unknown>, n: number): string {
  const fmt = (v: number | null) => (v === null ? '–' : String(v));
  return [
    '# Upload benchmark',
    '',
    `${meta.date}, commit ${meta.commit}, Node ${meta.node}, ${meta.cpu} × ${meta.cores} cores, ${meta.platform}.`,
    '',
    `The built \`photo-frame upload\` (\`node dist/cli/photo-frame.js\`) publishes ${n} generated ${WIDTH}×${HEIGHT} (12-megapixel) JPEGs ` +
      `(${meta.inputMB} MB in all; EXIF with GPS, every tenth stored sideways) to the Cloud Storage fake (test/support/fake-gcs.ts in its own process, ` +
      'through STORAGE_EMULATOR_HOST): each photo gets 640, 1280 and 2048 px WebP variants, a ThumbHash and a GPS-free original. ' +
      'Each first run starts from an empty bucket; the re-run repeats the default run with nothing changed. ' +
      'Times are wall-clock, command start to exit (Node start-up included); CPU is the command\'s user + system time (CPU ÷ seconds = cores kept busy); ' +
      'peak RSS is VmHWM of the command\'s process (MB = 10^6 bytes).',
    '',
    '| run | concurrency | photos | seconds | photos/s | CPU s | peak RSS MB | exit | storage requests |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.run} | ${r.concurrency} | ${r.photos} | ${r.seconds} | ${r.photosPerSecond} | ${fmt(r.cpuSeconds)} | ${fmt(r.peakRssMB)} | ${fmt(r.exitCode)} | ${Object.entries(r.requests).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
    '',
    ...targetsSection(targets),
    ...notesSection(notes),
    ...reproduceSection(`npm run build && ${n === 200 ? '' : `BENCH_PHOTOS=${n} `}npm run bench -- upload`),
  ].join('\n');
}
