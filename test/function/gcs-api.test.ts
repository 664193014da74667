/**
 * The photo API on the Cloud Storage store: the real @google-cloud/storage
 * client against the HTTP fake of the GCS JSON API (test/support/fake-gcs.ts),
 * on the bucket of test/function/support/gcs-photos.ts: listing, photo URLs,
 * STORAGE_EMULATOR_HOST and randomness. The manifest and storage faults are in
 * gcs-api-catalog.test.ts, names beyond ASCII in gcs-api-names.test.ts.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { isPhoto, type Photo } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { BUCKET, JPEG, listAll, PHOTOS, useGcsPhotos, withApi } from './support/gcs-photos.js';

const gcs = useGcsPhotos();

describe('listing the bucket', () => {
  test('reads every page, keeps only published images, and maps custom metadata to the contract', async () => {
    const store = new GcsStore(BUCKET, { storage: gcs.fake.storage(), pageSize: 2 });
    await withApi({}, { store }, async (api) => {
      const photos = await listAll(api);
      assert.deepEqual(photos.map((p) => p.id), PHOTOS.map((p) => p.id));
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'list').length, 5, '10 objects in pages of 2');
      const harbour = photos[0]!;
      assert.ok(isPhoto(harbour));
      assert.deepEqual(harbour, {
        id: '2024/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour', alt: 'Boats moored at a stone quay',
        date: '2024-06-01T21:40:00+02:00', placeholder: 'HBkSHYSIeHiPiHh8eJd4eIfwdoB3',
        url: `${gcs.fake.url}/${BUCKET}/2024/harbour.jpg`,
        variants: [
          { url: `${gcs.fake.url}/${BUCKET}/_photo-frame/variants/harbour-640.webp`, width: 640, type: 'image/webp' },
          { url: `${gcs.fake.url}/${BUCKET}/_photo-frame/variants/harbour-1280.webp`, width: 1280, type: 'image/webp' },
        ],
      });
    });
  });

  test('an image without width/height metadata is not shown, and the log says how to publish it', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, async (api) => {
      assert.ok(!(await listAll(api)).some((p) => p.id === 'dropped-by-hand.jpg'));
      assert.ok(api.logs.some((l) => l.severity === 'WARNING' && /1 image\(s\).*"blog-photo-frame upload"/.test(String(l.message))));
    });
  });

  test('the catalog is not re-listed per request', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, async (api) => {
      for (let i = 0; i < 50; i++) assert.equal((await api.get('/')).status, 200);
      await api.get('/photos');
      assert.equal(gcs.fake.requests.filter((r) => r.kind === 'list').length, 1);
    });
  });

  test('an empty bucket answers 404 no_photos', async () => {
    await withApi({ BUCKET: 'empty-bucket' }, { store: new GcsStore('empty-bucket', { storage: gcs.fake.storage() }) }, async (api) => {
      const response = await api.get('/');
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'no_photos');
    });
  });
});

describe('photo URLs', () => {
  test('public URLs load the image straight from storage', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, async (api) => {
      const stars = (await listAll(api)).find((p) => p.id.startsWith('night sky/'))!;
      assert.equal(stars.url, `${gcs.fake.url}/${BUCKET}/night%20sky/stars%20%26%20moon.jpg`);
      const image = await fetch(stars.url);
      assert.equal(image.status, 200);
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), JPEG);
    });
  });

  test('PUBLIC_BASE_URL puts a CDN or custom domain in front', async () => {
    const store = new GcsStore(BUCKET, { storage: gcs.fake.storage(), publicBaseUrl: 'https://photos.example.com' });
    await withApi({}, { store }, async (api) => {
      const photo = (await (await api.get('/?album=2025')).json()) as Photo;
      assert.equal(photo.url, 'https://photos.example.com/2025/dunes.jpg');
    });
  });

  test('signed URLs load the image, and stay the same within a window so they can be cached', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const credentials = { client_email: 'photo-api@test.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    let now = Date.now();
    const store = new GcsStore(BUCKET, { storage: gcs.fake.storage({ credentials }), urlMode: 'signed', signedUrlWindowS: 3600, now: () => now });
    await withApi({}, { store }, async (api) => {
      const first = (await (await api.get('/?album=2025')).json()) as Photo;
      const url = new URL(first.url);
      assert.equal(url.origin + url.pathname, `${gcs.fake.url}/${BUCKET}/2025/dunes.jpg`);
      assert.equal(url.searchParams.get('X-Goog-Algorithm'), 'GOOG4-RSA-SHA256');
      assert.match(url.searchParams.get('X-Goog-Signature') ?? '', /^[0-9a-f]{512}$/);
      const lifetime = Number(url.searchParams.get('X-Goog-Expires'));
      assert.ok(lifetime > 3600 - 5 && lifetime <= 7200, `expires within one to two windows, got ${lifetime}`);
      assert.equal((await fetch(first.url)).status, 200);

      const again = (await (await api.get('/?album=2025')).json()) as Photo;
      assert.equal(again.url, first.url, 'same window, same URL');
      now += 3600_000;
      const later = (await (await api.get('/?album=2025')).json()) as Photo;
      assert.notEqual(later.url, first.url, 'next window, new URL');
    });
  });
});

describe('STORAGE_EMULATOR_HOST', () => {
  test('is honoured like the client does, with no store injected', async () => {
    // Read with the rest of the configuration; the client the function loads is pointed there too.
    await withApi({ GOOGLE_CLOUD_PROJECT: 'test', STORAGE_EMULATOR_HOST: gcs.fake.url }, {}, async (api) => {
      const photo = (await (await api.get('/?album=2024')).json()) as Photo;
      assert.match(photo.id, /^2024\//);
      assert.equal(photo.url, `${gcs.fake.url}/${BUCKET}/${photo.id}`);
    });
  });
});

describe('randomness', () => {
  test('over many picks every photo appears and none dominates', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, async (api) => {
      const counts = new Map<string, number>();
      const picks = 1500;
      for (let i = 0; i < picks; i++) {
        const { id } = (await (await api.get('/')).json()) as Photo;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      assert.equal(counts.size, PHOTOS.length);
      // Expected 300 each; a fair die stays within ±25% with overwhelming probability (sd ≈ 15.5).
      for (const [id, n] of counts) assert.ok(n > 225 && n < 375, `${id} picked ${n} times of ${picks}`);
    });
  });
});
