/**
 * The deployed function's footprint, before and after it was bundled and
 * staged with its own package.json: the upload (what `gcloud functions
 * deploy` sends), what the build installs on the instance (node_modules after
 * Google's Node.js buildpack, replayed by the deploy rehearsal), and the cold
 * start (spawn of `functions-framework` as the runtime starts it to the first
 * 200 on GET /, catalog load included, against the Cloud Storage fake with
 * 1,000 photos and a manifest). "Before" is the repo root at BENCH_BEFORE_REF
 * (default 131b6e9, the last commit that deployed it), checked out in a
 * temporary worktree; "after" is what `npm run deploy` stages now.
 * Writes bench/results/function-footprint.{json,md}.
 *
 * Environment: BENCH_COLD_STARTS (default 15) spawns per arrangement, taken in turns.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../scripts/build-function.ts';
import { parseInstanceSettings } from '../scripts/deploy/deploy-config.ts';
import { rehearse, type RehearsalReport } from '../scripts/deploy/rehearse.ts';
import { startAsRuntime } from '../scripts/deploy/start-as-runtime.ts';
import { ROOT } from '../scripts/spawn-function.ts';
import { BENCH_BUCKET } from './photo-data.ts';
import { envInt, envOverrides } from './env.ts';
import { fmt, int, logger } from './format.ts';
import { commitMeasured, loadAverage, machine } from './machine.ts';
import { reproduceSection, writeResults } from './results-file.ts';
import { startTsxChild, stopAll } from './start-tsx-child.ts';
import { stats, type Stats } from './stats.ts';

export const name = 'function-footprint';
export const description = 'the deployed function before and after bundling: upload size, installed size, cold start to the first 200';

const DEFAULT_BEFORE_REF = '131b6e9';
const BEFORE_REF = process.env.BENCH_BEFORE_REF ?? DEFAULT_BEFORE_REF;
const log = logger('function-footprint');

interface Row {
  arrangement: string;
  source: string;
  rehearsal: Omit<RehearsalReport, 'build'> & { scripts: string[]; nodeEnv: string };
  coldStartMs: Stats | null;
}

export async function run(): Promise<void> {
  const loadAtStart = loadAverage();
  const spawns = envInt('BENCH_COLD_STARTS', 15, 1);
  const fake = await startTsxChild<{ url: string }>(path.join(ROOT, 'bench/fake-gcs-process.ts'), [], { PHOTOS: '1000', MANIFEST: '1' });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'function-footprint-'));
  const before = path.join(tmp, 'before-source');
  try {
    execFileSync('git', ['worktree', 'add', '--detach', before, BEFORE_REF], { cwd: ROOT, stdio: 'ignore' });
    const env = { BUCKET: BENCH_BUCKET, STORAGE_EMULATOR_HOST: fake.info.url, GOOGLE_CLOUD_PROJECT: 'bench-project' };
    const arrangements = [
      { arrangement: `before: the repo root at ${BEFORE_REF}, built by gcp-build (tsc)`, source: before, work: path.join(tmp, 'before') },
      { arrangement: 'after: build/function, the bundle and its own package.json', source: (await buildFunction()).dir, work: path.join(tmp, 'after') },
    ];
    const reports: RehearsalReport[] = [];
    for (const a of arrangements) {
      log(`rehearsing ${a.arrangement}`);
      reports.push(await rehearse(env, { source: a.source, workDir: a.work, out: (line) => log(`  ${line}`) }));
    }
    // Cold starts in turns, so that whatever else the machine does weighs on both alike.
    const samples: number[][] = arrangements.map(() => []);
    const { memory, nodeOptions } = parseInstanceSettings(process.env);
    for (let i = 0; i < spawns; i++) {
      for (const [k, a] of arrangements.entries()) {
        const instance = await startAsRuntime(path.join(a.work, 'workspace'), {
          env: { NODE_ENV: 'production', ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
          functionName: 'photo',
          memory,
        });
        await instance.stop();
        if (instance.firstStatus !== 200) throw new Error(`${a.arrangement}: the first answer was ${instance.firstStatus}`);
        samples[k]!.push(instance.firstAnswerMs);
      }
    }
    const rows: Row[] = arrangements.map((a, k) => {
      const { build, ...rest } = reports[k]!;
      return { arrangement: a.arrangement, source: a.source === before ? `git ${BEFORE_REF}` : 'build/function', rehearsal: { ...rest, scripts: build.scripts, nodeEnv: build.nodeEnv }, coldStartMs: stats(samples[k]!) };
    });
    write(rows, spawns, [loadAtStart, loadAverage()]);
  } finally {
    await stopAll();
    execFileSync('git', ['worktree', 'remove', '--force', before], { cwd: ROOT, stdio: 'ignore' });
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `load`: the 1-minute load average at the start and at the end of the run. */
function write(rows: Row[], spawns: number, load: [number, number]): void {
  const meta = { ...machine(), commit: commitMeasured(), spawns, loadAverage: load[0], loadAverageEnd: load[1] };
  const mb = (bytes: number) => fmt(bytes / 1e6, 1);
  const md = [
    '# Deployed function footprint',
    '',
    `${meta.date}, commit ${meta.commit}, Node ${meta.node}, ${meta.cpu} × ${meta.cores} cores; 1-minute load average ${fmt(load[0], 2)} at the start and ${fmt(load[1], 2)} at the end (the machine may be shared: cold starts are comparable with each other, taken in turns, more than absolute).`,
    '',
    `Each arrangement is staged, uploaded (its .gcloudignore applied), built as Google's Node.js buildpack builds it and started as the nodejs22 runtime starts it, by the deploy rehearsal (\`npm run deploy -- --rehearse\`). Cold start: ${spawns} spawns of \`node_modules/.bin/functions-framework\` each (NODE_OPTIONS as deployed, heap flag included), from spawn to the first 200 on \`GET /\`, which loads the catalog (Cloud Storage fake in its own process, 1,000 photos with a manifest). Installed: apparent size of node_modules after the build (MB = 10^6 bytes).`,
    '',
    '| arrangement | build | upload files | upload kB | installed MB | installed files | cold start median ms | p90 ms | min ms |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => {
      const c = r.coldStartMs;
      return `| ${r.arrangement} | NODE_ENV=${r.rehearsal.nodeEnv}${r.rehearsal.scripts.length ? `, ${r.rehearsal.scripts.join(', ')}, prune` : ''} | ${int(r.rehearsal.upload.files)} | ${fmt(r.rehearsal.upload.bytes / 1000, 1)} | ${mb(r.rehearsal.installed.bytes)} | ${int(r.rehearsal.installed.files)} | ${fmt(c?.median, 0)} | ${fmt(c?.p90, 0)} | ${fmt(c?.min, 0)} |`;
    }),
    '',
    ...reproduceSection(`${envOverrides([['BENCH_COLD_STARTS', spawns, 15], ['BENCH_BEFORE_REF', BEFORE_REF, DEFAULT_BEFORE_REF]])}npm run bench -- function-footprint`),
  ].join('\n');
  writeResults('function-footprint', { meta, rows }, md, log);
}
