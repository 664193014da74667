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
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ERROR_STATUS, isApiError } from '../../src/contract.js';
import { makePhoto } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';

const SEED = Number(process.env.FC_SEED ?? 20261124);
const RUNS = Number(process.env.FC_RUNS ?? 300);
/** Below Node's 16 KB header limit: a 431 from Node itself is not the API's answer. */
const MAX_URL = 8 * 1024;
const SECRET = `top-secret-${process.pid}-a1b2c3`;

let base: string;
let photosDir: string;
let api: TestApi;
let secretJpeg: Buffer;
/** The bytes of every file the API may serve. */
let servable: Buffer[];

before(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-hostile-'));
  photosDir = path.join(base, 'photos');
  await makePhoto(photosDir, 'harbour.jpg', { sidecar: { caption: 'Harbour', alt: 'Boats' } });
  await makePhoto(photosDir, 'mountains/ridge.png', { format: 'png', colour: '#225522' });
  await makePhoto(photosDir, 'sea/wave one.webp', { format: 'webp', colour: '#112288', sidecar: { caption: 'Ünïcødé ←' } });
  await makePhoto(photosDir, '.hidden/hidden.jpg', { colour: '#ff00ff' });
  // Next to the folder: must never be served, whatever the path says.
  await fs.writeFile(path.join(base, 'secret.txt'), SECRET);
  await fs.writeFile(path.join(base, 'secret.jpg.json'), JSON.stringify({ caption: SECRET }));
  secretJpeg = await fs.readFile(await makePhoto(base, 'secret.jpg', { colour: '#ff0000', description: SECRET }));
  await fs.symlink(path.join(base, 'secret.jpg'), path.join(photosDir, 'link-out.jpg'));
  await fs.symlink(path.join(base, 'secret.txt'), path.join(photosDir, 'link-out.txt'));
  servable = await Promise.all(['harbour.jpg', 'mountains/ridge.png', 'sea/wave one.webp'].map((n) => fs.readFile(path.join(photosDir, n))));
  api = await startApi({ PHOTOS_DIR: photosDir });
  // Warm the catalog so every run sees the same (loaded) state.
  assert.equal((await api.get('/photos')).status, 200);
});

after(async () => {
  await api?.close();
  if (base) await fs.rm(base, { recursive: true, force: true });
});

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends the path exactly as given (fetch would normalise `..` and encodings away). */
function send(request: RawRequest): Promise<RawResponse> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error(`no answer within 5 s to ${request.method} ${request.path}`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Strings the request itself carries (a message may echo them back; that is not a leak). */
function echoes(request: RawRequest): string {
  const text = [request.path, ...Object.values(request.headers), request.body ?? ''].join('\n');
  let decoded = text;
  try {
    decoded = decodeURIComponent(decodeURIComponent(text));
  } catch {
    /* malformed: the raw text is what can be echoed */
  }
  return `${text}\n${decoded}`;
}

/** The invariants every answer keeps, whatever was asked. */
function checkAnswer(request: RawRequest, response: RawResponse): void {
  const what = `${request.method} ${request.path} -> ${response.status}`;
  const { status, headers, body } = response;
  const text = body.toString('utf8');
  assert.ok(status >= 200 && status < 600, what);
  assert.ok(status < 500 || status === 503, `${what}: a 5xx other than a deliberate 503: ${text.slice(0, 300)}`);
  assert.ok(status < 300 || status >= 400 || status === 304, `${what}: a redirect`);
  assert.notEqual(status, 431, `${what}: the request was kept below Node's header limit`);

  // Never a stack trace, a server path, or the secret.
  const echoed = echoes(request);
  for (const needle of ['    at ', base, photosDir, os.tmpdir() + '/', 'node_modules', '/work/', SECRET]) {
    if (echoed.includes(needle)) continue;
    assert.ok(!text.includes(needle), `${what}: the body shows ${JSON.stringify(needle)}: ${text.slice(0, 300)}`);
  }
  assert.ok(!text.includes(SECRET), `${what}: the secret leaked`);
  assert.ok(!body.equals(secretJpeg), `${what}: served the image outside the folder`);

  if (status === 400 && !headers['content-type'] && body.length === 0 && /[^\x21-\x7e]/.test(request.path)) {
    // Node's own HTTP parser refuses a request target with bytes outside visible ASCII
    // (HPE_INVALID_URL) before any handler runs, as it answers 431 to oversized headers.
    return;
  }
  if (status >= 400) {
    assert.match(String(headers['content-type']), /^application\/json/, `${what}: an error that is not JSON`);
    if (request.method !== 'HEAD') {
      let parsed: unknown;
      assert.doesNotThrow(() => (parsed = JSON.parse(text)), `${what}: an error body that is not JSON: ${text.slice(0, 300)}`);
      assert.ok(isApiError(parsed), `${what}: not {"error":{code,message}}: ${text.slice(0, 300)}`);
      assert.equal(ERROR_STATUS[parsed.error.code], status, `${what}: a code the contract does not list for ${status}: ${text.slice(0, 300)}`);
    }
    if (status === 503) assert.ok(headers['retry-after'], `${what}: a 503 without Retry-After`);
  } else if (status === 200 && request.method === 'GET') {
    const type = String(headers['content-type']);
    if (type.startsWith('image/')) {
      assert.ok(servable.some((b) => b.equals(body)), `${what}: served an image that is not one of the photos`);
    } else {
      assert.match(type, /^application\/json/, `${what}: a 200 that is neither JSON nor a photo`);
      assert.doesNotThrow(() => JSON.parse(text), `${what}: a 200 whose body is not JSON`);
    }
  }
  if (request.method === 'HEAD' || status === 204 || status === 304) assert.equal(body.length, 0, `${what}: a body`);
}

// ---- Generators -------------------------------------------------------------------------

const charsIn = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));
/** What node:http lets through in a request line: 0x21 to 0xFF, sent as latin1. */
const rawText = (maxLength: number) => fc.string({ unit: charsIn(0x21, 0xff), maxLength });
/** Printable ASCII: what a header value may hold. */
const headerText = (maxLength: number) => fc.string({ unit: charsIn(0x20, 0x7e), maxLength });
/** Any Unicode text (lone surrogates included), percent-encoded as UTF-8 where it can be. */
const encodedText = (maxLength: number) =>
  fc.string({ unit: 'binary', maxLength }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD')) + '%ED%A0%80'; // and a raw lone surrogate
    }
  });

const TRICKY_SEGMENTS = [
  '', '.', '..', '...', '%2e', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%25252e%25252e', '%c0%ae%c0%ae', '%uff0e%uff0e',
  '%00', 'a%00.jpg', 'harbour.jpg%00', '%2f', '%2F', '%5c', '%5C', '\\', '..\\', '..%5c', '..%2f', '%2e%2e%2f', '%252f', '//',
  '%', '%%', '%zz', '%E0%A4%A', '%ff', '%C0%80', '%ED%A0%80', '%F4%90%80%80',
  'images', 'photos', 'harbour.jpg', 'mountains', 'ridge.png', 'sea', 'wave%20one.webp', 'wave one.webp', 'link-out.jpg', 'link-out.txt',
  'secret.txt', 'secret.jpg', 'secret.jpg.json', 'harbour.jpg.json', '.hidden', 'hidden.jpg', '_photo-frame', 'photo-frame-manifest.jsonl',
  'photos', '~', '~root', 'etc', 'passwd', 'con', 'NUL', 'a'.repeat(300), '.'.repeat(40), '%2e'.repeat(30),
];

const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TRICKY_SEGMENTS) },
  { weight: 2, arbitrary: encodedText(20) },
  { weight: 2, arbitrary: rawText(20) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b').chain((c) => fc.integer({ min: 0, max: 4000 }).map((n) => c.repeat(n))) },
);

const PREFIXES = ['/', '/images/', '/photos', '/photos/', '/images/..', '//', '/images//', '/images/%2e%2e/', '/images/./', '/IMAGES/', '/images\\', '/?', '/images/mountains/', '/images/link-out.jpg/'];

const pathArb = fc
  .tuple(
    fc.constantFrom(...PREFIXES),
    fc.array(segment, { maxLength: 8 }),
    fc.constantFrom('/', '\\', '%2f', '%5c', '/./', '//'),
    fc.constantFrom('', '/', '?', '#', '#frag', ';x=1', '%00', '?album=..'),
  )
  .map(([prefix, parts, sep, suffix]) => prefix + parts.join(sep) + suffix);

const QUERY_KEYS = ['album', 'exclude', 'seed', 'limit', 'cursor'];
const QUERY_VALUES = [
  '', '..', '../..', '/', '//', '%2e%2e%2f', '..%2f..%2fsecret.txt', '.hidden', '_photo-frame', 'mountains', 'sea', '/mountains/', 'mountains/..',
  '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '+', '%2B', '0', '-1', '1', '1.5', '1e9', '1000', '1001', 'NaN', 'Infinity', '0x10', '99999999999999999999999',
  'harbour.jpg', 'harbour.jpg,mountains/ridge.png,sea/wave%20one.webp', ',,,', 'a,'.repeat(500), 'eyJpZCI6Ii4uIn0', 'bm90LWEtY3Vyc29y', '!!!', '====',
];
const queryKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: encodedText(8) }, { weight: 1, arbitrary: rawText(8) });
const queryValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...QUERY_VALUES) },
  { weight: 2, arbitrary: encodedText(40) },
  { weight: 2, arbitrary: rawText(40) },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 200 }) },
);
const pair = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(queryKey, queryValue).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: queryKey }, // a key without "="
  { weight: 1, arbitrary: fc.tuple(queryKey, queryValue, queryValue).map(([k, v, w]) => `${k}=${v}=${w}`) },
  { weight: 1, arbitrary: fc.tuple(queryKey, queryValue).map(([k, v]) => `${k}[]=${v}&${k}[x]=${v}`) }, // qs-style arrays and objects
);
const queryArb = fc
  .tuple(fc.array(pair, { maxLength: 10 }), fc.constantFrom('&', '&&', ';', '&amp;'))
  .map(([pairs, sep]) => pairs.join(sep));

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;
const methodArb = fc.constantFrom(...METHODS);

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin-9', 'application/x-www-form-urlencoded',
  'text/plain', 'text/plain; charset=bogus', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/xml', 'image/jpeg', '',
];
const BODIES = ['{', '{"a":', '[1,2', 'null', '"x"', '{"__proto__":{"x":1}}', 'a=%zz&b', 'a[b][c][d][e][f]=1', '\u0000\u0001', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'];

const headersArb = fc
  .record(
    {
      'if-none-match': fc.oneof(fc.constantFrom('*', 'W/"x"', '"x"', '"', ',,,', 'W/', '"a", W/"b", *'), headerText(80)),
      origin: fc.oneof(fc.constantFrom('null', 'https://evil.example', 'http://localhost', 'file://', 'https://blog.example'), headerText(80)),
      'x-cloud-trace-context': fc.oneof(fc.constantFrom('0123456789abcdef0123456789abcdef/1;o=1', '/', ';o=', 'x/y;o=z', '../../etc/passwd'), headerText(120)),
      'x-forwarded-proto': fc.constantFrom('https', 'http', 'javascript', ''),
      host: fc.oneof(fc.constantFrom('evil.example', 'localhost:99999', '[::1]:1', '', '../..', 'a b'), headerText(40)),
      'content-type': fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerText(60) }),
      range: fc.constantFrom('bytes=0-10', 'bytes=-1', 'bytes=99999999-', 'bytes=a-b'),
      accept: headerText(40),
    },
    { requiredKeys: [] },
  );
const bodyArb = fc.option(fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), { nil: undefined });

/** A request with `body`: Content-Type only makes sense with one, and node:http wants no body on GET/HEAD without a length. */
const requestArb = (pathPart: fc.Arbitrary<string>) =>
  fc.record({ method: methodArb, path: pathPart, headers: headersArb, body: bodyArb }).map((r): RawRequest => {
    const headers: Record<string, string> = { ...r.headers };
    if (headers.host === '') delete headers.host;
    if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
    return r.body === undefined ? { method: r.method, path: r.path, headers } : { ...r, headers };
  });

/**
 * Checks the property on RUNS requests, all of them: no time limit, so a busy
 * machine makes the test slower, never weaker; and the runs made are counted.
 * A failure shows fast-check's report (seed, path, counterexample) with the
 * failed assertion's own message, which node:test would not show.
 */
async function assertProperty<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? `\nBecause: ${details.errorInstance.message}` : '';
    throw new Error(`${fc.defaultReportMessage(details)}\nReplay with FC_SEED=${SEED}.${cause}`);
  }
  assert.equal(details.numRuns, RUNS, `${details.numRuns} of ${RUNS} runs made (interrupted: ${details.interrupted}, ${details.numSkips} skipped by preconditions)`);
}

const fuzz = (arb: fc.Arbitrary<RawRequest>) =>
  assertProperty(
    fc.asyncProperty(arb, async (request) => {
      fc.pre(Buffer.byteLength(request.path, 'latin1') <= MAX_URL);
      fc.pre(!/[^\u0021-\u00ff]/.test(request.path)); // node:http refuses to send these at all
      checkAnswer(request, await send(request));
    }),
  );

// ---- Properties -------------------------------------------------------------------------

// The timeout guards against a wedged server, it is no speed check: the four properties took 2 s
// on an idle 2-core machine and 25 s on a busy one.
describe(`hostile input (fast-check seed ${SEED}, ${RUNS} runs each; FC_SEED=<n> to replay another)`, { timeout: 300_000 * Math.max(1, RUNS / 300) }, () => {
  test('arbitrary paths: answered in JSON or with a photo from the folder, never a 5xx, a trace or a path', async () => {
    await fuzz(requestArb(pathArb));
  });

  test('arbitrary query strings on / and /photos, repeated and malformed keys included', async () => {
    await fuzz(requestArb(fc.tuple(fc.constantFrom('/', '/photos', '/photos/', '/?', '/images/harbour.jpg'), queryArb).map(([p, q]) => `${p}${p.endsWith('?') ? '' : '?'}${q}`)));
  });

  test('arbitrary methods, headers and bodies on the real routes', async () => {
    const routes = fc.constantFrom('/', '/photos', '/photos?limit=1', '/images/harbour.jpg', '/images/sea/wave%20one.webp', '/images/../secret.txt', '/nothing', '/?album=mountains');
    await fuzz(requestArb(routes));
  });

  test('through fetch (normalised URLs, redirects not followed): the same invariants', async () => {
    await assertProperty(
      fc.asyncProperty(fc.array(segment, { maxLength: 5 }), queryArb, methodArb, async (parts, query, method) => {
        const url = `${api.url}/${parts.join('/')}?${query}`;
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
        checkAnswer(request, { status: response.status, headers: Object.fromEntries(response.headers), body });
      }),
    );
  });

  test('a path outside the folder, however it is spelled, is a JSON 404 or 400 and never the secret', async () => {
    const spellings = [
      '/images/../secret.txt', '/images/..%2fsecret.txt', '/images/%2e%2e/secret.txt', '/images/%2e%2e%2fsecret.txt', '/images/%252e%252e%252fsecret.txt',
      '/images/..%5csecret.txt', '/images/....//secret.txt', '/images/link-out.jpg', '/images/link-out.txt', '/images/.hidden/hidden.jpg',
      `/images/${encodeURIComponent(path.join(base, 'secret.txt'))}`, `/images/${encodeURIComponent(path.join(base, 'secret.jpg'))}`,
      '/images/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/images/secret.jpg%00.jpg', '/images/%c0%ae%c0%ae/secret.txt',
    ];
    for (const p of spellings) {
      const request = { method: 'GET', path: p, headers: {} };
      const response = await send(request);
      checkAnswer(request, response);
      assert.ok([400, 404].includes(response.status), `${p} -> ${response.status}`);
    }
  });
});
