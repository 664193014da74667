/**
 * The upload benchmark: the BUILT `photo-frame upload` (dist/cli/photo-frame.js,
 * as `npx photo-frame` runs it) publishing N generated 12-megapixel JPEGs
 * (camera-like: EXIF with GPS, some stored sideways) to the Cloud Storage
 * fake running in its own process (bench/fake-gcs-process.ts, reached
 * through STORAGE_EMULATOR_HOST), once at --concurrency 1 and once at the
 * default, each into an empty bucket; then the default run again with
 * nothing changed. Reports photos per second, the speed-up, the peak
 * resident memory (VmHWM) of the command's process, and the no-change re-run
 * as a fraction of the first run. Writes bench/results/upload.{json,md}. Not
 * a test: a missed target does not fail the run.
 *
 * Environment: BENCH_PHOTOS (default 200). The photos are generated once
 * into a cache under the system's temporary folder and reused.
 */
import sharp from 'sharp';
import { UPLOAD_DEFAULTS } from '../src/cli/upload.ts';
import { envInt } from './env.ts';
import { logger, round } from './format.ts';
import { commitMeasured, machine, warnIfBusy } from './machine.ts';
import { writeResults, type Target } from './results-file.ts';
import { assertCliBuilt, runUpload, startUploadFake, type UploadRun } from './run-upload.ts';
import { stopAll } from './start-tsx-child.ts';
import { uploadMarkdown } from './upload-markdown.ts';
import { HEIGHT, photoFolder, WIDTH } from './upload-photos.ts';

export const name = 'upload';
export const description =
  'photo-frame upload of N generated 12-megapixel JPEGs to the Cloud Storage fake: photos/s at --concurrency 1 and the default, peak memory, and the no-change re-run';

const RERUN_TARGET = 0.05;
const log = logger('upload');

export async function run(): Promise<void> {
  const n = envInt('BENCH_PHOTOS', 200, 1);
  assertCliBuilt();
  const started = performance.now();
  const { dir, bytes } = await photoFolder(n);
  const concurrency = UPLOAD_DEFAULTS.concurrency;
  const load = warnIfBusy(log);

  const rows: UploadRun[] = [];
  try {
    let fake = await startUploadFake();
    try {
      rows.push(await runUpload('first run, --concurrency 1', dir, n, 1, fake));
    } finally {
      await fake.stop();
    }
    fake = await startUploadFake();
    try {
      rows.push(await runUpload(`first run, default concurrency`, dir, n, concurrency, fake));
      rows.push(await runUpload('re-run, nothing changed', dir, n, concurrency, fake));
    } finally {
      await fake.stop();
    }
  } finally {
    await stopAll();
  }

  const [one, many, rerun] = rows as [UploadRun, UploadRun, UploadRun];
  const speedUp = round(many.photosPerSecond / one.photosPerSecond);
  const fraction = round(rerun.seconds / many.seconds, 4);
  const rerunUploads = rerun.requests.upload ?? 0;
  const allOk = rows.every((r) => r.exitCode === 0);
  const targets: Target[] = [
    {
      name: `No-change re-run under ${RERUN_TARGET * 100}% of the first run`,
      met: allOk ? fraction < RERUN_TARGET : null,
      detail: `${rerun.seconds} s vs ${many.seconds} s = ${round(fraction * 100, 1)}%${n < 50 ? ` (with only ${n} photos, the command's fixed start-up (Node, the Storage client, sharp) is most of the re-run; the target is set for 200)` : ''}`,
    },
    {
      name: 'No-change re-run uploads nothing',
      met: allOk ? rerunUploads === 0 : null,
      detail: `${rerunUploads} upload request(s); requests: ${JSON.stringify(rerun.requests)}`,
    },
  ];
  const meta = {
    ...machine(),
    commit: commitMeasured(),
    inputMB: round(bytes / 1e6, 1),
    runSeconds: round((performance.now() - started) / 1000, 1),
  };
  const notes = [
    `Speed-up of the default concurrency (${concurrency}) over --concurrency 1: ${speedUp}× on ${meta.cores} cores. ` +
      `sharp runs ${sharp.concurrency()} libvips thread(s) per image here (sharp's default on glibc Linux), so the photos processed at once are what fills the cores; ` +
      'WebP encoding of the variants is most of the work, and the fake, hashing every upload (MD5 and CRC32C in JavaScript), shares the same cores.',
    `1-minute load average when the benchmark started: ${load.toFixed(2)} on ${meta.cores} cores (the machine may be shared: expect some noise between runs).`,
    `Mean photo: ${round(bytes / n / 1e6, 2)} MB. The fake keeps every object in memory in its own process; its memory is not counted.`,
  ];
  const md = uploadMarkdown(rows, targets, notes, meta, n);
  const json = { ...meta, photos: n, width: WIDTH, height: HEIGHT, defaultConcurrency: concurrency, command: `npm run build && BENCH_PHOTOS=${n} npm run bench -- upload`, rows, speedUp, rerunFraction: fraction, targets };
  writeResults('upload', json, md, log, meta.runSeconds);
}
