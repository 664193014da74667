/**
 * The Cloud Storage fake (test/support/fake-gcs.ts) in its own process, so the
 * server under test never shares an event loop with it. Seeds PHOTOS photo
 * objects (custom metadata as `photo-frame upload` writes it, one shared small
 * body) and, unless MANIFEST=0, the manifest `_photo-frame/manifest.jsonl` and
 * its catalog index `_photo-frame/index.json`, as `blog-photo-frame upload`
 * publishes them (with its own `serializeManifest` and `indexManifest`, with
 * the same content type and cache policy).
 *
 * Prints one JSON line on stdout once ready:
 *   {"url": "http://127.0.0.1:P", "control": "http://127.0.0.1:Q", "photos": N, ...}
 * `GET <control>/requests` answers the requests the fake has seen, counted by kind.
 *
 * Run: PHOTOS=1000 MANIFEST=1 [INDEX=0] node --import tsx bench/fake-gcs-process.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INDEX_NAME, indexManifest } from '../src/format/catalog-index.ts';
import { MANIFEST_NAME, serializeManifest } from '../src/format/manifest.ts';
import { CACHE_CONTROL } from '../src/cli/photo-target.ts';
import { toMetadata, type PhotoRecord } from '../src/format/photo-record.ts';
import { startFakeGcs } from '../test/support/fake-gcs.ts';
import { BENCH_BUCKET, makeRecord } from './photo-data.ts';

const photos = Number(process.env.PHOTOS ?? 10);
const withManifest = process.env.MANIFEST !== '0';
/** INDEX=0: a manifest without its index, as an older upload left it. */
const withIndex = process.env.INDEX !== '0';
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
let indexBytes = 0;
if (records) {
  const text = serializeManifest(records);
  const index = Buffer.from(indexManifest(text)!);
  manifestBytes = Buffer.byteLength(text);
  indexBytes = withIndex ? index.length : 0;
  fake.put(BENCH_BUCKET, MANIFEST_NAME, Buffer.from(text), { contentType: 'application/jsonl; charset=utf-8', cacheControl: CACHE_CONTROL.manifest });
  if (withIndex) fake.put(BENCH_BUCKET, INDEX_NAME, index, { contentType: 'application/json; charset=utf-8', cacheControl: CACHE_CONTROL.index });
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
    indexBytes,
    seedMs: Math.round(performance.now() - started),
  }),
);
