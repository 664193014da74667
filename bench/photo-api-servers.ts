/** The servers the photo API is compared with, and the fake bucket they all read. */
import { fmt, int } from './format.ts';
import { load, timedGet, type TimedGet } from './load.ts';
import { BENCH_BUCKET } from './photo-data.ts';
import { describeFirst, LABELS, log, measuredLoad, serverRow, type FakeInfo, type Row } from './photo-api-row.ts';
import type { PhotoApiSettings } from './photo-api-settings.ts';
import { memoryOf } from './process-usage.ts';
import { crashNote, startTsxChild, type Child } from './start-tsx-child.ts';

/** A fixed-JSON server, started, asked once and warmed up. */
export interface FixedJsonServer {
  server: Child<{ port: number; bytes: number }>;
  url: string;
  firstRequest: TimedGet;
  peakAfterFirstMB: number | null;
}

export async function startFixedJson(kind: 'bare' | 'framework', s: PhotoApiSettings): Promise<FixedJsonServer> {
  const server = await startTsxChild<{ port: number; bytes: number }>('bench/fixed-json-server.ts', [kind], {}, 60_000, true);
  const url = `http://127.0.0.1:${server.info.port}/`;
  const firstRequest = await timedGet(url, 10_000);
  const peakAfterFirstMB = memoryOf(server.pid)?.peakMB ?? null;
  if (s.warmupSeconds > 0) await load(url, { connections: s.connections, seconds: s.warmupSeconds });
  return { server, url, firstRequest, peakAfterFirstMB };
}

/** A fixed-JSON server's own row: one load run. */
export async function measureFixedJson(kind: 'bare' | 'framework', s: PhotoApiSettings): Promise<Row> {
  log(`${LABELS[kind]}: starting`);
  const { server, url, firstRequest, peakAfterFirstMB } = await startFixedJson(kind, s);
  try {
    const result = await measuredLoad(server.pid, url, { connections: s.connections, seconds: s.seconds });
    const mem = memoryOf(server.pid);
    log(
      `${LABELS[kind]}: ${fmt(result.rps, 0)} req/s, median ${fmt(result.medianMs, 3)} ms, ${result.cpuUsPerRequest} µs CPU/request, ` +
        `peak RSS ${fmt(mem?.peakMB, 1)} MB (body ${server.info.bytes} bytes, load average ${result.loadAverage})`,
    );
    return serverRow(kind, null, result, server, { firstRequest, peakAfterFirstMB });
  } finally {
    await server.stop();
  }
}

export async function startPhotoApiFake(photos: number, manifest: boolean): Promise<Child<FakeInfo>> {
  log(`fake GCS: seeding ${int(photos)} photos${manifest ? ' and the manifest' : ', no manifest'}`);
  const fake = await startTsxChild<FakeInfo>('bench/fake-gcs-process.ts', [], { PHOTOS: String(photos), MANIFEST: manifest ? '1' : '0' }, 300_000);
  log(`fake GCS: ready at ${fake.info.url} in ${fake.info.seedMs} ms${manifest ? ` (manifest ${fmt(fake.info.manifestBytes / 1e6, 1)} MB)` : ''}`);
  return fake;
}

export async function measureNaive(fake: Child<FakeInfo>, s: PhotoApiSettings): Promise<Row> {
  const photos = fake.info.photos;
  log(`${LABELS.naive} @ ${int(photos)}: starting`);
  const server = await startTsxChild<{ port: number }>('bench/naive-function.ts', [], {
    BUCKET: BENCH_BUCKET,
    STORAGE_EMULATOR_HOST: fake.info.url,
    GOOGLE_CLOUD_PROJECT: 'bench',
  }, 60_000, true);
  try {
    const url = `http://127.0.0.1:${server.info.port}/`;
    const firstRequest = await timedGet(url, 120_000);
    const peakAfterFirstMB = memoryOf(server.pid)?.peakMB ?? null;
    log(`${LABELS.naive} @ ${int(photos)}: first request ${describeFirst(firstRequest)}`);
    const result = await measuredLoad(server.pid, url, { connections: s.naiveConnections, seconds: s.seconds });
    const mem = memoryOf(server.pid);
    const crashed = crashNote(server);
    log(
      `${LABELS.naive} @ ${int(photos)}: ` +
        (result.completed === 0 ? `none completed in ${s.seconds} s` : `${fmt(result.rps, 1)} req/s, median ${fmt(result.medianMs, 1)} ms`) +
        `, peak RSS ${fmt(mem?.peakMB, 1)} MB${crashed ? `; ${crashed}` : ''}`,
    );
    return { ...serverRow('naive', photos, result, server, { firstRequest, peakAfterFirstMB }), fake: fake.info };
  } finally {
    // In-flight listings would otherwise keep both cores busy into the next phase.
    await server.stop();
  }
}
