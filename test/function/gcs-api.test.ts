/**
 * The photo API on the Cloud Storage store: the real @google-cloud/storage
 * client against the HTTP fake of the GCS JSON API (test/support/fake-gcs.ts).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { isPhoto, type Photo, type PhotoList } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import { toMetadata, type PhotoRecord } from '../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs, type Fault } from '../support/fake-gcs.js';
import { startApi, type TestApi } from '../support/start-api.js';

const BUCKET = 'blog-photos';
const JPEG = Buffer.from('fake jpeg bytes');
let fake: FakeGcs;

/** A client that fails at once instead of retrying, so fault tests are quick. */
const noRetry = () => fake.storage({ retryOptions: { autoRetry: false }, timeout: 2000 });

function publish(record: PhotoRecord, contentType = 'image/jpeg'): void {
  fake.put(BUCKET, record.id, JPEG, { contentType, metadata: toMetadata(record) });
}

const PHOTOS: PhotoRecord[] = [
  { id: '2024/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour', alt: 'Boats moored at a stone quay', date: '2024-06-01T21:40:00+02:00', placeholder: 'HBkSHYSIeHiPiHh8eJd4eIfwdoB3', variants: [{ name: '_photo-frame/variants/harbour-1280.webp', width: 1280, type: 'image/webp' }, { name: '_photo-frame/variants/harbour-640.webp', width: 640, type: 'image/webp' }] },
  { id: '2024/ridge.jpg', width: 1067, height: 1600, caption: 'Ridge' },
  { id: '2025/dunes.jpg', width: 2000, height: 850 },
  { id: 'lake.jpg', width: 1200, height: 1200, date: '2023-01-02T03:04:05Z' },
  { id: 'night sky/stars & moon.jpg', width: 1600, height: 1067, caption: 'Stars' },
];

function seedBucket(): void {
  for (const name of fake.names(BUCKET)) fake.remove(BUCKET, name);
  for (const photo of PHOTOS) publish(photo);
  fake.put(BUCKET, 'README.txt', 'not a photo', { contentType: 'text/plain' });
  fake.put(BUCKET, 'notes.jpg', 'a text file with an image name', { contentType: 'text/plain' });
  fake.put(BUCKET, '_photo-frame/variants/harbour-640.webp', JPEG, { contentType: 'image/webp', metadata: { width: '640', height: '427' } });
  fake.put(BUCKET, 'dropped-by-hand.jpg', JPEG, { contentType: 'image/jpeg' });
}

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET, 'empty-bucket'] });
});
beforeEach(() => {
  seedBucket();
  fake.fault(null);
  fake.resetRequests();
});
after(() => fake.close());

async function withApi<T>(env: NodeJS.ProcessEnv, options: Parameters<typeof startApi>[1], run: (api: TestApi) => Promise<T>): Promise<T> {
  const api = await startApi({ BUCKET, ...env }, options);
  try {
    return await run(api);
  } finally {
    await api.close();
  }
}

async function listAll(api: TestApi): Promise<Photo[]> {
  return ((await (await api.get('/photos?limit=1000')).json()) as PhotoList).photos;
}

describe('listing the bucket', () => {
  test('reads every page, keeps only published images, and maps custom metadata to the contract', async () => {
    const store = new GcsStore(BUCKET, { storage: fake.storage(), pageSize: 2 });
    await withApi({}, { store }, async (api) => {
      const photos = await listAll(api);
      assert.deepEqual(photos.map((p) => p.id), PHOTOS.map((p) => p.id));
      assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 5, '10 objects in pages of 2');
      const harbour = photos[0]!;
      assert.ok(isPhoto(harbour));
      assert.deepEqual(harbour, {
        id: '2024/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour', alt: 'Boats moored at a stone quay',
        date: '2024-06-01T21:40:00+02:00', placeholder: 'HBkSHYSIeHiPiHh8eJd4eIfwdoB3',
        url: `${fake.url}/${BUCKET}/2024/harbour.jpg`,
        variants: [
          { url: `${fake.url}/${BUCKET}/_photo-frame/variants/harbour-640.webp`, width: 640, type: 'image/webp' },
          { url: `${fake.url}/${BUCKET}/_photo-frame/variants/harbour-1280.webp`, width: 1280, type: 'image/webp' },
        ],
      });
    });
  });

  test('an image without width/height metadata is not shown, and the log says how to publish it', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, async (api) => {
      assert.ok(!(await listAll(api)).some((p) => p.id === 'dropped-by-hand.jpg'));
      assert.ok(api.logs.some((l) => l.severity === 'WARNING' && /1 image\(s\).*"blog-photo-frame upload"/.test(String(l.message))));
    });
  });

  test('the catalog is not re-listed per request', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, async (api) => {
      for (let i = 0; i < 50; i++) assert.equal((await api.get('/')).status, 200);
      await api.get('/photos');
      assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 1);
    });
  });

  test('an empty bucket answers 404 no_photos', async () => {
    await withApi({ BUCKET: 'empty-bucket' }, { store: new GcsStore('empty-bucket', { storage: fake.storage() }) }, async (api) => {
      const response = await api.get('/');
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'no_photos');
    });
  });
});

describe('photo URLs', () => {
  test('public URLs load the image straight from storage', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, async (api) => {
      const stars = (await listAll(api)).find((p) => p.id.startsWith('night sky/'))!;
      assert.equal(stars.url, `${fake.url}/${BUCKET}/night%20sky/stars%20%26%20moon.jpg`);
      const image = await fetch(stars.url);
      assert.equal(image.status, 200);
      assert.deepEqual(Buffer.from(await image.arrayBuffer()), JPEG);
    });
  });

  test('PUBLIC_BASE_URL puts a CDN or custom domain in front', async () => {
    const store = new GcsStore(BUCKET, { storage: fake.storage(), publicBaseUrl: 'https://photos.example.com' });
    await withApi({}, { store }, async (api) => {
      const photo = (await (await api.get('/?album=2025')).json()) as Photo;
      assert.equal(photo.url, 'https://photos.example.com/2025/dunes.jpg');
    });
  });

  test('signed URLs load the image, and stay the same within a window so they can be cached', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const credentials = { client_email: 'photo-api@test.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    let now = Date.now();
    const store = new GcsStore(BUCKET, { storage: fake.storage({ credentials }), urlMode: 'signed', signedUrlWindowS: 3600, now: () => now });
    await withApi({}, { store }, async (api) => {
      const first = (await (await api.get('/?album=2025')).json()) as Photo;
      const url = new URL(first.url);
      assert.equal(url.origin + url.pathname, `${fake.url}/${BUCKET}/2025/dunes.jpg`);
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

describe('the manifest', () => {
  const manifest = (photos: PhotoRecord[]) => serializeManifest(photos, '2025-01-01T00:00:00Z');

  test('is read instead of listing, and only re-read when it changes', async () => {
    fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(0, 2)), { contentType: 'application/json' });
    let now = Date.now();
    await withApi({ CATALOG_TTL_S: '60' }, { store: new GcsStore(BUCKET, { storage: fake.storage() }), now: () => now }, async (api) => {
      assert.deepEqual((await listAll(api)).map((p) => p.id), ['2024/harbour.jpg', '2024/ridge.jpg']);
      assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 0);
      assert.equal(fake.requests.filter((r) => r.kind === 'media').length, 1);

      now += 61_000; // stale: one refresh in the background finds the manifest unchanged
      await untilFresh(api);
      assert.equal(fake.requests.filter((r) => r.kind === 'media').length, 1, 'unchanged manifest not downloaded again');

      fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(2, 3)), { contentType: 'application/json' });
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
      fake.put(BUCKET, MANIFEST_NAME, manifest(PHOTOS.slice(0, 1)), { contentType: 'application/jsonl' });
      let now = Date.now();
      await withApi({ CATALOG_TTL_S: '60' }, { store: new GcsStore(BUCKET, { storage: fake.storage() }), now: () => now }, async (api) => {
        assert.deepEqual((await listAll(api)).map((p) => p.id), ['2024/harbour.jpg']);
        fake.put(BUCKET, MANIFEST_NAME, text, { contentType: 'application/jsonl' });
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
      fake.fault(fault);
      await withApi({}, { store: new GcsStore(BUCKET, { storage: noRetry() }) }, async (api) => {
        const response = await api.get('/');
        assert.equal(response.status, 503);
        assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'storage_unavailable');
        assert.ok(!JSON.stringify(body).includes(fake.url), 'no storage address in the body');
      });
    });
  }

  test('an outage serves the last good catalog while within its stale limit, then 503, then recovers without a restart', async () => {
    let now = Date.now();
    const env = { CATALOG_TTL_S: '60', STALE_IF_ERROR_S: '600' };
    await withApi(env, { store: new GcsStore(BUCKET, { storage: noRetry() }), now: () => now }, async (api) => {
      assert.equal((await api.get('/')).status, 200);
      fake.fault({ status: 503 });

      now += 120_000; // past the TTL, within the stale limit
      for (let i = 0; i < 5; i++) assert.equal((await api.get('/')).status, 200);
      await waitFor(() => api.logs.some((l) => String(l.message).startsWith('Catalog refresh failed')));
      assert.equal(api.logs.filter((l) => l.httpRequest).at(-1)!.catalog, 'stale');

      now += 600_000; // past the stale limit
      const down = await api.get('/');
      assert.equal(down.status, 503);
      assert.ok(Number(down.headers.get('retry-after')) >= 1);

      fake.fault(null);
      now += 61_000; // after the retry wait
      const back = await api.get('/');
      assert.equal(back.status, 200);
      assert.equal(api.logs.filter((l) => l.httpRequest).at(-1)!.catalog, 'fresh');
    });
  });

  test('exactly one refresh is in flight at a time', async () => {
    let now = Date.now();
    await withApi({ CATALOG_TTL_S: '1' }, { store: new GcsStore(BUCKET, { storage: fake.storage() }), now: () => now }, async (api) => {
      await api.get('/');
      fake.resetRequests();
      fake.fault({ delayMs: 300, only: 'list' });
      now += 5000;
      const answers = await Promise.all(Array.from({ length: 30 }, () => api.get('/')));
      assert.ok(answers.every((r) => r.status === 200));
      await untilFresh(api);
      assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 1);
    });
  });
});

describe('STORAGE_EMULATOR_HOST', () => {
  test('is honoured like the client does, with no store injected', async () => {
    // Read with the rest of the configuration; the client the function loads is pointed there too.
    await withApi({ GOOGLE_CLOUD_PROJECT: 'test', STORAGE_EMULATOR_HOST: fake.url }, {}, async (api) => {
      const photo = (await (await api.get('/?album=2024')).json()) as Photo;
      assert.match(photo.id, /^2024\//);
      assert.equal(photo.url, `${fake.url}/${BUCKET}/${photo.id}`);
    });
  });
});

describe('randomness', () => {
  test('over many picks every photo appears and none dominates', async () => {
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, async (api) => {
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

describe('names beyond ASCII', () => {
  // Code point order, the order of their UTF-8 bytes: ASCII, then U+00E9, then
  // U+E000 (private use), then U+1F30A (an emoji, two UTF-16 code units that
  // JavaScript's own string order would put before U+E000).
  const SORTED = ['sea/a.jpg', 'sea/caf\u00e9.jpg', 'sea/\ue000.jpg', 'sea/\u{1f30a} wave.jpg', 'sea/\u{1f30a}/deep.jpg', 'sea0.jpg', 'seaside.jpg'];
  const ALBUM = SORTED.filter((id) => id.startsWith('sea/'));

  async function withOddNames(run: (api: TestApi) => Promise<void>): Promise<void> {
    for (const name of fake.names(BUCKET)) fake.remove(BUCKET, name);
    // Published in reverse, so the order below is the catalog's, not the bucket's.
    for (const id of [...SORTED].reverse()) publish({ id, width: 100, height: 100 });
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, run);
  }

  test('are listed in code point order, and every cursor page follows on', async () => {
    await withOddNames(async (api) => {
      assert.deepEqual((await listAll(api)).map((p) => p.id), SORTED);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: PhotoList = (await (await api.get(`/photos?album=sea&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as PhotoList;
        paged.push(...page.photos.map((p) => p.id));
        cursor = page.next;
      } while (cursor && paged.length <= ALBUM.length);
      assert.deepEqual(paged, ALBUM, 'the album sea/ holds exactly its folder, each photo once');
    });
  });

  test('an id with a lone surrogate (a hand-edited manifest) is not shown; its neighbours are unaffected', async () => {
    for (const name of fake.names(BUCKET)) fake.remove(BUCKET, name);
    // "\ud800" and "\ufffd" would both become the bytes EF BF BD: only the valid one may be in the catalog.
    const ids = ['sea/a.jpg', 'sea/\ud800.jpg', 'sea/\ufffd.jpg', 'sea/\uffff.jpg'];
    fake.put(BUCKET, MANIFEST_NAME, serializeManifest(ids.map((id) => ({ id, width: 100, height: 100 })), '2025-01-01T00:00:00Z'), { contentType: 'application/json' });
    await withApi({}, { store: new GcsStore(BUCKET, { storage: fake.storage() }) }, async (api) => {
      assert.deepEqual((await listAll(api)).map((p) => p.id), ['sea/a.jpg', 'sea/\ufffd.jpg', 'sea/\uffff.jpg']);
      const picked = ((await (await api.get(`/?album=sea&exclude=${encodeURIComponent('sea/\ufffd.jpg')},${encodeURIComponent('sea/a.jpg')}`)).json()) as Photo).id;
      assert.equal(picked, 'sea/\uffff.jpg');
    });
  });

  for (const id of ALBUM) {
    test(`exclude finds ${JSON.stringify(id)}`, async () => {
      await withOddNames(async (api) => {
        const others = ALBUM.filter((other) => other !== id).map(encodeURIComponent).join(',');
        // Everything else excluded: only this photo can come back...
        assert.equal(((await (await api.get(`/?album=sea&exclude=${others}`)).json()) as Photo).id, id);
        // ...and excluding it too leaves only the others.
        const seen = new Set<string>();
        for (let i = 0; i < 40; i++) seen.add(((await (await api.get(`/?album=sea&exclude=${encodeURIComponent(id)}`)).json()) as Photo).id);
        assert.ok(!seen.has(id), `${id} was excluded`);
        assert.equal(seen.size, ALBUM.length - 1);
      });
    });
  }
});

/**
 * Asks for a photo until one is answered from a fresh catalog (its request log
 * line says so): the refresh a stale catalog started has finished.
 */
async function untilFresh(api: TestApi): Promise<void> {
  await waitFor(async () => {
    await api.get('/');
    return api.logs.filter((l) => l.httpRequest).at(-1)?.catalog === 'fresh';
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}
