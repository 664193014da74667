/**
 * "Show another photo", photo after photo, through the photo API over HTTP
 * (the Cloud Storage store against the HTTP fake): never the photo on show,
 * every photo of a small album once per round, rounds in new orders
 * (src/format/pick-unseen.ts). The API's random source is seeded, so every
 * run makes the same picks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Photo } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { toMetadata } from '../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { seededRandom } from '../support/seeded-random.js';
import { ALBUM_SIZES, readAlbum, roundProblems, runLength } from '../support/shuffle-bag.js';
import { startApi, type TestApi } from '../support/start-api.js';

const BUCKET = 'rounds';
/** The element's RECENT_LIMIT: how many ids it remembers and sends. */
const RECENT = 20;

const albumOf = (size: number) => Array.from({ length: size }, (_, i) => `size-${size}/photo-${String(i).padStart(2, '0')}.jpg`);

let fake: FakeGcs;
let api: TestApi;

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET] });
  for (const id of [...ALBUM_SIZES.flatMap(albumOf), 'loose.jpg']) {
    fake.put(BUCKET, id, Buffer.from('jpeg'), { contentType: 'image/jpeg', metadata: toMetadata({ id, width: 30, height: 20 }) });
  }
  const random = seededRandom(15);
  api = await startApi({ BUCKET }, { store: new GcsStore(BUCKET, { storage: fake.storage() }), random: (max) => Math.floor(random() * max) });
});
after(async () => {
  await api.close();
  await fake.close();
});

async function pick(album: string, exclude: readonly string[]): Promise<string> {
  const query = new URLSearchParams({ album });
  if (exclude.length > 0) query.set('exclude', exclude.join(','));
  const response = await api.get(`/?${query}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as Photo).id;
}

describe('the next photo, over HTTP', () => {
  for (const size of ALBUM_SIZES) {
    test(`an album of ${size}: never the photo on show, ${size <= RECENT ? 'every photo once a round, rounds in new orders' : `none back within ${RECENT}`}`, async () => {
      const album = albumOf(size);
      const shown = await readAlbum(runLength(size), RECENT, (exclude) => pick(`size-${size}`, exclude));
      assert.deepEqual(roundProblems(shown, album, RECENT), []);
    });
  }

  test('ids of other albums and of deleted photos count for nothing', async () => {
    const [a, b, c] = albumOf(3);
    const elsewhere = [...albumOf(20).slice(0, 5), 'loose.jpg', 'size-3/deleted.jpg', 'gone.jpg'];
    // Among them, two of the album: the third is the only photo not seen this round.
    for (let i = 0; i < 10; i++) assert.equal(await pick('size-3', [a!, ...elsewhere, b!]), c);
    // All three excluded, the newest of the album (c) on show though others came after it: never c, and both others.
    const picked = new Set<string>();
    for (let i = 0; i < 30; i++) picked.add(await pick('size-3', [a!, b!, c!, ...elsewhere]));
    assert.deepEqual([...picked].sort(), [a, b]);
  });

  test('an album of one photo shows it again, excluded or not', async () => {
    const [only] = albumOf(1);
    assert.equal(await pick('size-1', [only!]), only);
    assert.equal(await pick('size-1', ['loose.jpg', only!, 'loose.jpg']), only);
  });
});
