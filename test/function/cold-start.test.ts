/**
 * A cold instance answers its first picks from the catalog index and parts of
 * the manifest (src/format/catalog-index.ts) before the whole catalog is in
 * memory; those answers must be the ones a warm instance gives. Both run as
 * deployed against the Cloud Storage fake (STORAGE_EMULATOR_HOST), with the
 * bucket published through the format's own writers, as upload publishes it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { INDEX_NAME, indexManifest, parseIndex } from '../../src/format/catalog-index.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import { toMetadata, type PhotoRecord } from '../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { startApi, type TestApi } from '../support/start-api.js';
import { waitFor } from '../support/wait-for.js';

const BUCKET = 'cold-photos';
let fake: FakeGcs;

/** 268 photos (three chunks of the index), in albums at two depths and at the top, with names whose UTF-16 and code point orders differ. */
const PHOTOS: PhotoRecord[] = [
  ...Array.from({ length: 100 }, (_, i) => ({ id: `sea/IMG_${String(i).padStart(3, '0')}.jpg`, width: 1600, height: 1067, caption: `Sea ${i}` })),
  ...Array.from({ length: 40 }, (_, i) => ({ id: `sea/deep/IMG_${i}.jpg`, width: 1067, height: 1600 })),
  ...Array.from({ length: 120 }, (_, i) => ({ id: `trips/2024/day-${i}.jpg`, width: 2000, height: 1333, date: '2024-05-01T10:00:00Z' })),
  { id: 'lake.jpg', width: 1200, height: 1200 },
  { id: 'zz.jpg', width: 1200, height: 800 },
  { id: '\u{E000}private.jpg', width: 800, height: 800 },
  { id: '\u{1F600}smile.jpg', width: 800, height: 800 },
  { id: 'trips/\u{1F600}.jpg', width: 800, height: 800 },
  { id: 'trips/\u{E000}.jpg', width: 800, height: 800 },
  { id: 'sea-level.jpg', width: 800, height: 800 },
  { id: 'sea0.jpg', width: 800, height: 800 },
];

/** Publishes the photos, the manifest and its index as upload does; returns the manifest's text. */
function publish(photos: readonly PhotoRecord[] = PHOTOS): string {
  for (const name of fake.names(BUCKET)) fake.remove(BUCKET, name);
  for (const photo of photos) fake.put(BUCKET, photo.id, 'jpeg', { contentType: 'image/jpeg', metadata: toMetadata(photo) });
  const manifest = serializeManifest(photos);
  fake.put(BUCKET, MANIFEST_NAME, manifest, { contentType: 'application/jsonl; charset=utf-8' });
  fake.put(BUCKET, INDEX_NAME, indexManifest(manifest)!, { contentType: 'application/json; charset=utf-8' });
  return manifest;
}

/** Picks draw this "random" number, cold and warm alike. */
const random = (max: number) => Math.floor(max * 0.37);
const ENV = () => ({ BUCKET, STORAGE_EMULATOR_HOST: fake.url, GOOGLE_CLOUD_PROJECT: 'test', CATALOG_TTL_S: '3600' });

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET] });
});
beforeEach(() => {
  fake.fault(null);
  fake.resetRequests();
});
after(() => fake.close());

interface Answer {
  status: number;
  body: string;
  retryAfter: string | null;
  /** The request log's `catalog` field: `index` when answered before the catalog was loaded. */
  catalog: unknown;
}

async function ask(api: TestApi, path: string): Promise<Answer> {
  const response = await api.get(path);
  const body = await response.text();
  const line = api.logs.filter((l) => (l.httpRequest as { requestUrl?: string } | undefined)?.requestUrl === path).at(-1);
  return { status: response.status, body, retryAfter: response.headers.get('retry-after'), catalog: line?.catalog };
}

/** A new instance's first answer to `path`. */
async function coldAnswer(path: string): Promise<Answer> {
  const api = await startApi(ENV(), { random });
  try {
    return await ask(api, path);
  } finally {
    await api.close();
  }
}

const q = encodeURIComponent;
const sea = (from: number, to: number) => PHOTOS.slice(from, to).map((p) => p.id);
const QUERIES = [
  '/',
  '/?seed=a',
  '/?seed=photo-of-the-day',
  '/?seed=2025-01-31',
  '/?album=sea',
  '/?album=sea&seed=b',
  `/?album=${q('sea/deep')}&seed=c`,
  '/?album=trips',
  `/?album=trips&seed=${q('\u{1F600}')}`,
  `/?exclude=${q(sea(0, 60).join(','))}`,
  `/?album=sea&exclude=${q([...sea(0, 30), 'trips/2024/day-1.jpg', 'not-there.jpg'].join(','))}`,
  // Every photo of the album excluded: the rule for a finished round.
  `/?album=${q('sea/deep')}&exclude=${q(PHOTOS.slice(100, 140).map((p) => p.id).join(','))}&seed=d`,
  `/?seed=e&exclude=${q(['\u{E000}private.jpg', '\u{1F600}smile.jpg', 'zz.jpg', 'lake.jpg'].join(','))}`,
  '/?album=nope',
  '/?album=sea-level.jpg',
];

describe('a cold instance answers as a warm one', () => {
  test('the same photo for every seed, album and exclusion, from the index before the catalog is loaded', async () => {
    publish();
    const warm = await startApi(ENV(), { random });
    try {
      assert.equal((await warm.get('/photos?limit=1000')).status, 200, 'the warm instance loads its catalog');
      for (const path of QUERIES) {
        const cold = await coldAnswer(path);
        const expected = await ask(warm, path);
        assert.equal(expected.catalog, 'fresh', `${path}: warm`);
        assert.equal(cold.catalog, 'index', `${path}: answered from the index`);
        assert.deepEqual({ status: cold.status, body: cold.body }, { status: expected.status, body: expected.body }, path);
      }
    } finally {
      await warm.close();
    }
  });

  test("the first random pick's part of the manifest is read before the pick is asked for", async () => {
    publish();
    const manifestReads = () => fake.requests.filter((r) => r.kind === 'media' && decodeURIComponent(r.path).endsWith(MANIFEST_NAME)).length;
    const api = await startApi(ENV());
    try {
      await waitFor(() => manifestReads() > 0, 'a read of the manifest at start-up');
      assert.equal(manifestReads(), 1, 'one part of the manifest read at start-up');
      const first = await ask(api, '/');
      assert.equal(first.catalog, 'index');
      assert.equal(manifestReads(), 1, 'the pick needed no other read');
      assert.ok(PHOTOS.some((p) => p.id === (JSON.parse(first.body) as { id: string }).id));
    } finally {
      await api.close();
    }
  });

  test('GET /photos on a cold instance is the whole catalog, never part of it', async () => {
    publish();
    const cold = await coldAnswer('/photos?limit=1000');
    const ids = (JSON.parse(cold.body) as { photos: { id: string }[] }).photos.map((p) => p.id);
    assert.equal(ids.length, PHOTOS.length);
    assert.deepEqual(ids, [...ids].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)))), 'in code point order');
  });

  const unusable: [string, (manifest: string) => string][] = [
    ['no index (a bucket published before there was one)', () => ''],
    ['an index that is not JSON', () => '{"photoFrameIndex":1,'],
    ['an index of another manifest', (m) => indexManifest(m.replace('Sea 1"', 'Sea one"'))!],
    // The same manifest, but chunk offsets that do not fall on its lines: found when a chunk is read.
    ['an index pointing into the middle of lines', (m) => {
      const index = parseIndex(indexManifest(m)!);
      return JSON.stringify({ ...index, offsets: index.offsets.map((o, i) => (i > 0 && i < index.offsets.length - 1 ? o + 7 : o)) });
    }],
  ];
  for (const [name, makeIndex] of unusable) {
    test(`with ${name} it reads the whole catalog and answers the same`, async () => {
      const manifest = publish();
      const index = makeIndex(manifest);
      if (index) fake.put(BUCKET, INDEX_NAME, index);
      else fake.remove(BUCKET, INDEX_NAME);
      const warm = await startApi(ENV(), { random });
      try {
        await warm.get('/photos?limit=1000');
        for (const path of ['/?seed=a', '/?album=sea&seed=b']) {
          const cold = await coldAnswer(path);
          assert.equal(cold.catalog, 'fresh', `${path}: after loading the catalog`);
          assert.equal(cold.body, (await ask(warm, path)).body, path);
        }
      } finally {
        await warm.close();
      }
    });
  }
});

describe('a manifest cut short or malformed is refused cold', () => {
  const manifest = () => serializeManifest(PHOTOS);
  const cuts: [string, (text: string) => string][] = [
    ['in its header', (t) => t.slice(0, 10)],
    ['in its first photo', (t) => t.slice(0, t.indexOf('\n') + 20)],
    ['in the middle of the second chunk', (t) => t.slice(0, Math.floor(t.length * 0.6))],
    ['thirty bytes before its end', (t) => t.slice(0, t.length - 30)],
    ['with a malformed line', (t) => t.replace('{"id":"sea/IMG_050.jpg"', '{"id":')],
  ];
  for (const [name, cut] of cuts) {
    test(`cut ${name}: 503 with Retry-After for a pick and for the list`, async () => {
      publish();
      fake.put(BUCKET, MANIFEST_NAME, cut(manifest()));
      for (const path of ['/', '/photos']) {
        const answer = await coldAnswer(path);
        assert.equal(answer.status, 503, `${path}: ${answer.body}`);
        assert.match(answer.retryAfter ?? '', /^\d+$/);
      }
    });
  }

  test('cut on a line with an index made for the cut: early answers name photos that are there, then 503 once the cut is found', async () => {
    publish();
    const lines = manifest().split('\n');
    const cut = `${lines.slice(0, 1 + 200).join('\n')}\n`;
    fake.put(BUCKET, MANIFEST_NAME, cut);
    fake.put(BUCKET, INDEX_NAME, indexManifest(cut)!);
    const api = await startApi(ENV(), { random });
    try {
      const first = await ask(api, '/?seed=a');
      assert.equal(first.status, 200);
      assert.equal(first.catalog, 'index');
      const { id } = JSON.parse(first.body) as { id: string };
      assert.ok(fake.get(BUCKET, id), `${id} is in the bucket`);
      assert.ok(cut.includes(JSON.stringify(id)), `${id} is in the manifest`);
      // The whole catalog loads after that first answer and finds the cut.
      await waitFor(() => api.logs.some((l) => /names 268 photos but holds 200/.test(String(l.message))), 'the cut manifest to be found');
      for (const path of ['/?seed=a', '/photos']) {
        const answer = await ask(api, path);
        assert.equal(answer.status, 503, `${path} once the cut is found`);
        assert.match(answer.retryAfter ?? '', /^\d+$/);
      }
    } finally {
      await api.close();
    }
  });
});
