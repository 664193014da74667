/**
 * Hostile requests for the photo API, as fast-check arbitraries: paths with
 * traversal in every spelling, malformed query strings, any method, odd
 * headers and bodies. Each is a RawRequest, sent as it is (hostile-api.ts).
 */
import fc from 'fast-check';

/** Below Node's 16 KB header limit: a 431 from Node itself is not the API's answer. */
export const MAX_URL = 8 * 1024;

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

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

export const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TRICKY_SEGMENTS) },
  { weight: 2, arbitrary: encodedText(20) },
  { weight: 2, arbitrary: rawText(20) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b').chain((c) => fc.integer({ min: 0, max: 4000 }).map((n) => c.repeat(n))) },
);

const PREFIXES = ['/', '/images/', '/photos', '/photos/', '/images/..', '//', '/images//', '/images/%2e%2e/', '/images/./', '/IMAGES/', '/images\\', '/?', '/images/mountains/', '/images/link-out.jpg/'];

export const pathArb = fc
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
export const queryArb = fc
  .tuple(fc.array(pair, { maxLength: 10 }), fc.constantFrom('&', '&&', ';', '&amp;'))
  .map(([pairs, sep]) => pairs.join(sep));

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;
export const methodArb = fc.constantFrom(...METHODS);

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
export const requestArb = (pathPart: fc.Arbitrary<string>) =>
  fc.record({ method: methodArb, path: pathPart, headers: headersArb, body: bodyArb }).map((r): RawRequest => {
    const headers: Record<string, string> = { ...r.headers };
    if (headers.host === '') delete headers.host;
    if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
    return r.body === undefined ? { method: r.method, path: r.path, headers } : { ...r, headers };
  });
