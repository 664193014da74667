/**
 * The photo API on the embedded local store, through HTTP: what a blog's
 * browser sees of the catalog, a pick, a page of the list and an image.
 * Photos are made by the test in a temporary folder
 * (test/function/support/local-photos.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isPhoto, type Photo, type PhotoList } from '../../src/contract.js';
import { makePhoto } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';
import { json, listAll, useLocalPhotos } from './support/local-photos.js';

const local = useLocalPhotos();

describe('the catalog of a local folder', () => {
  test('holds exactly the readable images inside the folder, sorted by id', async () => {
    const ids = (await listAll(local.api)).map((p) => p.id);
    assert.deepEqual(ids, ['harbour.jpg', 'mountains/lake.webp', 'mountains/ridge.png', 'mountainside.jpg', 'sideways.jpg']);
  });

  test('takes caption, alt and date from the sidecar', async () => {
    const harbour = (await listAll(local.api)).find((p) => p.id === 'harbour.jpg');
    assert.deepEqual(harbour && { ...harbour, url: undefined }, {
      id: 'harbour.jpg', width: 90, height: 60, url: undefined,
      caption: 'Harbour <img src=x onerror=alert(1)>', alt: 'Boats at a quay', date: '2024-06-01T18:30:00+02:00',
    });
  });

  test('falls back to EXIF for caption and date, and applies the orientation to width and height', async () => {
    const sideways = (await listAll(local.api)).find((p) => p.id === 'sideways.jpg');
    assert.equal(sideways?.caption, 'Told by EXIF');
    assert.equal(sideways?.date, '2023-02-03T04:05:06-05:00');
    assert.deepEqual([sideways?.width, sideways?.height], [40, 80]);
  });

  test('shows a photo whose sidecar is malformed, without the sidecar, and logs why', async () => {
    const lake = (await listAll(local.api)).find((p) => p.id === 'mountains/lake.webp');
    assert.equal(lake?.caption, undefined);
    assert.ok(local.api.logs.some((l) => l.severity === 'WARNING' && String(l.message).includes('mountains/lake.webp.json')));
  });
});

describe('a sidecar saved with a UTF-8 byte-order mark (as Windows editors write)', () => {
  let bomDir: string;
  let bomApi: TestApi;
  before(async () => {
    bomDir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-bom-'));
    await makePhoto(bomDir, 'bom.jpg', { width: 30, height: 20 });
    await fs.writeFile(path.join(bomDir, 'bom.jpg.json'), '\uFEFF{"caption": "Saved in Notepad"}');
    bomApi = await startApi({ PHOTOS_DIR: bomDir });
  });
  after(async () => {
    await bomApi?.close();
    await fs.rm(bomDir, { recursive: true, force: true });
  });

  test('is read like any other', async () => {
    const photo = await json<Photo>(await bomApi.get('/'));
    assert.equal(photo.caption, 'Saved in Notepad');
    assert.ok(!bomApi.logs.some((l) => l.severity === 'WARNING'), 'nothing to warn about');
  });
});

describe('GET /', () => {
  test('answers one photo of the contract, never cached, with CORS', async () => {
    const response = await local.api.get('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const photo = await json<Photo>(response);
    assert.ok(isPhoto(photo), JSON.stringify(photo));
    assert.equal(photo.url, `${local.api.url}/images/${photo.id.split('/').map(encodeURIComponent).join('/')}`);
  });

  test('album limits the pick to a folder, not to a name prefix', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add((await json<Photo>(await local.api.get('/?album=mountains'))).id);
    assert.deepEqual([...seen].sort(), ['mountains/lake.webp', 'mountains/ridge.png']);
    const slashes = await json<Photo>(await local.api.get('/?album=%2Fmountains%2F'));
    assert.match(slashes.id, /^mountains\//);
  });

  test('exclude avoids the listed photos; when they cover the album a new round begins, still avoiding the last one', async () => {
    for (let i = 0; i < 20; i++) {
      const photo = await json<Photo>(await local.api.get('/?album=mountains&exclude=mountains/lake.webp'));
      assert.equal(photo.id, 'mountains/ridge.png');
    }
    for (const [exclude, next] of [['mountains/lake.webp,mountains/ridge.png', 'mountains/lake.webp'], ['mountains/ridge.png,mountains/lake.webp', 'mountains/ridge.png']]) {
      const all = await local.api.get(`/?album=mountains&exclude=${exclude}`);
      assert.equal(all.status, 200);
      assert.equal((await json<Photo>(all)).id, next, `exclude=${exclude}: never the last one, the photo on show`);
    }
  });

  test('the same seed gives the same photo', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await json<Photo>(await local.api.get('/?seed=2024-06-01'))).id);
    assert.equal(ids.size, 1);
    const seeds = new Set<string>();
    for (let i = 0; i < 30; i++) seeds.add((await json<Photo>(await local.api.get(`/?seed=day-${i}`))).id);
    assert.ok(seeds.size > 1, 'different seeds spread over the photos');
  });

  test('writes one structured log line naming the photo, the catalog state and the trace', async () => {
    const before = local.api.logs.length;
    const photo = await json<Photo>(await local.api.get('/', { headers: { 'X-Cloud-Trace-Context': '0123456789abcdef0123456789abcdef/1;o=1', Referer: 'https://blog.example/post', 'User-Agent': 'test-agent' } }));
    const lines = local.api.logs.slice(before).filter((l) => l.httpRequest);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line!.severity, 'INFO');
    assert.equal(line!.photo, photo.id);
    assert.equal(line!.catalog, 'fresh');
    assert.deepEqual(
      { ...(line!.httpRequest as Record<string, unknown>), latency: undefined, remoteIp: undefined },
      { requestMethod: 'GET', requestUrl: '/', status: 200, userAgent: 'test-agent', referer: 'https://blog.example/post', latency: undefined, remoteIp: undefined },
    );
    assert.match(String((line!.httpRequest as Record<string, unknown>).latency), /^\d+\.\d{6}s$/);
  });
});

describe('GET /photos', () => {
  test('pages through the catalog with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PhotoList = await json<PhotoList>(await local.api.get(`/photos?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.photos.map((p) => p.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, (await listAll(local.api)).map((p) => p.id));
  });

  test('has a strong ETag, answers 304 to If-None-Match, and is cacheable briefly', async () => {
    const first = await local.api.get('/photos?album=mountains');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    assert.match(first.headers.get('cache-control') ?? '', /max-age=\d+, stale-while-revalidate=\d+/);
    const again = await local.api.get('/photos?album=mountains', { headers: { 'If-None-Match': etag! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const other = await local.api.get('/photos?album=mountains&limit=1', { headers: { 'If-None-Match': etag! } });
    assert.equal(other.status, 200);
  });
});

describe('GET /images/…', () => {
  test('serves the bytes with their type, a strong ETag, 304 and CORS', async () => {
    const response = await local.api.get('/images/mountains/ridge.png');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(bytes, await fs.readFile(path.join(local.dir, 'mountains/ridge.png')));
    const etag = response.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    const again = await local.api.get('/images/mountains/ridge.png', { headers: { 'If-None-Match': etag! } });
    assert.equal(again.status, 304);
  });

  test('serves the URL that GET / gave', async () => {
    const photo = await json<Photo>(await local.api.get('/?album=mountains&exclude=mountains/lake.webp'));
    const image = await fetch(photo.url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
  });
});

describe('HTTP details', () => {
  test('HEAD answers the headers without a body', async () => {
    const response = await local.api.get('/images/harbour.jpg', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(await response.text(), '');
  });

  test('a CORS preflight is answered', async () => {
    const response = await local.api.get('/photos', {
      method: 'OPTIONS',
      headers: { Origin: 'https://blog.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /If-None-Match/i);
  });
});
