// An in-memory HTTP fake of the Cloud Storage JSON API, for tests and benchmarks.
// No GCS emulator runs offline here and mocking the SDK in-process tests nothing real,
// so tests drive the real @google-cloud/storage client against this server on port 0.
// It covers what the client sends for list / get / download / upload (resumable,
// multipart, media) / patch / delete / rewrite, plus public object URLs, and can
// inject faults (delays, error statuses, resets, broken list bodies).
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Storage, type StorageOptions } from '@google-cloud/storage';

export interface FakeObjectInput { contentType?: string; cacheControl?: string; metadata?: Record<string, string>; }
export interface Fault {
  delayMs?: number;
  status?: number;           // e.g. 500, 503: answered with a GCS-style JSON error
  reset?: boolean;           // destroy the socket instead of answering
  truncateList?: boolean;    // list body (chunked) cut in the middle
  malformedList?: boolean;   // list answers 200 with invalid JSON
  only?: 'list' | 'get' | 'media' | 'upload' | 'all'; // which requests the fault hits; default 'all'
  times?: number;            // how many requests it hits, default unlimited
}
export type FakeRequestKind = 'list' | 'get' | 'media' | 'upload' | 'delete' | 'patch' | 'public' | 'other';
export interface FakeRequest { method: string; path: string /* as received: percent-encoded, no query */; query: Record<string, string>; kind: FakeRequestKind; authorization?: string }
export interface FakeGcs {
  url: string; // 'http://127.0.0.1:PORT'
  port: number;
  /** A real client pointed at the fake; extra options (e.g. retryOptions) are merged in. */
  storage(options?: StorageOptions): Storage;
  createBucket(name: string): void;
  /** Direct seeding (new generation each time). Keeps `data` by reference: do not mutate it afterwards. */
  put(bucket: string, name: string, data: Buffer | string, input?: FakeObjectInput): void;
  get(bucket: string, name: string): { data: Buffer; contentType: string; cacheControl?: string; metadata: Record<string, string>; generation: number } | undefined;
  remove(bucket: string, name: string): void;
  names(bucket: string): string[];
  requests: FakeRequest[];
  resetRequests(): void;
  fault(f: Fault | null): void;
  close(): Promise<void>;
}

// `data` is kept by reference (seeding 100k objects from one shared buffer stays cheap: do not
// mutate it afterwards); `hashes` are computed on first use, so seeding does no hashing at all.
interface StoredObject {
  name: string; data: Buffer; contentType: string; cacheControl?: string; metadata: Record<string, string>;
  generation: number; metageneration: number; timeCreated: string; updated: string; hashes?: Hashes;
}
interface Hashes { md5: string; crc32c: string }
interface BucketState { name: string; created: string; objects: Map<string, StoredObject>; sorted: string[]; dirty: boolean }
interface UploadSession { bucket: string; name: string; fields: ObjectFields; query: Record<string, string>; chunks: Buffer[]; received: number; done?: object }
interface ObjectFields { name?: string; contentType?: string; cacheControl?: string; metadata?: Record<string, string | null>; md5Hash?: string; crc32c?: string }

/** Thrown by handlers; rendered as the JSON error body GCS sends. */
class GcsError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) { super(message); }
}

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78); GCS sends it base64 of 4 bytes big-endian.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32c(buf: Buffer): string {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}
const hashCache = new WeakMap<Buffer, Hashes>(); // one shared seed buffer is hashed once
function hashesOf(o: StoredObject): Hashes {
  o.hashes ??= hashCache.get(o.data) ?? { md5: createHash('md5').update(o.data).digest('base64'), crc32c: crc32c(o.data) };
  hashCache.set(o.data, o.hashes);
  return o.hashes;
}

// GCS orders names by UTF-8 bytes, i.e. by code point. UTF-16 code units agree except that
// surrogates (code points >= U+10000) must rank above U+E000..U+FFFF.
const rank = (u: number) => (u >= 0xd800 && u <= 0xdfff ? u + 0x10000 : u);
function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}
/** First index at or after `lo` where `before` turns false (`before` must be true-then-false). */
function partition(arr: string[], lo: number, before: (s: string) => boolean): number {
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(arr[mid]!)) lo = mid + 1; else hi = mid;
  }
  return lo;
}
/** Names stay sorted lazily: appends in order keep them clean, anything else sorts once on the next list. */
function sortedNames(b: BucketState): string[] {
  if (b.dirty) { b.sorted.sort(compareNames); b.dirty = false; }
  return b.sorted;
}

function checkPreconditions(q: Record<string, string>, o: StoredObject | undefined): void {
  const gen = o ? o.generation : 0; // ifGenerationMatch=0 means "only if it does not exist"
  const failed =
    (q.ifGenerationMatch !== undefined && Number(q.ifGenerationMatch) !== gen) ||
    (q.ifGenerationNotMatch !== undefined && Number(q.ifGenerationNotMatch) === gen) ||
    (q.ifMetagenerationMatch !== undefined && Number(q.ifMetagenerationMatch) !== o?.metageneration) ||
    (q.ifMetagenerationNotMatch !== undefined && Number(q.ifMetagenerationNotMatch) === o?.metageneration);
  if (failed) throw new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
}

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; undefined means "whole body". */
function byteRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [start, end] = m[1] === '' ? [Math.max(0, size - Number(m[2])), size - 1] : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}

/** Splits a multipart/related body (JSON resource part, then the bytes) into its part bodies. */
function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new GcsError(400, 'invalid', 'Missing multipart boundary.');
  const all = Buffer.concat([Buffer.from('\r\n'), body]); // so the first delimiter also follows a CRLF
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts: Buffer[] = [];
  // Each part runs from one delimiter to the next; after the last one come "--" and the epilogue.
  for (let at = all.indexOf(delim), next; at >= 0 && (next = all.indexOf(delim, at + delim.length)) >= 0; at = next) {
    const part = all.subarray(at + delim.length, next);
    parts.push(part.subarray(part.indexOf('\r\n\r\n') + 4)); // skip the part's headers
  }
  if (parts.length < 2) throw new GcsError(400, 'invalid', 'Expected a multipart/related body with 2 parts.');
  return parts;
}

const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
});
const parseJson = (body: Buffer): ObjectFields => (body.length ? JSON.parse(body.toString('utf8')) : {});

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
function sendError(res: ServerResponse, e: GcsError): void {
  sendJson(res, e.code, { error: { code: e.code, message: e.message, errors: [{ message: e.message, domain: 'global', reason: e.reason }] } });
}

export async function startFakeGcs(options: { buckets?: string[] } = {}): Promise<FakeGcs> {
  const buckets = new Map<string, BucketState>();
  const sessions = new Map<string, UploadSession>();
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let currentFault: Fault | null = null;
  let lastGeneration = Date.now() * 1000; // GCS generations are microsecond timestamps; ours only need to increase
  let url = '';

  const fail = (code: number, reason: string, message: string): never => { throw new GcsError(code, reason, message); };
  /** Cloud Storage's limits on custom metadata: 4 KiB per value, 8 KiB for all names and values (UTF-8 bytes). */
  const checkMetadataSize = (metadata: Record<string, string>) => {
    let total = 0;
    for (const [k, v] of Object.entries(metadata)) {
      if (Buffer.byteLength(v) > 4096) fail(400, 'invalid', `The value of custom metadata field "${k}" is larger than 4 KiB.`);
      total += Buffer.byteLength(k) + Buffer.byteLength(v);
    }
    if (total > 8192) fail(400, 'invalid', 'Custom metadata is larger than 8 KiB.');
  };
  const bucketOf = (name: string) => buckets.get(name) ?? fail(404, 'notFound', 'The specified bucket does not exist.');
  const objectOf = (b: BucketState, name: string) => b.objects.get(name) ?? fail(404, 'notFound', `No such object: ${b.name}/${name}`);

  function store(b: BucketState, name: string, data: Buffer, fields: ObjectFields): StoredObject {
    const now = new Date().toISOString();
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields.metadata ?? {})) if (v !== null) metadata[k] = String(v);
    checkMetadataSize(metadata);
    const o: StoredObject = {
      name, data, metadata, generation: ++lastGeneration, metageneration: 1, timeCreated: now, updated: now,
      contentType: fields.contentType || 'application/octet-stream',
      ...(fields.cacheControl ? { cacheControl: fields.cacheControl } : {}),
    };
    if (!b.objects.has(name)) {
      const last = b.sorted[b.sorted.length - 1];
      b.sorted.push(name);
      if (last !== undefined && compareNames(last, name) > 0) b.dirty = true;
    }
    b.objects.set(name, o);
    return o;
  }
  function unstore(b: BucketState, name: string): void {
    if (!b.objects.delete(name)) return;
    const names = sortedNames(b);
    names.splice(partition(names, 0, (s) => compareNames(s, name) < 0), 1);
  }

  function resource(bucket: string, o: StoredObject) {
    const h = hashesOf(o);
    const enc = encodeURIComponent(o.name);
    return {
      kind: 'storage#object', id: `${bucket}/${o.name}/${o.generation}`,
      selfLink: `${url}/storage/v1/b/${bucket}/o/${enc}`,
      mediaLink: `${url}/download/storage/v1/b/${bucket}/o/${enc}?generation=${o.generation}&alt=media`,
      name: o.name, bucket, generation: String(o.generation), metageneration: String(o.metageneration),
      contentType: o.contentType, storageClass: 'STANDARD', size: String(o.data.length), md5Hash: h.md5, crc32c: h.crc32c,
      etag: Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64'), timeCreated: o.timeCreated, updated: o.updated,
      ...(o.cacheControl ? { cacheControl: o.cacheControl } : {}),
      ...(Object.keys(o.metadata).length ? { metadata: { ...o.metadata } } : {}),
    };
  }

  /** One page in O(page size + log n): binary search to the start, walk the sorted names. */
  function list(b: BucketState, q: Record<string, string>) {
    const names = sortedNames(b);
    const prefix = q.prefix ?? '';
    const delimiter = q.delimiter || '';
    const max = Math.min(Math.max(Number(q.maxResults) || 1000, 1), 1000);
    let from = prefix;
    for (const key of [q.startOffset, q.pageToken && Buffer.from(q.pageToken, 'base64url').toString('utf8')]) {
      if (key && compareNames(key, from) > 0) from = key;
    }
    const inRange = (n: string) => n.startsWith(prefix) && (!q.endOffset || compareNames(n, q.endOffset) < 0);
    const items: object[] = [];
    const prefixes: string[] = [];
    let nextPageToken: string | undefined;
    let i = partition(names, 0, (s) => compareNames(s, from) < 0);
    while (i < names.length && inRange(names[i]!)) {
      const name = names[i]!;
      if (items.length + prefixes.length >= max) { nextPageToken = Buffer.from(name).toString('base64url'); break; }
      const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
      if (cut < 0) { items.push(resource(b.name, b.objects.get(name)!)); i++; continue; }
      const p = name.slice(0, cut + delimiter.length);
      prefixes.push(p);
      i = partition(names, i, (s) => s.startsWith(p) || compareNames(s, p) < 0); // skip the whole group
    }
    // Like GCS, empty `items` / `prefixes` are left out rather than sent as [].
    return { kind: 'storage#objects', ...(nextPageToken && { nextPageToken }), ...(prefixes.length && { prefixes }), ...(items.length && { items }) };
  }

  /** Validates client-sent hashes (X-Goog-Hash header or resource fields) the way GCS does, then stores. */
  function commitUpload(bucket: string, name: string, data: Buffer, fields: ObjectFields, q: Record<string, string>, hashHeader?: string) {
    const b = bucketOf(bucket);
    checkPreconditions(q, b.objects.get(name));
    const sent: Partial<Record<'crc32c' | 'md5', string>> = { crc32c: fields.crc32c, md5: fields.md5Hash };
    for (const pair of (hashHeader ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) sent[pair.slice(0, eq).trim() as 'crc32c' | 'md5'] = pair.slice(eq + 1).trim();
    }
    const actual = { md5: createHash('md5').update(data).digest('base64'), crc32c: crc32c(data) };
    for (const k of ['crc32c', 'md5'] as const) {
      if (sent[k] && sent[k] !== actual[k]) throw new GcsError(400, 'invalid', `Provided ${k} "${sent[k]}" doesn't match calculated ${k} "${actual[k]}".`);
    }
    const o = store(b, name, data, fields);
    o.hashes = actual;
    return resource(bucket, o);
  }

  function upload(req: IncomingMessage, res: ServerResponse, bucket: string, q: Record<string, string>, body: Buffer) {
    const hashHeader = req.headers['x-goog-hash'] as string | undefined;
    if (req.method === 'PUT' && q.upload_id) {
      const s = sessions.get(q.upload_id);
      if (!s) throw new GcsError(404, 'notFound', 'No such upload session.');
      if (s.done) return sendJson(res, 200, s.done);
      // "bytes a-b/total" carries a chunk, "bytes a-*/total" the rest, "bytes */total" only asks for status.
      const m = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(String(req.headers['content-range'] ?? ''));
      if (!m) throw new GcsError(400, 'invalid', 'Invalid Content-Range.');
      if (m[1] !== undefined && Number(m[1]) <= s.received) {
        const fresh = body.subarray(s.received - Number(m[1])); // a retried chunk may overlap what we hold
        s.chunks.push(fresh);
        s.received += fresh.length;
      }
      const total = m[3] === '*' ? (m[2] === '*' ? s.received : undefined) : Number(m[3]);
      if (total === undefined || s.received < total) { // 308 "resume incomplete": Range says what we hold
        return void res.writeHead(308, { 'content-length': '0', ...(s.received ? { range: `bytes=0-${s.received - 1}` } : {}) }).end();
      }
      s.done = commitUpload(s.bucket, s.name, Buffer.concat(s.chunks), s.fields, s.query, hashHeader);
      s.chunks = [];
      return sendJson(res, 200, s.done);
    }
    if (req.method !== 'POST' || !['resumable', 'multipart', 'media'].includes(q.uploadType ?? '')) {
      throw new GcsError(400, 'invalid', `fake-gcs does not support ${req.method} uploadType=${q.uploadType}.`);
    }
    bucketOf(bucket);
    // The object resource comes as the JSON body (resumable), the first part (multipart) or headers (media).
    const parts = q.uploadType === 'multipart' ? multipartParts(body, String(req.headers['content-type'] ?? '')) : undefined;
    const fields: ObjectFields = q.uploadType === 'media' ? { contentType: req.headers['content-type'] } : parseJson(parts?.[0] ?? body);
    const name = q.name ?? fields.name;
    if (!name) throw new GcsError(400, 'required', 'Required: object name.');
    if (q.uploadType !== 'resumable') return sendJson(res, 200, commitUpload(bucket, name, parts?.[1] ?? body, fields, q, hashHeader));
    const contentType = (req.headers['x-upload-content-type'] as string | undefined) ?? fields.contentType;
    const id = randomUUID(); // preconditions are checked when the upload completes, as GCS does
    sessions.set(id, { bucket, name, fields: { ...fields, ...(contentType ? { contentType } : {}) }, query: q, chunks: [], received: 0 });
    sendJson(res, 200, {}, { location: `${url}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}` });
  }

  /** Bytes for media downloads and public URLs: hashes, generation, optional single range. */
  function sendObject(req: IncomingMessage, res: ServerResponse, o: StoredObject, extra: Record<string, string>) {
    const h = hashesOf(o);
    const headers: Record<string, string> = {
      'content-type': o.contentType, 'last-modified': new Date(o.updated).toUTCString(),
      'x-goog-hash': `crc32c=${h.crc32c},md5=${h.md5}`, 'x-goog-generation': String(o.generation),
      'x-goog-metageneration': String(o.metageneration), 'x-goog-stored-content-encoding': 'identity',
      'x-goog-stored-content-length': String(o.data.length), 'accept-ranges': 'bytes', ...extra,
    };
    const range = byteRange(req.headers.range, o.data.length);
    if (range === 'unsatisfiable') return void res.writeHead(416, { ...headers, 'content-range': `bytes */${o.data.length}`, 'content-length': '0' }).end();
    const [start, end] = range ?? [0, o.data.length - 1];
    if (range) headers['content-range'] = `bytes ${start}-${end}/${o.data.length}`;
    res.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(end - start + 1) });
    res.end(o.data.subarray(start, end + 1));
  }

  function servePublic(req: IncomingMessage, res: ServerResponse, bucket: string, name: string) {
    if (req.method === 'OPTIONS') { // CORS preflight
      return void res.writeHead(200, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '3600', 'content-length': '0' }).end();
    }
    const b = buckets.get(bucket);
    const o = b?.objects.get(name);
    if (!o) { // the public endpoint answers in XML, like GCS's XML API
      const text = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuch${b ? 'Key' : 'Bucket'}</Code><Message>The specified ${b ? 'key' : 'bucket'} does not exist.</Message></Error>`;
      return void res.writeHead(404, { 'content-type': 'application/xml; charset=UTF-8', 'access-control-allow-origin': '*' }).end(text);
    }
    const etag = `"${Buffer.from(hashesOf(o).md5, 'base64').toString('hex')}"`;
    // GCS serves public objects without their own Cache-Control as "public, max-age=3600".
    const extra = { etag, 'cache-control': o.cacheControl ?? 'public, max-age=3600', 'access-control-allow-origin': '*' };
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, extra).end();
    sendObject(req, res, o, extra);
  }

  type Route = { kind: FakeRequestKind; run: (body: Buffer) => unknown; page?: () => object };
  function route(req: IncomingMessage, res: ServerResponse, path: string, q: Record<string, string>): Route {
    const method = req.method ?? 'GET';
    const dec = decodeURIComponent;
    let m: RegExpExecArray | null;
    if ((m = /^\/upload(?:\/storage\/v1)?\/b\/([^/]+)\/o$/.exec(path))) {
      return { kind: 'upload', run: (body) => upload(req, res, dec(m![1]!), q, body) };
    }
    if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)\/rewriteTo\/b\/([^/]+)\/o\/(.+)$/.exec(path)) && method === 'POST') {
      return { kind: 'other', run: (body) => { // `file.copy()`; this rewrite is always done in one call
        const src = objectOf(bucketOf(dec(m![1]!)), dec(m![2]!));
        const { contentType = src.contentType, cacheControl = src.cacheControl, metadata = src.metadata } = parseJson(body);
        const r = commitUpload(dec(m![3]!), dec(m![4]!), src.data, { contentType, cacheControl, metadata }, q);
        const size = String(src.data.length);
        sendJson(res, 200, { kind: 'storage#rewriteResponse', totalBytesRewritten: size, objectSize: size, done: true, resource: r });
      } };
    }
    if ((m = /^(?:\/download)?(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)$/.exec(path))) {
      const [bucket, name] = [dec(m[1]!), dec(m[2]!)];
      const found = () => { const o = objectOf(bucketOf(bucket), name); checkPreconditions(q, o); return o; };
      if (method === 'GET' && q.alt === 'media') return { kind: 'media', run: () => sendObject(req, res, found(), {}) };
      if (method === 'GET') return { kind: 'get', run: () => sendJson(res, 200, resource(bucket, found())) };
      if (method === 'DELETE') return { kind: 'delete', run: () => { found(); unstore(bucketOf(bucket), name); res.writeHead(204).end(); } };
      if (method === 'PATCH') return { kind: 'patch', run: (body) => {
        const o = found();
        const patch = parseJson(body);
        const metadata = { ...o.metadata };
        for (const [k, v] of Object.entries(patch.metadata ?? {})) if (v === null) delete metadata[k]; else metadata[k] = String(v);
        checkMetadataSize(metadata);
        o.metadata = metadata;
        if (patch.contentType !== undefined) o.contentType = patch.contentType || 'application/octet-stream';
        if (patch.cacheControl !== undefined) { if (patch.cacheControl) o.cacheControl = patch.cacheControl; else delete o.cacheControl; }
        o.metageneration++;
        o.updated = new Date().toISOString();
        sendJson(res, 200, resource(bucket, o));
      } };
    }
    if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o$/.exec(path)) && method === 'GET') {
      const page = () => list(bucketOf(dec(m![1]!)), q);
      return { kind: 'list', page, run: () => sendJson(res, 200, page()) };
    }
    if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)$/.exec(path)) && method === 'GET') { // bucket.exists(), getMetadata()
      const bucketResource = ({ name, created }: BucketState) => ({ kind: 'storage#bucket', id: name, name, timeCreated: created, updated: created, location: 'US', storageClass: 'STANDARD', metageneration: '1' });
      return { kind: 'other', run: () => sendJson(res, 200, bucketResource(bucketOf(dec(m![1]!)))) };
    }
    // Public URLs (`file.publicUrl()`): /BUCKET/NAME. Bucket names are 3+ characters, so `/b/…` is never one.
    if ((m = /^\/([^/]+)\/(.+)$/.exec(path)) && ['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      return { kind: 'public', run: () => servePublic(req, res, dec(m![1]!), dec(m![2]!)) };
    }
    return { kind: 'other', run: () => { throw new GcsError(501, 'notImplemented', `fake-gcs does not support ${method} ${path}`); } };
  }

  /** Returns the fault to apply to this request (consuming one of its `times`), if any. */
  function takeFault(kind: FakeRequestKind): Fault | null {
    const f = currentFault;
    if (!f || (f.only && f.only !== 'all' && f.only !== kind)) return null;
    const listOnly = !f.delayMs && !f.status && !f.reset;
    if (listOnly && kind !== 'list') return null; // truncate/malformed mean nothing elsewhere
    if (f.times === undefined) return f;
    return f.times-- > 0 ? f : null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(parsed.searchParams);
    const r = route(req, res, parsed.pathname, query);
    requests.push({ method: req.method ?? 'GET', path: parsed.pathname, query, kind: r.kind, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const body = await readBody(req); // always read the whole body before answering
    const f = takeFault(r.kind);
    if (f?.delayMs) await new Promise<void>((done) => { const t = setTimeout(() => { timers.delete(t); done(); }, f.delayMs); timers.add(t); });
    if (res.destroyed) return;
    if (f?.reset) return void req.socket.destroy();
    if (f?.status) return sendError(res, new GcsError(f.status, f.status === 429 ? 'rateLimitExceeded' : 'backendError', `fake-gcs injected fault (status ${f.status})`));
    if (f && r.page && (f.truncateList || f.malformedList)) {
      // The client resolves a malformed page as an empty, final one: teeny-request JSON-parses only
      // "charset=utf-8" bodies, and GCS (like us) says "charset=UTF-8", so the parse error is swallowed.
      const text = f.malformedList ? '{"kind":"storage#objects","items":[{"name":' : JSON.stringify(r.page());
      if (f.malformedList) return void res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(text);
      // Chunked, then cut: the client fails fast with "Premature close". (With a Content-Length
      // that is never met, the client's node-fetch 2 waits for its request timeout, 60 s by default.)
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'transfer-encoding': 'chunked' });
      return void res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
    }
    await r.run(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof URIError) return sendError(res, new GcsError(400, 'invalid', 'Malformed percent-encoding in the path.'));
      sendError(res, e instanceof GcsError ? e : new GcsError(500, 'backendError', `fake-gcs: ${String((e as Error)?.stack ?? e)}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  const fake: FakeGcs = {
    url, port, requests,
    storage: (opts = {}) => new Storage({ projectId: 'test', ...opts, apiEndpoint: url }),
    createBucket(name) {
      if (!buckets.has(name)) buckets.set(name, { name, created: new Date().toISOString(), objects: new Map(), sorted: [], dirty: false });
    },
    put(bucket, name, data, input = {}) {
      const b = buckets.get(bucket);
      if (!b) throw new Error(`fake-gcs: put into unknown bucket ${bucket} (createBucket first)`);
      store(b, name, typeof data === 'string' ? Buffer.from(data) : data, input);
    },
    get(bucket, name) {
      const o = buckets.get(bucket)?.objects.get(name);
      if (!o) return undefined;
      return { data: o.data, contentType: o.contentType, metadata: { ...o.metadata }, generation: o.generation, ...(o.cacheControl ? { cacheControl: o.cacheControl } : {}) };
    },
    remove(bucket, name) { const b = buckets.get(bucket); if (b) unstore(b, name); },
    names: (bucket) => { const b = buckets.get(bucket); return b ? [...sortedNames(b)] : []; },
    resetRequests() { requests.length = 0; },
    fault(f) { currentFault = f ? { ...f } : null; },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections(); // keep-alive sockets from the client would otherwise hold close() open
      await new Promise<void>((resolve) => server.close(() => resolve())); // a second close() is a no-op
    },
  };
  for (const name of options.buckets ?? []) fake.createBucket(name);
  return fake;
}
