/**
 * Photo names beyond ASCII on the Cloud Storage store (the fake of
 * test/function/support/gcs-photos.ts): the catalog's code point order, cursor
 * pages, `exclude` finding each name, and a lone surrogate kept out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Photo, PhotoList } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import type { TestApi } from '../support/start-api.js';
import { BUCKET, listAll, useGcsPhotos, withApi } from './support/gcs-photos.js';

const gcs = useGcsPhotos();

describe('names beyond ASCII', () => {
  // Code point order, the order of their UTF-8 bytes: ASCII, then U+00E9, then
  // U+E000 (private use), then U+1F30A (an emoji, two UTF-16 code units that
  // JavaScript's own string order would put before U+E000).
  const SORTED = ['sea/a.jpg', 'sea/caf\u00e9.jpg', 'sea/\ue000.jpg', 'sea/\u{1f30a} wave.jpg', 'sea/\u{1f30a}/deep.jpg', 'sea0.jpg', 'seaside.jpg'];
  const ALBUM = SORTED.filter((id) => id.startsWith('sea/'));

  async function withOddNames(run: (api: TestApi) => Promise<void>): Promise<void> {
    gcs.empty();
    // Published in reverse, so the order below is the catalog's, not the bucket's.
    for (const id of [...SORTED].reverse()) gcs.publish({ id, width: 100, height: 100 });
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, run);
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
    gcs.empty();
    // "\ud800" and "\ufffd" would both become the bytes EF BF BD: only the valid one may be in the catalog.
    const ids = ['sea/a.jpg', 'sea/\ud800.jpg', 'sea/\ufffd.jpg', 'sea/\uffff.jpg'];
    gcs.fake.put(BUCKET, MANIFEST_NAME, serializeManifest(ids.map((id) => ({ id, width: 100, height: 100 })), '2025-01-01T00:00:00Z'), { contentType: 'application/json' });
    await withApi({}, { store: new GcsStore(BUCKET, { storage: gcs.fake.storage() }) }, async (api) => {
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
