/**
 * The photo API's catalog on the Cloud Storage store (the fake of
 * test/function/support/gcs-photos.ts): the manifest read instead of listing,
 * a broken one refused whole, and storage faults before and after the first load.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GcsStore } from '../../src/function/gcs-store.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import type { PhotoRecord } from '../../src/format/photo-record.js';
import type { Fault } from '../support/fake-gcs.js';
import { waitFor } from '../support/wait-for.js';
import { BUCKET, listAll, PHOTOS, untilFresh, useGcsPhotos, withApi } from './support/gcs-photos.js';

const gcs = useGcsPhotos();

describe('the manifest', () => {
  const manifest = (photos: PhotoRecord[]) => serializeManifest(photos, '2025-01-01T00:00:00Z');

  test('is read instead of listing, and only re-read when it changes', async () => {
    gcs.fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(0, 2)), { contentType: 'application/json' });
    let now = Date.now();
    await withApi({ CATALOG_TTL_S: '60' }, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }), now: () => now }, async (api) => {
      assert.deepEqual((await listAll(api)).map((p) => p.id), ['2024/harbour.jpg', '2024/ridge.jpg']);
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'list').length, 0);
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'media').length, 1);

      now += 61_000; // stale: one refresh in the background finds the manifest unchanged
      await untilFresh(api);
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'media').length, 1, 'unchanged manifest not downloaded again');

      gcs.fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(2, 3)), { contentType: 'application/json' });
      now += 61_000;
      await untilFresh(api);
      assert.deepEqual((await listAll(api)).map((p) => p.id), ['2025/dunes.jpg']);
    });
  });

  const broken: [string, string][] = [
    ['cut short', manifest(PHOTOS).split('\n').slice(0, 3).join('\n')],
    ['not a manifest', '{"version": 2}\n'],
    ['a malformed line', manifest(PHOTOS).replace('"2024/ridge.jpg"', '"2024/ridge.jpg')],
  ];
  for (const [name, text] of broken) {
    test(`one ${name} is refused whole: the last good catalog stays in service`, async () => {
      gcs.fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(0, 1)), { contentType: 'application/jsonl' });
      let now = Date.now();
      await withApi({ CATALOG_TTL_S: '60' }, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }), now: () => now }, async (api) => {
        assert.deepEqual((await listAll(api)).map((p) => p.id), ['2024/harbour.jpg']);
        gcs.fake.put(BUCKET, MANIFEST_NAME, text, { contentType: 'application/jsonl' });
        now += 61_000;
        await api.get('/');
        await waitFor(() => api.logs.some((l) => /Catalog refresh failed: .*manifest\.jsonl/.test(String(l.message))));
        assert.deepEqual((await listAll(api)).map((p) => p.id), ['2024/harbour.jpg']);
      });
    });
  }
});

describe('storage faults', () => {
  const faults: [string, Fault][] = [
    ['a 500', { status: 500 }],
    ['a 503', { status: 503 }],
    ['a connection reset', { reset: true }],
    ['a truncated list', { truncateList: true, only: 'list' }],
    ['a malformed list', { malformedList: true, only: 'list' }],
  ];

  for (const [name, fault] of faults) {
    test(`${name} before the first load answers 503 with Retry-After, never "no photos"`, async () => {
      gcs.fake.fault(fault);
      await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.noRetry() }) }, async (api) => {
        const response = await api.get('/');
        assert.equal(response.status, 503);
        assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'storage_unavailable');
        assert.ok(!JSON.stringify(body).includes(gcs.fake.url), 'no storage address in the body');
      });
    });
  }

  test('an outage serves the last good catalog while within its stale limit, then 503, then recovers without a restart', async () => {
    let now = Date.now();
    const env = { CATALOG_TTL_S: '60', STALE_IF_ERROR_S: '600' };
    await withApi(env, { store: new GcsStore(BUCKET, { storage: gcs.noRetry() }), now: () => now }, async (api) => {
      assert.equal((await api.get('/')).status, 200);
      gcs.fake.fault({ status: 503 });

      now += 120_000; // past the TTL, within the stale limit
      for (let i = 0; i < 5; i++) assert.equal((await api.get('/')).status, 200);
      await waitFor(() => api.logs.some((l) => String(l.message).startsWith('Catalog refresh failed')));
      assert.equal(api.logs.filter((l) => l.httpRequest).at(-1)!.catalog, 'stale');

      now += 600_000; // past the stale limit
      const down = await api.get('/');
      assert.equal(down.status, 503);
      assert.ok(Number(down.headers.get('retry-after')) >= 1);

      gcs.fake.fault(null);
      now += 61_000; // after the retry wait
      const back = await api.get('/');
      assert.equal(back.status, 200);
      assert.equal(api.logs.filter((l) => l.httpRequest).at(-1)!.catalog, 'fresh');
    });
  });

  test('exactly one refresh is in flight at a time', async () => {
    let now = Date.now();
    await withApi({ CATALOG_TTL_S: '1' }, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }), now: () => now }, async (api) => {
      await api.get('/');
      gcs.fake.resetRequests();
      gcs.fake.fault({ delayMs: 300, only: 'list' });
      now += 5000;
      const answers = await Promise.all(Array.from({ length: 30 }, () => api.get('/')));
      assert.ok(answers.every((r) => r.status === 200));
      await untilFresh(api);
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'list').length, 1);
    });
  });
});
