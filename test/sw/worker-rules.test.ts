// The service worker's rules as pure functions (src/sw/photo-urls.ts,
// offline-answers.ts, messages.ts), in Node. The worker itself is tested in
// Chromium (test/sw/browser) and end to end (test/e2e/offline.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isApiError, type Photo } from '../../src/contract.js';
import { isPhotoFrameMessage } from '../../src/sw/messages.js';
import { offlineError, offlineList, offlinePick } from '../../src/sw/offline-answers.js';
import { apiRoute, endpointBase, imageCacheKey, imageOrigins, listParams, pickParams, pickUrl, renditionFor, renditionWidth } from '../../src/sw/photo-urls.js';
import { seededRandom } from '../support/seeded-random.js';
import { ALBUM_SIZES, readAlbum, roundProblems, runLength } from '../support/shuffle-bag.js';

/** The element's RECENT_LIMIT: how many ids it remembers and sends. */
const RECENT = 20;

const photo = (id: string, extra: Partial<Photo> = {}): Photo => ({ id, url: `https://storage.googleapis.com/b/${id}`, width: 1600, height: 1067, ...extra });

describe('photo API URLs', () => {
  test('endpointBase keeps origin and path, drops query and hash, refuses what is not http(s)', () => {
    assert.equal(endpointBase('https://r-p.cloudfunctions.net/photo?x=1#a'), 'https://r-p.cloudfunctions.net/photo');
    assert.equal(endpointBase('http://localhost:8080/'), 'http://localhost:8080/');
    assert.equal(endpointBase('/api/', 'https://blog.example/'), 'https://blog.example/api/');
    assert.equal(endpointBase('data:,x'), undefined);
    assert.equal(endpointBase('not a url'), undefined);
  });

  test('apiRoute tells a pick (with or without a trailing slash) from the list, and nothing else', () => {
    const endpoints = ['https://r-p.cloudfunctions.net/photo', 'http://localhost:8080/'];
    const route = (u: string) => apiRoute(new URL(u), endpoints);
    assert.deepEqual(route('https://r-p.cloudfunctions.net/photo?exclude=a'), { endpoint: endpoints[0], kind: 'pick' });
    assert.deepEqual(route('https://r-p.cloudfunctions.net/photo/'), { endpoint: endpoints[0], kind: 'pick' });
    assert.deepEqual(route('https://r-p.cloudfunctions.net/photo/photos?limit=5'), { endpoint: endpoints[0], kind: 'list' });
    assert.deepEqual(route('http://localhost:8080/?album=sea'), { endpoint: endpoints[1], kind: 'pick' });
    assert.deepEqual(route('http://localhost:8080/photos'), { endpoint: endpoints[1], kind: 'list' });
    assert.equal(route('http://localhost:8080/images/sea/a.jpg'), undefined);
    assert.equal(route('https://r-p.cloudfunctions.net/other'), undefined);
    assert.equal(route('http://localhost:8081/'), undefined);
  });

  test('imageCacheKey drops the V4 signature parameters (any case) and keeps the rest', () => {
    const signed =
      'https://storage.googleapis.com/b/sea/a.jpg?generation=7&X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam%2F20250101%2Fauto%2Fstorage%2Fgoog4_request' +
      '&X-Goog-Date=20250101T000000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature=abc';
    const resigned = signed.replace('20250101T000000Z', '20250101T010000Z').replace('=abc', '=def');
    assert.equal(imageCacheKey(signed), 'https://storage.googleapis.com/b/sea/a.jpg?generation=7');
    assert.equal(imageCacheKey(resigned), imageCacheKey(signed));
    assert.equal(imageCacheKey('https://x.example/a.jpg?x-goog-signature=1'), 'https://x.example/a.jpg');
    // Unsigned URLs are left exactly as they are.
    assert.equal(imageCacheKey('https://x.example/a%20b.jpg?w=1&q=a%2Cb#frag'), 'https://x.example/a%20b.jpg?w=1&q=a%2Cb');
  });

  test('origins, renditions and widths of a photo', () => {
    const p = photo('sea/a.jpg', {
      variants: [
        { url: 'https://cdn.example/v/a-640.webp?X-Goog-Signature=1', width: 640, type: 'image/webp' },
        { url: 'https://cdn.example/v/a-1280.webp', width: 1280, type: 'image/webp' },
      ],
    });
    assert.deepEqual(imageOrigins(p), ['https://storage.googleapis.com', 'https://cdn.example']);
    assert.equal(renditionFor(p, undefined), p.url);
    assert.equal(renditionFor(p, 600), p.variants![0]!.url);
    assert.equal(renditionFor(p, 641), p.variants![1]!.url);
    assert.equal(renditionFor(p, 4000), p.url);
    assert.equal(renditionWidth(p, 'https://cdn.example/v/a-640.webp?X-Goog-Signature=2'), 640);
    assert.equal(renditionWidth(p, p.url), 1600);
    assert.equal(renditionWidth(p, 'https://elsewhere.example/a.jpg'), undefined);
  });

  test('parameters, as the API reads them', () => {
    assert.deepEqual(pickParams(new URL('https://a/?album=/sea/&exclude=a,b,,c&seed=x')), { album: 'sea', exclude: ['a', 'b', 'c'], seed: 'x' });
    assert.deepEqual(listParams(new URL('https://a/photos?limit=5000&cursor=c')), { album: '', limit: 1000, cursor: 'c' });
    assert.deepEqual(listParams(new URL('https://a/photos?limit=zero')), { album: '', limit: 100, cursor: undefined });
  });

  test('pickUrl keeps each id once (where seen last), at most 100, never one with a comma, and the other parameters', () => {
    const url = new URL(pickUrl('http://localhost:8080/', 'sea', ['a', 'b', 'a', 'x,y']));
    assert.equal(url.searchParams.get('album'), 'sea');
    assert.equal(url.searchParams.get('exclude'), 'b,a');
    const many = Array.from({ length: 150 }, (_, i) => `p${i}`);
    const ids = new URL(pickUrl('http://localhost:8080/', '', many)).searchParams.get('exclude')!.split(',');
    assert.equal(ids.length, 100);
    assert.equal(ids[0], 'p50');
    assert.equal(new URL(pickUrl('http://localhost:8080/', '', [])).search, '');
    // Made from the page's own request: its other parameters stay, album and exclude are replaced.
    const fromRequest = new URL(pickUrl('https://api.example/photo?key=k&album=old&exclude=z#x', '', ['a']));
    assert.equal(fromRequest.href, 'https://api.example/photo?key=k&exclude=a');
  });
});

describe('offline answers', () => {
  const kept = [photo('sea/a.jpg'), photo('sea/b.jpg'), photo('hills/c.jpg'), photo('d.jpg')];

  test('a pick honours album and exclude, and is marked offline', () => {
    for (let i = 0; i < 20; i++) {
      const p = offlinePick(kept, { album: 'sea', exclude: ['sea/a.jpg'] })!;
      assert.equal(p.id, 'sea/b.jpg');
      assert.equal(p.offline, true);
    }
    const ids = new Set(Array.from({ length: 200 }, () => offlinePick(kept, { album: '', exclude: ['d.jpg'] })!.id));
    assert.deepEqual([...ids].sort(), ['hills/c.jpg', 'sea/a.jpg', 'sea/b.jpg']);
    // The random source is used across the whole range.
    assert.equal(offlinePick(kept, { album: '', exclude: [] }, () => 0.999999)!.id, 'd.jpg');
    assert.equal(offlinePick(kept, { album: 'dunes', exclude: [] }), undefined);
    assert.equal(offlinePick([], { album: '', exclude: [] }), undefined);
  });

  for (const size of ALBUM_SIZES) {
    test(`next() offline through ${size} kept photos of an album: never the photo on show, ${size <= RECENT ? 'every one once a round, rounds in new orders' : `none back within ${RECENT}`}`, async () => {
      const album = Array.from({ length: size }, (_, i) => `sea/${i}.jpg`);
      // Kept in another order than the album's, with photos of other albums among them.
      const keptHere = [photo('hills/c.jpg'), ...album.map((id) => photo(id)).reverse(), photo('d.jpg')];
      const random = seededRandom(size);
      const shown = await readAlbum(runLength(size), RECENT, (exclude) => offlinePick(keptHere, { album: 'sea', exclude: [...exclude] }, random)!.id);
      assert.deepEqual(roundProblems(shown, album, RECENT), []);
    });
  }

  test('when every kept photo is excluded, any but the newest exclusion of the album', () => {
    const sea = [photo('sea/a.jpg'), photo('sea/b.jpg'), photo('sea/c.jpg')];
    const random = seededRandom(1);
    const picked = new Set<string>();
    for (let i = 0; i < 40; i++) picked.add(offlinePick(sea, { album: 'sea', exclude: ['sea/b.jpg', 'sea/c.jpg', 'sea/a.jpg', 'hills/x.jpg'] }, random)!.id);
    assert.deepEqual([...picked].sort(), ['sea/b.jpg', 'sea/c.jpg']);
  });

  test('the list: the album, sorted by id, limited, one page; a cursor gets an empty page', () => {
    const list = offlineList(kept, { album: '', limit: 3, cursor: undefined });
    assert.deepEqual(list.photos.map((p) => p.id), ['d.jpg', 'hills/c.jpg', 'sea/a.jpg']);
    assert.equal(list.next, null);
    assert.ok(list.photos.every((p) => p.offline === true));
    assert.deepEqual(offlineList(kept, { album: 'sea', limit: 100, cursor: undefined }).photos.map((p) => p.id), ['sea/a.jpg', 'sea/b.jpg']);
    assert.deepEqual(offlineList(kept, { album: '', limit: 100, cursor: 'x' }), { photos: [], next: null });
  });

  test('the error is the contract\'s, with the code the element shows as offline', () => {
    const error = offlineError('sea');
    assert.ok(isApiError(error));
    assert.equal(error.error.code, 'offline');
    assert.match(error.error.message, /sea/);
  });
});

describe('messages', () => {
  test('only the documented shapes are accepted', () => {
    assert.ok(isPhotoFrameMessage({ type: 'photo-frame:endpoint', endpoint: 'http://localhost:8080/' }));
    assert.ok(isPhotoFrameMessage({ type: 'photo-frame:photo', endpoint: 'e', album: 'sea', photo: photo('sea/a.jpg'), image: 'u' }));
    assert.ok(isPhotoFrameMessage({ type: 'photo-frame:settle' }));
    assert.ok(!isPhotoFrameMessage({ type: 'photo-frame:photo', endpoint: 'e', photo: { id: 1 } }));
    assert.ok(!isPhotoFrameMessage({ type: 'photo-frame:endpoint', endpoint: 42 }));
    assert.ok(!isPhotoFrameMessage({ type: 'other' }));
    assert.ok(!isPhotoFrameMessage(null));
  });
});

describe('the offline list sorts ids as the API does', () => {
  // U+E000–U+FFFF against astral characters (above U+FFFF, two UTF-16 code units from
  // U+D800): code units put the astral ones first, code points (UTF-8 bytes) last.
  const ids = ['sea/\u{1F30A}.jpg', 'sea/\uE000.jpg', 'sea/\uFFFD.jpg', 'sea/\u{10000}.jpg', 'sea/z.jpg', 'sea/\u00E9.jpg'];
  const byUtf8 = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

  test('the ids are a case where the two orders differ', () => {
    assert.notDeepEqual([...ids].sort(), byUtf8);
  });

  test('in UTF-8 byte order, the order of the API and of Cloud Storage listings', () => {
    const list = offlineList(ids.map((id) => photo(id)), { album: 'sea', limit: 100, cursor: undefined });
    assert.deepEqual(list.photos.map((p) => p.id), byUtf8);
    assert.deepEqual(byUtf8, ['sea/z.jpg', 'sea/\u00E9.jpg', 'sea/\uE000.jpg', 'sea/\uFFFD.jpg', 'sea/\u{10000}.jpg', 'sea/\u{1F30A}.jpg']);
  });
});
