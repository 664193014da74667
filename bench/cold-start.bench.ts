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
import path from 'node:path';
import { MANIFEST_NAME } from '../src/format/manifest.ts';
import { coldStartFunction } from './cold-start-function.ts';
import { coldStartCommand, coldStartMarkdown, coldStartTargets, type Kind, type Row } from './cold-start-markdown.ts';
import { envInt, envSizes } from './env.ts';
import { difference, fakeRequestCounts } from './fake-requests.ts';
import { fmt, int, logger } from './format.ts';
import { commitMeasured, loadAverage, machine } from './machine.ts';
import { BENCH_BUCKET, fixedAnswerJson } from './photo-data.ts';
import { writeResults } from './results-file.ts';
import { memoryCgroup, pinCores } from './spawn-server.ts';
import { startTsxChild, stopAll, type Child } from './start-tsx-child.ts';
import { stats } from './stats.ts';
import { deployedNodeOptions, timeColdStart, type ColdStartConfig, type Sample } from './time-cold-start.ts';

export const name = 'cold-start';
export const description = 'spawn to the first answer of GET /: photo-frame at 10 to 100,000 photos vs the framework\'s fixed-JSON floor';

interface FakeInfo {
  url: string;
  control: string;
  photos: number;
  manifestBytes: number;
  indexBytes: number;
}

const log = logger('cold-start');

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
  const sizes = envSizes();
  const node = process.env.BENCH_NODE?.trim() || process.execPath;
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const cgroup = memoryCgroup();
  const configs: ColdStartConfig[] = [
    { name: 'as deployed', setup: { cgroup, nodeOptions: deployedNodeOptions() } },
    { name: "this machine's defaults", setup: { cgroup: undefined, nodeOptions: '' } },
  ];
  const pinned = pinCores();
  const fn = await coldStartFunction(log);
  log(`servers run ${nodeVersion} (${node}); the function from ${fn.description}${pinned ? `; servers pinned to core ${pinned.serverCore}` : ''}; load average ${loadAverage()}`);
  const floorEnv = { FUNCTION_TARGET: 'fixed', FUNCTION_SOURCE: path.join(process.cwd(), 'bench/fixed-json-function.mjs'), FIXED_JSON: fixedAnswerJson() };
  const rows: Row[] = [];
  const loadAverages = { start: loadAverage(), end: 0 };
  try {
    const fakes = new Map<string, Child<FakeInfo>>();
    for (const photos of sizes) fakes.set(`${photos}`, await startFake(photos, true));
    const largest = Math.max(...sizes);
    fakes.set('no index', await startFake(largest, false));
    for (const config of configs) {
      // One start of each, not counted: the first starts after a pause read files the others find cached.
      await timeColdStart(fn, floorEnv, config.setup, node);
      await timeColdStart(fn, { FUNCTION_TARGET: 'photo', BUCKET: BENCH_BUCKET, STORAGE_EMULATOR_HOST: fakes.get(`${sizes[0]}`)!.info.url }, config.setup, node);
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
              floor.push(await timeColdStart(fn, floorEnv, config.setup, node));
            } else {
              const before = await fakeRequestCounts(fake);
              samples.push(await timeColdStart(fn, env, config.setup, node, async () => ({ storage: difference(before, await fakeRequestCounts(fake)) })));
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
            `${samples.some((s) => s.error) ? ` (failed: ${samples.find((s) => s.error)!.error})` : ''}; load average ${loadAverage()}`,
        );
      }
    }
  } finally {
    await stopAll();
    await fn.cleanUp();
  }
  loadAverages.end = loadAverage();
  const targets = coldStartTargets(rows);
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
  const md = coldStartMarkdown(rows, targets, meta);
  // Servers on another Node (BENCH_NODE) write beside the default run, not over it.
  const file = nodeVersion === process.version ? 'cold-start' : `cold-start-node${nodeVersion.replace(/^v(\d+).*/, '$1')}`;
  writeResults(file, { ...meta, command: coldStartCommand(meta), rows, targets }, md, log, meta.runSeconds);
}
