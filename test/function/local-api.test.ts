/**
 * The photo API on the embedded local store, through HTTP: what a blog's
 * browser sees. Photos are made by the test in a temporary folder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isApiError, isPhoto, isPhotoList, type Photo, type PhotoList } from '../../src/contract.js';
import { makePhoto } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';

let dir: string;
let outside: string;
let api: TestApi;

before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-local-'));
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-outside-'));
  await makePhoto(dir, 'harbour.jpg', { width: 90, height: 60, sidecar: { caption: 'Harbour <img src=x onerror=alert(1)>', alt: 'Boats at a quay', date: '2024-06-01T18:30:00+02:00' } });
  await makePhoto(dir, 'sideways.jpg', { width: 80, height: 40, orientation: 6, description: 'Told by EXIF', dateTimeOriginal: '2023:02:03 04:05:06', offset: '-05:00' });
  await makePhoto(dir, 'mountains/ridge.png', { width: 40, height: 40, format: 'png', sidecar: { caption: 'Ridge' } });
  await makePhoto(dir, 'mountains/lake.webp', { width: 30, height: 20, format: 'webp', sidecar: '{not json' });
  await makePhoto(dir, 'mountainside.jpg', { width: 30, height: 20 });
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not a photo');
  await fs.writeFile(path.join(dir, 'broken.jpg'), 'not really a jpeg');
  await makePhoto(dir, '.hidden/secret.jpg');
  await makePhoto(dir, '_photo-frame/variants/harbour-640.webp', { format: 'webp' });
  await makePhoto(outside, 'private.jpg');
  await fs.symlink(path.join(outside, 'private.jpg'), path.join(dir, 'link-out.jpg'));
  api = await startApi({ PHOTOS_DIR: dir });
});

after(async () => {
  await api.close();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(outside, { recursive: true, force: true });
});

async function json<T>(response: Response): Promise<T> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (await response.json()) as T;
}

async function listAll(query = ''): Promise<Photo[]> {
  const body = await json<PhotoList>(await api.get(`/photos?limit=1000${query}`));
  assert.ok(isPhotoList(body));
  return body.photos;
}

describe('the catalog of a local folder', () => {
  test('holds exactly the readable images inside the folder, sorted by id', async () => {
    const ids = (await listAll()).map((p) => p.id);
    assert.deepEqual(ids, ['harbour.jpg', 'mountains/lake.webp', 'mountains/ridge.png', 'mountainside.jpg', 'sideways.jpg']);
  });

  test('takes caption, alt and date from the sidecar', async () => {
    const harbour = (await listAll()).find((p) => p.id === 'harbour.jpg');
    assert.deepEqual(harbour && { ...harbour, url: undefined }, {
      id: 'harbour.jpg', width: 90, height: 60, url: undefined,
      caption: 'Harbour <img src=x onerror=alert(1)>', alt: 'Boats at a quay', date: '2024-06-01T18:30:00+02:00',
    });
  });

  test('falls back to EXIF for caption and date, and applies the orientation to width and height', async () => {
    const sideways = (await listAll()).find((p) => p.id === 'sideways.jpg');
    assert.equal(sideways?.caption, 'Told by EXIF');
    assert.equal(sideways?.date, '2023-02-03T04:05:06-05:00');
    assert.deepEqual([sideways?.width, sideways?.height], [40, 80]);
  });

  test('shows a photo whose sidecar is malformed, without the sidecar, and logs why', async () => {
    const lake = (await listAll()).find((p) => p.id === 'mountains/lake.webp');
    assert.equal(lake?.caption, undefined);
    assert.ok(api.logs.some((l) => l.severity === 'WARNING' && String(l.message).includes('mountains/lake.webp.json')));
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
    const response = await api.get('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const photo = await json<Photo>(response);
    assert.ok(isPhoto(photo), JSON.stringify(photo));
    assert.equal(photo.url, `${api.url}/images/${photo.id.split('/').map(encodeURIComponent).join('/')}`);
  });

  test('album limits the pick to a folder, not to a name prefix', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add((await json<Photo>(await api.get('/?album=mountains'))).id);
    assert.deepEqual([...seen].sort(), ['mountains/lake.webp', 'mountains/ridge.png']);
    const slashes = await json<Photo>(await api.get('/?album=%2Fmountains%2F'));
    assert.match(slashes.id, /^mountains\//);
  });

  test('exclude avoids the listed photos, and is ignored when it would exclude them all', async () => {
    for (let i = 0; i < 20; i++) {
      const photo = await json<Photo>(await api.get('/?album=mountains&exclude=mountains/lake.webp'));
      assert.equal(photo.id, 'mountains/ridge.png');
    }
    const all = await api.get('/?album=mountains&exclude=mountains/lake.webp,mountains/ridge.png');
    assert.equal(all.status, 200);
  });

  test('the same seed gives the same photo', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await json<Photo>(await api.get('/?seed=2024-06-01'))).id);
    assert.equal(ids.size, 1);
    const seeds = new Set<string>();
    for (let i = 0; i < 30; i++) seeds.add((await json<Photo>(await api.get(`/?seed=day-${i}`))).id);
    assert.ok(seeds.size > 1, 'different seeds spread over the photos');
  });

  test('writes one structured log line naming the photo, the catalog state and the trace', async () => {
    const before = api.logs.length;
    const photo = await json<Photo>(await api.get('/', { headers: { 'X-Cloud-Trace-Context': '0123456789abcdef0123456789abcdef/1;o=1', Referer: 'https://blog.example/post', 'User-Agent': 'test-agent' } }));
    const lines = api.logs.slice(before).filter((l) => l.httpRequest);
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
      const page: PhotoList = await json<PhotoList>(await api.get(`/photos?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.photos.map((p) => p.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, (await listAll()).map((p) => p.id));
  });

  test('has a strong ETag, answers 304 to If-None-Match, and is cacheable briefly', async () => {
    const first = await api.get('/photos?album=mountains');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    assert.match(first.headers.get('cache-control') ?? '', /max-age=\d+, stale-while-revalidate=\d+/);
    const again = await api.get('/photos?album=mountains', { headers: { 'If-None-Match': etag! } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const other = await api.get('/photos?album=mountains&limit=1', { headers: { 'If-None-Match': etag! } });
    assert.equal(other.status, 200);
  });
});

describe('GET /images/…', () => {
  test('serves the bytes with their type, a strong ETag, 304 and CORS', async () => {
    const response = await api.get('/images/mountains/ridge.png');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(bytes, await fs.readFile(path.join(dir, 'mountains/ridge.png')));
    const etag = response.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    const again = await api.get('/images/mountains/ridge.png', { headers: { 'If-None-Match': etag! } });
    assert.equal(again.status, 304);
  });

  test('serves the URL that GET / gave', async () => {
    const photo = await json<Photo>(await api.get('/?album=mountains&exclude=mountains/lake.webp'));
    const image = await fetch(photo.url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
  });
});

describe('bad input gets a JSON error with the right status, and nothing outside the folder is read', () => {
  const cases: [string, string, number, string, RequestInit?][] = [
    ['unknown path', '/nope', 404, 'not_found'],
    ['traversal', '/images/../../etc/passwd', 404, 'not_found'],
    ['encoded traversal', '/images/..%2F..%2F..%2Fetc%2Fpasswd', 404, 'not_found'],
    ['double-encoded traversal', '/images/%252e%252e%252fetc%252fpasswd', 404, 'not_found'],
    ['backslash traversal', '/images/..%5C..%5Cetc%5Cpasswd', 404, 'not_found'],
    ['absolute path', '/images/%2Fetc%2Fpasswd', 404, 'not_found'],
    ['symlink leading outside', '/images/link-out.jpg', 404, 'not_found'],
    ['hidden folder', '/images/.hidden/secret.jpg', 404, 'not_found'],
    ['a file that is not a photo', '/images/notes.txt', 404, 'not_found'],
    ['a sidecar', '/images/harbour.jpg.json', 404, 'not_found'],
    ['NUL byte', '/images/harbour.jpg%00.png', 404, 'not_found'],
    ['malformed percent-encoding in a path', '/images/%E0%A4%A', 400, 'invalid_parameter'],
    ['malformed percent-encoding before the function runs', '/%E0%A4%A', 400, 'invalid_parameter'],
    ['a malformed JSON body', '/', 400, 'invalid_parameter', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{bad' }],
    ['malformed percent-encoding in a query', '/?album=%E0%A4%A', 400, 'invalid_parameter'],
    ['huge query string', `/?seed=${'x'.repeat(9000)}`, 400, 'invalid_parameter'],
    ['too many excluded ids', `/?exclude=${Array.from({ length: 101 }, (_, i) => `p${i}.jpg`).join(',')}`, 400, 'invalid_parameter'],
    ['an excluded id too long', `/?exclude=${'a'.repeat(1025)}`, 400, 'invalid_parameter'],
    ['a seed too long', `/?seed=${'s'.repeat(257)}`, 400, 'invalid_parameter'],
    ['a parameter given twice', '/?album=a&album=b', 400, 'invalid_parameter'],
    ['control characters in an album', '/?album=a%0Ab', 400, 'invalid_parameter'],
    ['an unknown album', '/?album=nowhere', 404, 'no_photos'],
    ['limit zero', '/photos?limit=0', 400, 'invalid_parameter'],
    ['limit too large', '/photos?limit=1001', 400, 'invalid_parameter'],
    ['limit not a number', '/photos?limit=ten', 400, 'invalid_parameter'],
    ['a forged cursor', '/photos?cursor=%%%', 400, 'invalid_parameter'],
    ['a cursor that is not base64url', '/photos?cursor=a+b', 400, 'invalid_parameter'],
    ['POST', '/', 405, 'method_not_allowed', { method: 'POST', body: 'x' }],
    ['DELETE', '/photos', 405, 'method_not_allowed', { method: 'DELETE' }],
    ['PUT an image', '/images/harbour.jpg', 405, 'method_not_allowed', { method: 'PUT', body: 'x' }],
  ];
  for (const [name, url, status, code, init] of cases) {
    test(`${name}: ${status} ${code}`, async () => {
      const response = await api.get(url, init);
      assert.equal(response.status, status);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = await response.text();
      const error = JSON.parse(body);
      assert.ok(isApiError(error), body);
      assert.equal(error.error.code, code);
      for (const secret of [dir, outside, os.tmpdir(), 'node_modules', '    at ']) {
        assert.ok(!body.includes(secret), `no server path or stack trace in the body: ${body}`);
      }
      if (status === 405) assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
    });
  }

  test('unknown parameters (cache-busters) are ignored', async () => {
    assert.equal((await api.get('/?_=123&utm_source=x')).status, 200);
  });
});

describe('HTTP details', () => {
  test('HEAD answers the headers without a body', async () => {
    const response = await api.get('/images/harbour.jpg', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(await response.text(), '');
  });

  test('a CORS preflight is answered', async () => {
    const response = await api.get('/photos', {
      method: 'OPTIONS',
      headers: { Origin: 'https://blog.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /If-None-Match/i);
  });
});

describe('ALLOWED_ORIGINS', () => {
  test('allows only the listed origins, and says the answer varies by origin', async () => {
    const limited = await startApi({ PHOTOS_DIR: dir, ALLOWED_ORIGINS: 'https://blog.example, https://www.blog.example' });
    try {
      const allowed = await limited.get('/', { headers: { Origin: 'https://www.blog.example' } });
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.blog.example');
      assert.match(allowed.headers.get('vary') ?? '', /Origin/);
      const other = await limited.get('/', { headers: { Origin: 'https://evil.example' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      await limited.close();
    }
  });

  // Errors the framework answers before the function runs, beside one the API answers itself.
  const errors: [string, string, RequestInit?][] = [
    ['a path that cannot be decoded', '/%E0%A4%A'],
    ['a malformed JSON body', '/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{bad' }],
    ['an album that cannot be a folder', '/?album=..'],
  ];
  for (const [name, url, init] of errors) {
    test(`${name} is answered with the same CORS rule as a photo`, async () => {
      const limited = await startApi({ PHOTOS_DIR: dir, ALLOWED_ORIGINS: 'https://blog.example' });
      try {
        const cases: [TestApi, string, string | null][] = [
          [limited, 'https://blog.example', 'https://blog.example'],
          [limited, 'https://evil.example', null],
          // The API started first, with any origin allowed, keeps its own rule.
          [api, 'https://evil.example', '*'],
        ];
        for (const [server, origin, allowed] of cases) {
          const response = await server.get(url, { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: origin } });
          assert.equal(response.status, 400);
          assert.equal((await json<{ error: { code: string } }>(response)).error.code, 'invalid_parameter');
          assert.equal(response.headers.get('access-control-allow-origin'), allowed, `Origin: ${origin}`);
          if (server === limited) assert.match(response.headers.get('vary') ?? '', /Origin/);
        }
      } finally {
        await limited.close();
      }
    });
  }
});

describe('GOOGLE_CLOUD_PROJECT', () => {
  test('links each log line to its Cloud Trace trace', async () => {
    const traced = await startApi({ PHOTOS_DIR: dir, GOOGLE_CLOUD_PROJECT: 'my-project' });
    try {
      await traced.get('/', { headers: { 'X-Cloud-Trace-Context': '0123456789abcdef0123456789abcdef/42;o=1' } });
      const line = traced.logs.find((l) => l.httpRequest);
      assert.equal(line?.['logging.googleapis.com/trace'], 'projects/my-project/traces/0123456789abcdef0123456789abcdef');
    } finally {
      await traced.close();
    }
  });
});

describe('an empty folder', () => {
  test('answers 404 no_photos that says how to add photos', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-empty-'));
    const emptyApi = await startApi({ PHOTOS_DIR: empty });
    try {
      for (const url of ['/', '/photos']) {
        const response = await emptyApi.get(url);
        assert.equal(response.status, 404);
        const body = await json<{ error: { code: string; message: string } }>(response);
        assert.equal(body.error.code, 'no_photos');
        assert.match(body.error.message, /"blog-photo-frame upload"/);
      }
    } finally {
      await emptyApi.close();
      await fs.rm(empty, { recursive: true });
    }
  });

  test('a folder that does not exist answers 503 with Retry-After', async () => {
    const missing = await startApi({ PHOTOS_DIR: path.join(os.tmpdir(), 'photo-frame-does-not-exist') });
    try {
      const response = await missing.get('/');
      assert.equal(response.status, 503);
      assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal((await json<{ error: { code: string } }>(response)).error.code, 'storage_unavailable');
    } finally {
      await missing.close();
    }
  });
});
