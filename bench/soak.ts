/**
 * `npm run soak` (issue 6, "Load (soak)" and "Cost protection"): the BUILT photo
 * API (`functions-framework --target=photo`, as bench/start-photo-frame.ts starts it) under
 * SOAK_SECONDS (default 60) of autocannon `GET /` at 50 connections on loopback,
 * once per store, with CATALOG_TTL_S=1 so the catalog refreshes underneath the load:
 *   - local: PHOTOS_DIR=demo/photos;
 *   - gcs: the Cloud Storage store against the fake (bench/fake-gcs-process.ts, its
 *     own process) seeded with SOAK_PHOTOS (default 1,000) photos and their manifest.
 * Measures errors, non-2xx, p99, the function's RSS (VmRSS sampled every second,
 * averaged over the first and the last 10 s) and, for gcs, the storage requests
 * the fake saw during the load per request served. Writes bench/results/soak.{json,md}.
 * Like the benchmarks, a missed target is printed, not turned into an exit code.
 *
 * Run: npm run build && npm run soak            (SOAK_SECONDS=20 npm run soak for a short one)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/spawn-function.ts';
import { BENCH_BUCKET } from './photo-data.ts';
import { envInt } from './env.ts';
import { fakeRequestCounts } from './fake-requests.ts';
import { fmt, int, logger } from './format.ts';
import { load, type LoadResult, timedGet } from './load.ts';
import { commitMeasured, machine } from './machine.ts';
import { memoryOf } from './process-usage.ts';
import { reproduceSection, targetsSection, type Target } from './results-file.ts';
import { assertBuilt, startPhotoFrame } from './start-photo-frame.ts';
import { type Child, crashNote, startTsxChild, stopAll } from './start-tsx-child.ts';

const SECONDS = envInt('SOAK_SECONDS', 60, 5);
const PHOTOS = envInt('SOAK_PHOTOS', 1000, 1);
const CONNECTIONS = 50;
const TTL_S = 1;
/** RSS windows: the first and the last this many seconds (half the run when it is shorter than 20 s). */
const WINDOW_S = Math.min(10, Math.floor(SECONDS / 2));
/** "Flat": the last window's mean RSS at most this much above the first's. */
const FLAT_RATIO = 1.1;

interface FakeInfo { url: string; control: string; photos: number; manifest: boolean; manifestBytes: number; seedMs: number }
interface RssSample { t: number; rssMB: number }

interface Run {
  store: 'local' | 'gcs';
  label: string;
  photos: number | null;
  load: LoadResult;
  rss: { samples: RssSample[]; firstMB: number | null; lastMB: number | null; ratio: number | null; flat: boolean; peakMB: number | null };
  /** Storage requests the fake saw during the load (gcs only). */
  storage: { total: number; byKind: Record<string, number>; perServedRequest: number | null; perTtlSecond: number } | null;
  crashed?: string;
}

const log = logger('soak');
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round = (v: number | null, digits = 1) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** The load, with the function's VmRSS read every second from its start. */
async function soak(pid: number, url: string): Promise<{ load: LoadResult; samples: RssSample[] }> {
  const samples: RssSample[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const rss = memoryOf(pid)?.rssMB;
    if (rss !== undefined && !Number.isNaN(rss)) samples.push({ t: Math.round((performance.now() - started) / 100) / 10, rssMB: rss });
  }, 1000);
  try {
    return { load: await load(url, { connections: CONNECTIONS, seconds: SECONDS }), samples };
  } finally {
    clearInterval(timer);
  }
}

function rssSummary(samples: RssSample[], pid: number): Run['rss'] {
  const firstMB = mean(samples.filter((s) => s.t <= WINDOW_S + 0.5).map((s) => s.rssMB));
  const lastMB = mean(samples.filter((s) => s.t > SECONDS - WINDOW_S + 0.5).map((s) => s.rssMB));
  const ratio = firstMB && lastMB ? lastMB / firstMB : null;
  return { samples, firstMB: round(firstMB), lastMB: round(lastMB), ratio: round(ratio, 3), flat: ratio !== null && ratio <= FLAT_RATIO, peakMB: memoryOf(pid)?.peakMB ?? null };
}

async function runStore(store: Run['store'], fake?: Child<FakeInfo>): Promise<Run> {
  const label = store === 'local' ? 'local store (demo/photos)' : `Cloud Storage store (fake, ${int(PHOTOS)} photos + manifest)`;
  log(`${label}: starting the function`);
  const api = await startPhotoFrame(
    store === 'local'
      ? { BUCKET: '', PHOTOS_DIR: 'demo/photos', CATALOG_TTL_S: String(TTL_S) }
      : { BUCKET: BENCH_BUCKET, STORAGE_EMULATOR_HOST: fake!.info.url, GOOGLE_CLOUD_PROJECT: 'bench', CATALOG_TTL_S: String(TTL_S) },
  );
  try {
    const url = `${api.info.url}/`;
    const first = await timedGet(url, 60_000); // loads the catalog
    if (first.status !== 200) throw new Error(`${label}: the first GET / answered ${first.status ?? first.error}\n${api.stderr()}`);
    const before = fake ? await fakeRequestCounts(fake) : undefined;
    log(`${label}: ${SECONDS} s of autocannon at ${CONNECTIONS} connections, CATALOG_TTL_S=${TTL_S}`);
    const { load: result, samples } = await soak(api.pid, url);
    const after = fake ? await fakeRequestCounts(fake) : undefined;
    const rss = rssSummary(samples, api.pid);
    let storage: Run['storage'] = null;
    if (before && after) {
      const byKind: Record<string, number> = {};
      for (const [kind, n] of Object.entries(after.byKind)) if (n - (before.byKind[kind] ?? 0) > 0) byKind[kind] = n - (before.byKind[kind] ?? 0);
      const total = after.total - before.total;
      storage = {
        total,
        byKind,
        perServedRequest: result.completed ? total / result.completed : null,
        perTtlSecond: round(total / (result.seconds / TTL_S), 2)!,
      };
    }
    const crashed = crashNote(api);
    log(
      `${label}: ${int(result.completed)} answered (${fmt(result.rps, 0)} req/s), ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ` +
        `p99 ${fmt(result.p99Ms, 2)} ms; RSS first ${WINDOW_S} s ${fmt(rss.firstMB)} MB, last ${WINDOW_S} s ${fmt(rss.lastMB)} MB (×${fmt(rss.ratio, 3)})` +
        (storage ? `; storage requests during the load: ${storage.total} ${JSON.stringify(storage.byKind)}` : '') +
        (crashed ? `; ${crashed}` : ''),
    );
    return { store, label, photos: store === 'gcs' ? PHOTOS : null, load: result, rss, storage, ...(crashed ? { crashed } : {}) };
  } finally {
    await api.stop();
  }
}


function evaluate(runs: Run[]): Target[] {
  const targets: Target[] = [];
  for (const r of runs) {
    const failures = r.load.errors + r.load.timeouts;
    targets.push({ name: `${r.store}: zero errors`, met: failures === 0 && !r.crashed, detail: `${r.load.errors} errors, ${r.load.timeouts} timeouts${r.crashed ? `; ${r.crashed}` : ''}` });
    targets.push({ name: `${r.store}: zero non-2xx`, met: r.load.non2xx === 0, detail: `${r.load.non2xx} non-2xx of ${int(r.load.completed + r.load.non2xx)}` });
    targets.push({
      name: `${r.store}: RSS flat (last ${WINDOW_S} s within ${Math.round((FLAT_RATIO - 1) * 100)}% of the first ${WINDOW_S} s)`,
      met: r.rss.flat,
      detail: `${fmt(r.rss.firstMB)} MB → ${fmt(r.rss.lastMB)} MB (×${fmt(r.rss.ratio, 3)})`,
    });
    if (r.storage) {
      const perTtl = r.storage.perTtlSecond;
      targets.push({
        name: `${r.store}: no storage call per request (storage requests grow with time, about one per TTL, not with requests)`,
        met: r.storage.perServedRequest !== null && r.storage.perServedRequest < 0.001 && perTtl <= 1.5,
        detail: `${int(r.storage.total)} storage requests ${JSON.stringify(r.storage.byKind)} for ${int(r.load.completed)} answers = ${r.storage.perServedRequest?.toExponential(2)} per request; ${perTtl} per ${TTL_S} s TTL`,
      });
      targets.push({
        name: `${r.store}: the catalog refreshed underneath the load`,
        met: perTtl >= 0.5,
        detail: `${perTtl} manifest checks per ${TTL_S} s TTL over ${fmt(r.load.seconds, 0)} s`,
      });
    }
  }
  return targets;
}


function markdown(runs: Run[], targets: Target[], meta: { date: string; commit: string; node: string; cpu: string; cores: number; command: string }): string {
  const rows = runs.map((r) =>
    [
      r.label,
      int(r.load.completed),
      fmt(r.load.rps, 0),
      String(r.load.errors + r.load.timeouts),
      String(r.load.non2xx),
      fmt(r.load.medianMs, 2),
      fmt(r.load.p99Ms, 2),
      fmt(r.rss.firstMB),
      fmt(r.rss.lastMB),
      fmt(r.rss.ratio, 3),
      r.storage ? int(r.storage.total) : '–',
      r.storage?.perServedRequest != null ? r.storage.perServedRequest.toExponential(2) : '–',
    ].join(' | '),
  );
  return [
    '# Soak',
    '',
    `${meta.date}, commit ${meta.commit}, Node ${meta.node}, ${meta.cpu} × ${meta.cores} cores.`,
    '',
    `\`GET /\` on 127.0.0.1 with autocannon for ${SECONDS} s at ${CONNECTIONS} connections per store, against the built function ` +
      `(\`functions-framework --target=photo\`, log lines to /dev/null) with CATALOG_TTL_S=${TTL_S}, so the catalog goes stale and refreshes ` +
      `in the background every second of the load. The Cloud Storage fake (test/support/fake-gcs.ts) runs in its own process. ` +
      `RSS is the function's VmRSS sampled every second, averaged over the first and the last ${WINDOW_S} s (MB = 10^6 bytes). ` +
      `Errors include timeouts. Storage requests are those the fake saw during the load (the local store reads the disk: not counted).`,
    '',
    `| store | answered | req/s | errors | non-2xx | median ms | p99 ms | RSS first ${WINDOW_S} s MB | RSS last ${WINDOW_S} s MB | last/first | storage requests | storage requests per answer |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r} |`),
    '',
    ...targetsSection(targets),
    ...reproduceSection(meta.command),
  ].join('\n');
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

assertBuilt();
const started = performance.now();
const runs: Run[] = [];
try {
  runs.push(await runStore('local'));
  log(`fake GCS: seeding ${int(PHOTOS)} photos and the manifest`);
  const fake = await startTsxChild<FakeInfo>('bench/fake-gcs-process.ts', [], { PHOTOS: String(PHOTOS), MANIFEST: '1' }, 300_000);
  try {
    runs.push(await runStore('gcs', fake));
  } finally {
    await fake.stop();
  }
} finally {
  await stopAll();
}

const env = [SECONDS !== 60 ? `SOAK_SECONDS=${SECONDS}` : '', PHOTOS !== 1000 ? `SOAK_PHOTOS=${PHOTOS}` : ''].filter(Boolean).join(' ');
const meta = {
  ...machine(),
  commit: commitMeasured(),
  command: `npm run build && ${env ? `${env} ` : ''}npm run soak`,
};
const targets = evaluate(runs);
const md = markdown(runs, targets, meta);
const dir = path.join(ROOT, 'bench/results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'soak.json'),
  JSON.stringify({ ...meta, seconds: SECONDS, connections: CONNECTIONS, catalogTtlS: TTL_S, rssWindowS: WINDOW_S, flatRatio: FLAT_RATIO, photos: PHOTOS, runs, targets, runSeconds: Math.round((performance.now() - started) / 100) / 10 }, null, 2) + '\n',
);
writeFileSync(path.join(dir, 'soak.md'), md);
console.log(`\n${md}`);
log(`results written to bench/results/soak.{json,md}; ${targets.filter((t) => !t.met).length} target(s) missed`);
