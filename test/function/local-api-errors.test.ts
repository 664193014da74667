/**
 * The photo API on the embedded local store, given bad input: a JSON error
 * with the right status for every bad path, query, body and method, nothing
 * outside the folder ever read, no server path or stack trace in an answer;
 * an empty or missing folder (test/function/support/local-photos.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { isApiError } from '../../src/contract.js';
import { startApi } from '../support/start-api.js';
import { json, useLocalPhotos } from './support/local-photos.js';

const local = useLocalPhotos();

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
      const response = await local.api.get(url, init);
      assert.equal(response.status, status);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = await response.text();
      const error = JSON.parse(body);
      assert.ok(isApiError(error), body);
      assert.equal(error.error.code, code);
      for (const secret of [local.dir, local.outside, os.tmpdir(), 'node_modules', '    at ']) {
        assert.ok(!body.includes(secret), `no server path or stack trace in the body: ${body}`);
      }
      if (status === 405) assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
    });
  }

  test('unknown parameters (cache-busters) are ignored', async () => {
    assert.equal((await local.api.get('/?_=123&utm_source=x')).status, 200);
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
