/**
 * Hostile input, property-based: the photo API (the real handler behind the
 * functions framework, over HTTP, on a local store in a temporary folder) is
 * fed arbitrary paths, query strings, methods, headers and bodies by
 * fast-check. Whatever it gets, it never answers a 5xx other than a deliberate
 * 503, never shows a stack trace or a server path, never serves a file outside
 * the photo folder (a secret sits right next to it), and every error is the
 * contract's JSON. Each property makes all its runs (counted, no time limit)
 * from a fixed seed: a failure prints the seed and the shrunk counterexample;
 * FC_SEED=<n> replays another seed, FC_RUNS=<n> makes more runs.
 *
 * The API and its invariants are support/hostile-api.ts, the requests
 * support/hostile-requests.ts, the property runner support/assert-property.ts.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assertProperty, RUNS, SEED } from './support/assert-property.js';
import { useHostileApi } from './support/hostile-api.js';
import { MAX_URL, methodArb, pathArb, queryArb, requestArb, segment, type RawRequest } from './support/hostile-requests.js';

const hostile = useHostileApi();

// The timeout guards against a wedged server, it is no speed check: the four properties took 2 s
// on an idle 2-core machine and 25 s on a busy one.
describe(`hostile input (fast-check seed ${SEED}, ${RUNS} runs each; FC_SEED=<n> to replay another)`, { timeout: 300_000 * Math.max(1, RUNS / 300) }, () => {
  test('arbitrary paths: answered in JSON or with a photo from the folder, never a 5xx, a trace or a path', async () => {
    await hostile.fuzz(requestArb(pathArb));
  });

  test('arbitrary query strings on / and /photos, repeated and malformed keys included', async () => {
    await hostile.fuzz(requestArb(fc.tuple(fc.constantFrom('/', '/photos', '/photos/', '/?', '/images/harbour.jpg'), queryArb).map(([p, q]) => `${p}${p.endsWith('?') ? '' : '?'}${q}`)));
  });

  test('arbitrary methods, headers and bodies on the real routes', async () => {
    const routes = fc.constantFrom('/', '/photos', '/photos?limit=1', '/images/harbour.jpg', '/images/sea/wave%20one.webp', '/images/../secret.txt', '/nothing', '/?album=mountains');
    await hostile.fuzz(requestArb(routes));
  });

  test('through fetch (normalised URLs, redirects not followed): the same invariants', async () => {
    await assertProperty(
      fc.asyncProperty(fc.array(segment, { maxLength: 5 }), queryArb, methodArb, async (parts, query, method) => {
        const url = `${hostile.api.url}/${parts.join('/')}?${query}`;
        fc.pre(url.length <= MAX_URL);
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return; // fetch would refuse it before sending
        }
        const response = await fetch(parsed, { method, redirect: 'manual', signal: AbortSignal.timeout(5000) });
        const body = Buffer.from(await response.arrayBuffer());
        const request: RawRequest = { method, path: parsed.pathname + parsed.search, headers: {} };
        hostile.check(request, { status: response.status, headers: Object.fromEntries(response.headers), body });
      }),
    );
  });

  test('a path outside the folder, however it is spelled, is a JSON 404 or 400 and never the secret', async () => {
    const spellings = [
      '/images/../secret.txt', '/images/..%2fsecret.txt', '/images/%2e%2e/secret.txt', '/images/%2e%2e%2fsecret.txt', '/images/%252e%252e%252fsecret.txt',
      '/images/..%5csecret.txt', '/images/....//secret.txt', '/images/link-out.jpg', '/images/link-out.txt', '/images/.hidden/hidden.jpg',
      `/images/${encodeURIComponent(path.join(hostile.base, 'secret.txt'))}`, `/images/${encodeURIComponent(path.join(hostile.base, 'secret.jpg'))}`,
      '/images/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/images/secret.jpg%00.jpg', '/images/%c0%ae%c0%ae/secret.txt',
    ];
    for (const p of spellings) {
      const request = { method: 'GET', path: p, headers: {} };
      const response = await hostile.send(request);
      hostile.check(request, response);
      assert.ok([400, 404].includes(response.status), `${p} -> ${response.status}`);
    }
  });
});
