/** One run of the built `upload` command against the fake bucket: its time, CPU, peak memory and requests. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/spawn-function.ts';
import { difference, fakeRequestCounts } from './fake-requests.ts';
import { logger, round } from './format.ts';
import { BENCH_BUCKET } from './photo-data.ts';
import { cpuTimeMs, memoryOf } from './process-usage.ts';
import { startTsxChild, type Child } from './start-tsx-child.ts';

const BIN = path.join(ROOT, 'dist/cli/photo-frame.js');
const log = logger('upload');

/** Throws unless dist/cli holds a build at least as new as src/cli and src/function. */
export function assertCliBuilt(): void {
  if (!existsSync(BIN)) throw new Error('dist/cli/photo-frame.js is missing: run `npm run build` first');
  const built = statSync(BIN).mtimeMs;
  for (const dir of ['src/cli', 'src/function']) {
    const newer = readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts') && statSync(path.join(ROOT, dir, f)).mtimeMs > built);
    if (newer.length > 0) throw new Error(`${dir}/${newer[0]} is newer than dist/: run \`npm run build\` first`);
  }
}

export interface FakeInfo {
  url: string;
  control: string;
}

export interface UploadRun {
  run: string;
  concurrency: number;
  photos: number;
  seconds: number;
  photosPerSecond: number;
  /** VmHWM of the command's process, MB (10^6 bytes). */
  peakRssMB: number | null;
  /** User + system CPU time of the command's process, s (sampled to within 25 ms of its end). */
  cpuSeconds: number | null;
  exitCode: number | null;
  /** Requests the fake received during the run, by kind. */
  requests: Record<string, number>;
  /** What the command printed last (its summary). */
  summary: string;
}

/** Runs the built command to the fake, timing it and sampling its peak memory. */
export async function runUpload(label: string, folder: string, photos: number, concurrency: number, fake: Child<FakeInfo>): Promise<UploadRun> {
  const before = await fakeRequestCounts(fake);
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'upload', folder, '--bucket', BENCH_BUCKET, '--concurrency', String(concurrency)], {
    cwd: ROOT,
    env: { ...process.env, STORAGE_EMULATOR_HOST: fake.info.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output = (output + c.toString('utf8')).slice(-20_000)));
  child.stderr.on('data', (c: Buffer) => (output = (output + c.toString('utf8')).slice(-20_000)));
  let peak: number | null = null;
  let cpu: number | null = null;
  // VmHWM and CPU time only grow: the last sample before the process ends is their value (to within one interval).
  const sampler = setInterval(() => {
    const memory = memoryOf(child.pid!);
    if (memory && !Number.isNaN(memory.peakMB)) peak = Math.max(peak ?? 0, memory.peakMB);
    const ms = cpuTimeMs(child.pid!);
    if (ms !== undefined && !Number.isNaN(ms)) cpu = Math.max(cpu ?? 0, ms / 1000);
  }, 25);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const after = await fakeRequestCounts(fake);
  const requests = difference(before, after);
  const summary = output.slice(output.lastIndexOf('Summary for'));
  if (exitCode !== 0) log(`${label}: the command exited with code ${exitCode}:\n${output.slice(-3000)}`);
  const row: UploadRun = {
    run: label, concurrency, photos, seconds: round(seconds, 3), photosPerSecond: round(photos / seconds), peakRssMB: peak,
    cpuSeconds: cpu === null ? null : round(cpu, 2), exitCode, requests, summary,
  };
  log(`${label}: ${row.seconds} s, ${row.photosPerSecond} photos/s, CPU ${row.cpuSeconds ?? '–'} s, peak RSS ${peak ?? '–'} MB, requests ${JSON.stringify(requests)}`);
  return row;
}

export async function startUploadFake(): Promise<Child<FakeInfo>> {
  return startTsxChild<FakeInfo>('bench/fake-gcs-process.ts', [], { PHOTOS: '0', MANIFEST: '0' });
}
