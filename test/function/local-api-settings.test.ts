/**
 * The photo API on the embedded local store with its settings: ALLOWED_ORIGINS
 * for photos and for errors alike, GOOGLE_CLOUD_PROJECT for trace links
 * (test/function/support/local-photos.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startApi, type TestApi } from '../support/start-api.js';
import { json, useLocalPhotos } from './support/local-photos.js';

const local = useLocalPhotos();

describe('ALLOWED_ORIGINS', () => {
  test('allows only the listed origins, and says the answer varies by origin', async () => {
    const limited = await startApi({ PHOTOS_DIR: local.dir, ALLOWED_ORIGINS: 'https://blog.example, https://www.blog.example' });
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
      const limited = await startApi({ PHOTOS_DIR: local.dir, ALLOWED_ORIGINS: 'https://blog.example' });
      try {
        const cases: [TestApi, string, string | null][] = [
          [limited, 'https://blog.example', 'https://blog.example'],
          [limited, 'https://evil.example', null],
          // The API started first, with any origin allowed, keeps its own rule.
          [local.api, 'https://evil.example', '*'],
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
    const traced = await startApi({ PHOTOS_DIR: local.dir, GOOGLE_CLOUD_PROJECT: 'my-project' });
    try {
      await traced.get('/', { headers: { 'X-Cloud-Trace-Context': '0123456789abcdef0123456789abcdef/42;o=1' } });
      const line = traced.logs.find((l) => l.httpRequest);
      assert.equal(line?.['logging.googleapis.com/trace'], 'projects/my-project/traces/0123456789abcdef0123456789abcdef');
    } finally {
      await traced.close();
    }
  });
});
