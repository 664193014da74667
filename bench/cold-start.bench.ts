/**
 * The cold-start benchmark: from spawning a function to its first `200` on
 * `GET /`, for photo-frame on the Cloud Storage store (the fake, its own
 * process) at 10 to 100,000 photos, and for the floor: the functions
 * framework answering a fixed JSON body (bench/fixed-json-function.mjs).
 * Both are started as the runtime starts a function (the framework's own
 * binary with PORT, FUNCTION_TARGET, FUNCTION_SIGNATURE_TYPE and K_SERVICE),
 * alternated, for several rounds; medians are compared. Two configurations:
 * as deployed (the instance's NODE_OPTIONS plus the runtime's heap flag for
 * 256 MiB; with BENCH_MEMORY_CGROUP each server in a memory cgroup of its
 * own with that limit) and this machine's defaults. Writes
 * bench/results/cold-start.{json,md}. Not a test: a missed target does not
 * fail the run.
 *
 * Environment: BENCH_ROUNDS (default 7), BENCH_SIZES (default
 * 10,1000,10000,100000), BENCH_NODE (the Node binary the servers run, default
 * this one: Cloud Functions runs nodejs22), BENCH_MEMORY_CGROUP.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseInstanceSettings } from '../scripts/deploy/deploy-config.ts';
import { runtimeHeapFlag } from '../scripts/deploy/start-as-runtime.ts';
import { freePort } from '../scripts/spawn-function.ts';
import { MANIFEST_NAME } from '../src/format/manifest.ts';
import { BENCH_BUCKET, fixedAnswerJson } from './photo-data.ts';
import { envInt } from './env.ts';
import { difference, fakeRequestCounts } from './fake-requests.ts';
import { fmt, int } from './format.ts';
import { commitMeasured, machine } from './machine.ts';
import { cpuTimeMs } from './process-usage.ts';
import { type Target, targetLine } from './results-file.ts';
import { memoryCgroup, pinCores, type ServerSetup, spawnServer } from './spawn-server.ts';
import { type Child, startTsxChild, stopAll, stopChild, track } from './start-tsx-child.ts';
import { stats, type Stats } from './stats.ts';
import { coldStartFunction, type FunctionUnderTest } from './cold-start-function.ts';

export const name = 'cold-start';
export const description = 'spawn to the first answer of GET /: photo-frame at 10 to 100,000 photos vs the framework\'s fixed-JSON floor';

const TARGET_RATIO = 1.3;

interface Config {
  name: 'as deployed' | "this machine's defaults";
  setup: Pick<ServerSetup, 'cgroup' | 'nodeOptions'>;
}

interface FakeInfo {
  url: string;
  control: string;
  photos: number;
  manifestBytes: number;
  indexBytes: number;
}

type Kind = 'floor' | 'photo-frame' | 'photo-frame without index';

interface Sample {
  ms: number | null;
  /** CPU time (user + system) the server had used when its first answer arrived, ms: what it did, without the waits of a shared machine. */
  cpuMs?: number;
  error?: string;
  /** Requests the fake saw until the first answer (photo-frame), by kind. */
  storage?: Record<string, number>;
}

interface Row {
  config: Config['name'];
  kind: Kind;
  photos: number | null;
  samples: Sample[];
  stats: Stats | null;
  cpu: Stats | null;
  /** photo-frame rows: the median of this row over the median of the floor runs made alongside it. */
  ratio?: number;
  floorMedian?: number;
  /** photo-frame rows: the same for CPU time. */
  cpuRatio?: number;
  floorCpuMedian?: number;
}

const log = (message: string) => console.log(`[cold-start] ${message}`);
const loadAvg = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** The instance's NODE_OPTIONS as deployed: package.json config.instanceNodeOptions plus the runtime's heap flag for its memory. */
function deployedNodeOptions(): string {
  const { memory, nodeOptions } = parseInstanceSettings(process.env);
  return [nodeOptions, runtimeHeapFlag(memory)].filter(Boolean).join(' ');
}

/** Spawns one server and times spawn → first 200 on GET / (polling until it listens); always stops it. */
async function coldStart(
  fn: FunctionUnderTest,
  env: Record<string, string>,
  setup: Config['setup'],
  node: string,
  /** Run once the first answer is in, before the server is stopped. */
  onAnswer: () => Promise<Partial<Sample>> = async () => ({}),
  timeoutMs = 120_000,
): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnServer([fn.frameworkMain], {
    cwd: fn.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...fn.env, ...env, PORT: String(port), FUNCTION_SIGNATURE_TYPE: 'http', K_SERVICE: 'photo', K_REVISION: 'photo-00001-bench', NODE_ENV: 'production' },
  }, { ...setup, node });
  const { stderr } = track(child);
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) return { ms: null, error: `exited before answering: ${stderr().trim().split('\n').slice(-2).join(' | ').slice(0, 300)}` };
      if (performance.now() - started > timeoutMs) return { ms: null, error: `no answer within ${timeoutMs / 1000} s` };
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
        const ms = performance.now() - started;
        const body = await res.text();
        const cpuMs = cpuTimeMs(child.pid!);
        return res.status === 200 ? { ms, ...(cpuMs === undefined ? {} : { cpuMs }), ...(await onAnswer()) } : { ms: null, error: `status ${res.status}: ${body.slice(0, 200)}` };
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    await stopChild(child);
  }
}

async function startFake(photos: number, index: boolean): Promise<Child<FakeInfo>> {
  const fake = await startTsxChild<FakeInfo>('bench/fake-gcs-process.ts', [], { PHOTOS: String(photos), MANIFEST: '1', INDEX: index ? '1' : '0' }, 300_000);
  // The fake hashes an object when first asked for its metadata (47 MB at 100,000 photos): not part of any cold start.
  await fetch(`${fake.info.url}/storage/v1/b/${BENCH_BUCKET}/o/${encodeURIComponent(MANIFEST_NAME)}`).then((res) => res.arrayBuffer());
  log(`fake GCS: ${int(photos)} photos, manifest ${fmt(fake.info.manifestBytes / 1e6, 2)} MB${index ? `, index ${fmt(fake.info.indexBytes / 1e3, 1)} kB` : ', no index'}`);
  return fake;
}

export async function run(): Promise<void> {
  const startedAt = performance.now();
  const rounds = envInt('BENCH_ROUNDS', 7, 1);
  const sizes = (process.env.BENCH_SIZES || '10,1000,10000,100000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SIZES=${process.env.BENCH_SIZES} must list whole numbers`);
  const node = process.env.BENCH_NODE?.trim() || process.execPath;
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const cgroup = memoryCgroup();
  const configs: Config[] = [
    { name: 'as deployed', setup: { cgroup, nodeOptions: deployedNodeOptions() } },
    { name: "this machine's defaults", setup: { cgroup: undefined, nodeOptions: '' } },
  ];
  const pinned = pinCores();
  const fn = await coldStartFunction(log);
  log(`servers run ${nodeVersion} (${node}); the function from ${fn.description}${pinned ? `; servers pinned to core ${pinned.serverCore}` : ''}; load average ${loadAvg()}`);
  const floorEnv = { FUNCTION_TARGET: 'fixed', FUNCTION_SOURCE: path.join(process.cwd(), 'bench/fixed-json-function.mjs'), FIXED_JSON: fixedAnswerJson() };
  const rows: Row[] = [];
  const loadAverages = { start: loadAvg(), end: 0 };
  try {
    const fakes = new Map<string, Child<FakeInfo>>();
    for (const photos of sizes) fakes.set(`${photos}`, await startFake(photos, true));
    const largest = Math.max(...sizes);
    fakes.set('no index', await startFake(largest, false));
    for (const config of configs) {
      // One start of each, not counted: the first starts after a pause read files the others find cached.
      await coldStart(fn, floorEnv, config.setup, node);
      await coldStart(fn, { FUNCTION_TARGET: 'photo', BUCKET: BENCH_BUCKET, STORAGE_EMULATOR_HOST: fakes.get(`${sizes[0]}`)!.info.url }, config.setup, node);
      const plan: Array<{ kind: Kind; photos: number }> = sizes.map((photos) => ({ kind: 'photo-frame' as const, photos }));
      if (config.name === 'as deployed') plan.push({ kind: 'photo-frame without index', photos: largest });
      for (const { kind, photos } of plan) {
        const fake = fakes.get(kind === 'photo-frame' ? `${photos}` : 'no index')!;
        const env = { FUNCTION_TARGET: 'photo', BUCKET: BENCH_BUCKET, STORAGE_EMULATOR_HOST: fake.info.url, GOOGLE_CLOUD_PROJECT: 'bench', CATALOG_TTL_S: '3600' };
        const floor: Sample[] = [];
        const samples: Sample[] = [];
        for (let round = 0; round < rounds; round++) {
          // Alternated, and which goes first alternates too, so a drift in the machine's load hits both alike.
          const order = round % 2 === 0 ? ['floor', 'photo-frame'] : ['photo-frame', 'floor'];
          for (const which of order) {
            if (which === 'floor') {
              floor.push(await coldStart(fn, floorEnv, config.setup, node));
            } else {
              const before = await fakeRequestCounts(fake);
              samples.push(await coldStart(fn, env, config.setup, node, async () => ({ storage: difference(before, await fakeRequestCounts(fake)) })));
            }
          }
        }
        const floorStats = stats(floor.flatMap((s) => (s.ms === null ? [] : [s.ms])));
        const pfStats = stats(samples.flatMap((s) => (s.ms === null ? [] : [s.ms])));
        const floorCpu = stats(floor.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs])));
        const pfCpu = stats(samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs])));
        const ratio = floorStats && pfStats && samples.every((s) => s.ms !== null) ? pfStats.median / floorStats.median : undefined;
        const cpuRatio = floorCpu && pfCpu && floorCpu.median > 0 ? pfCpu.median / floorCpu.median : undefined;
        rows.push({ config: config.name, kind: 'floor', photos, samples: floor, stats: floorStats, cpu: floorCpu });
        rows.push({
          config: config.name, kind, photos, samples, stats: pfStats, cpu: pfCpu,
          ...(ratio !== undefined ? { ratio } : {}), ...(floorStats ? { floorMedian: floorStats.median } : {}),
          ...(cpuRatio !== undefined ? { cpuRatio } : {}), ...(floorCpu ? { floorCpuMedian: floorCpu.median } : {}),
        });
        log(
          `${config.name}, ${kind} @ ${int(photos)}: median ${fmt(pfStats?.median, 0)} ms vs floor ${fmt(floorStats?.median, 0)} ms = ${fmt(ratio, 2)}x ` +
            `(CPU ${fmt(pfCpu?.median, 0)} vs ${fmt(floorCpu?.median, 0)} ms = ${fmt(cpuRatio, 2)}x)` +
            `${samples.some((s) => s.error) ? ` (failed: ${samples.find((s) => s.error)!.error})` : ''}; load average ${loadAvg()}`,
        );
      }
    }
  } finally {
    await stopAll();
    await fn.cleanUp();
  }
  loadAverages.end = loadAvg();
  const targets = evaluate(rows);
  const meta = {
    ...machine(),
    serverNode: nodeVersion,
    commit: commitMeasured(),
    function: fn.description,
    rounds,
    sizes,
    loadAverages,
    pinned: pinned ?? null,
    memoryCgroup: cgroup ? { path: cgroup.path, limitMiB: cgroup.limitMiB } : null,
    nodeOptions: Object.fromEntries(configs.map((c) => [c.name, c.setup.nodeOptions])),
    runSeconds: Math.round((performance.now() - startedAt) / 100) / 10,
  };
  const md = markdown(rows, targets, meta);
  const dir = path.join(process.cwd(), 'bench/results');
  // Servers on another Node (BENCH_NODE) write beside the default run, not over it.
  const file = nodeVersion === process.version ? 'cold-start' : `cold-start-node${nodeVersion.replace(/^v(\d+).*/, '$1')}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify({ ...meta, command: command(meta), rows, targets }, null, 2) + '\n');
  writeFileSync(path.join(dir, `${file}.md`), md);
  console.log(`\n${md}`);
  log(`results written to bench/results/${file}.{json,md} (${meta.runSeconds} s)`);
}

function command(meta: { memoryCgroup: unknown; rounds: number }): string {
  const env = [
    meta.memoryCgroup ? `BENCH_MEMORY_CGROUP=${process.env.BENCH_MEMORY_CGROUP} ` : '',
    process.env.BENCH_NODE ? `BENCH_NODE=${process.env.BENCH_NODE} ` : '',
    process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${meta.rounds} ` : '',
    process.env.BENCH_SIZES ? `BENCH_SIZES=${process.env.BENCH_SIZES} ` : '',
  ].join('');
  return `npm run build && ${env}npm run bench -- cold-start`;
}

function evaluate(rows: Row[]): Target[] {
  const deployed = rows.filter((r) => r.config === 'as deployed' && r.kind === 'photo-frame');
  const worst = deployed.reduce<Row | undefined>((w, r) => (w === undefined || (r.ratio ?? Infinity) > (w.ratio ?? Infinity) ? r : w), undefined);
  return [
    {
      name: `first answer within ${TARGET_RATIO}x of the floor at every catalog size, as deployed`,
      met: deployed.length === 0 ? null : deployed.every((r) => r.ratio !== undefined && r.ratio <= TARGET_RATIO),
      detail: deployed.map((r) => `${int(r.photos!)}: ${fmt(r.ratio, 2)}x`).join(', ') + (worst ? ` (worst ${int(worst.photos!)} photos)` : ''),
    },
  ];
}

function markdown(rows: Row[], targets: Target[], meta: Record<string, unknown> & { serverNode: string; function: string; rounds: number; loadAverages: { start: number; end: number }; memoryCgroup: { limitMiB: number } | null; nodeOptions: Record<string, string>; cores: number; cpu: string; date: string; commit: string; runSeconds: number }): string {
  const lines = [
    '# Cold start',
    '',
    `Spawn to the first \`200\` on \`GET /\`, medians of ${meta.rounds} rounds, photo-frame and the floor alternated. ` +
      `Servers on ${meta.serverNode}; the function from ${meta.function}. ${meta.date}, commit ${meta.commit}, ${meta.cores} × ${meta.cpu}; ` +
      `load average ${meta.loadAverages.start} at the start, ${meta.loadAverages.end} at the end (the machine is shared: absolute times move with it, ratios to the floor much less). ${meta.runSeconds} s.`,
    '',
  ];
  for (const config of ["as deployed", "this machine's defaults"] as const) {
    const ofConfig = rows.filter((r) => r.config === config && r.kind !== 'floor');
    if (ofConfig.length === 0) continue;
    const options = meta.nodeOptions[config] || 'none';
    const limit = config === 'as deployed' ? (meta.memoryCgroup ? `, each server in a ${meta.memoryCgroup.limitMiB} MiB memory cgroup of its own` : ', no memory cgroup (BENCH_MEMORY_CGROUP unset)') : '';
    lines.push(`## ${config[0]!.toUpperCase()}${config.slice(1)}`, '', `NODE_OPTIONS: \`${options}\`${limit}.`, '');
    lines.push(
      '| server | catalog | first answer (median) | range | floor (median) | vs the floor | CPU time, vs the floor\'s | storage requests before the answer |',
      '|---|--:|--:|--:|--:|--:|--:|---|',
    );
    for (const row of ofConfig) {
      const storage = row.samples[0]?.storage ?? {};
      const failed = row.samples.filter((s) => s.error);
      lines.push(
        `| ${row.kind} | ${int(row.photos!)} | ${fmt(row.stats?.median, 0)} ms | ${fmt(row.stats?.min, 0)}–${fmt(row.stats?.max, 0)} ms | ${fmt(row.floorMedian, 0)} ms | ` +
          `${row.ratio === undefined ? '–' : `${fmt(row.ratio, 2)}x`} | ${fmt(row.cpu?.median, 0)} ms, ${row.cpuRatio === undefined ? '–' : `${fmt(row.cpuRatio, 2)}x`} | ${Object.entries(storage).map(([k, n]) => `${n} ${k}`).join(', ') || '–'}` +
          `${failed.length ? `; ${failed.length} failed: ${failed[0]!.error}` : ''} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Targets', '', ...targets.map(targetLine), '', `Reproduce: \`${command(meta as never)}\``, '');
  return lines.join('\n');
}
