/**
 * The Cloud Storage fake (test/support/fake-gcs.ts) in its own process, so the
 * server under test never shares an event loop with it. Seeds PHOTOS photo
 * objects (custom metadata as `photo-frame upload` writes it, one shared small
 * body) and, unless MANIFEST=0, the manifest `_photo-frame/manifest.jsonl`
 * (written with photo-frame's own `serializeManifest`, so it follows the format).
 *
 * Prints one JSON line on stdout once ready:
 *   {"url": "http://127.0.0.1:P", "control": "http://127.0.0.1:Q", "photos": N, ...}
 * `GET <control>/requests` answers the requests the fake has seen, counted by kind.
 *
 * Run: PHOTOS=1000 MANIFEST=1 node --import tsx bench/fake-gcs-process.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MANIFEST_NAME, serializeManifest } from '../src/format/manifest.ts';
import { toMetadata, type PhotoRecord } from '../src/format/photo-record.ts';
import { startFakeGcs } from '../test/support/fake-gcs.ts';
import { BENCH_BUCKET, makeRecord } from './photo-data.ts';

const photos = Number(process.env.PHOTOS ?? 10);
const withManifest = process.env.MANIFEST !== '0';
if (!Number.isInteger(photos) || photos < 0) throw new Error(`PHOTOS=${process.env.PHOTOS} is not a whole number`);

const started = performance.now();
const fake = await startFakeGcs({ buckets: [BENCH_BUCKET] });
/** A stand-in for JPEG bytes, shared by every object (the fake keeps it by reference). */
const BODY = Buffer.alloc(2048, 0xd8);
const records: PhotoRecord[] | undefined = withManifest ? [] : undefined;
for (let i = 0; i < photos; i++) {
  const record = makeRecord(i);
  fake.put(BENCH_BUCKET, record.id, BODY, { contentType: 'image/jpeg', metadata: toMetadata(record) });
  records?.push(record);
}
let manifestBytes = 0;
if (records) {
  const bytes = Buffer.from(serializeManifest(records));
  manifestBytes = bytes.length;
  fake.put(BENCH_BUCKET, MANIFEST_NAME, bytes, { contentType: 'application/jsonl', cacheControl: 'no-store' });
}
fake.resetRequests();

const control = createServer((req, res) => {
  if (req.url === '/requests') {
    const byKind: Record<string, number> = {};
    for (const r of fake.requests) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total: fake.requests.length, byKind }));
    return;
  }
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

process.on('SIGTERM', () => {
  control.close();
  void fake.close().finally(() => process.exit(0));
});

console.log(
  JSON.stringify({
    url: fake.url,
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    photos,
    manifest: withManifest,
    manifestBytes,
    seedMs: Math.round(performance.now() - started),
  }),
);
