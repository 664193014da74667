// An in-memory HTTP fake of the Cloud Storage JSON API, for tests and benchmarks.
// No GCS emulator runs offline here and mocking the SDK in-process tests nothing real,
// so tests drive the real @google-cloud/storage client against this server on port 0.
// It covers what the client sends for list / get / download / upload (resumable,
// multipart, media) / patch / delete / rewrite, plus public object URLs, and can
// inject faults (delays, error statuses, resets, broken list bodies). Its parts are in
// fake-gcs/: the objects (object-store.ts, bucket.ts), uploads, media and faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Storage, type StorageOptions } from '@google-cloud/storage';
import { FaultInjector, type Fault, type FakeRequestKind } from './fake-gcs/fault-injector.js';
import { GcsError, sendError, sendJson } from './fake-gcs/gcs-error.js';
import { sendMedia, servePublic } from './fake-gcs/media-routes.js';
import { ObjectStore } from './fake-gcs/object-store.js';
import { UploadRoutes } from './fake-gcs/upload-routes.js';

export type { Fault, FakeRequestKind };
export interface FakeObjectInput { contentType?: string; cacheControl?: string; metadata?: Record<string, string>; }
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

type Route = { kind: FakeRequestKind; run: (body: Buffer) => unknown; page?: () => object };

/** The JSON API's paths, then uploads', then public URLs'; each route says what kind of request it is. */
function route(req: IncomingMessage, res: ServerResponse, path: string, q: Record<string, string>, store: ObjectStore, uploads: UploadRoutes): Route {
  const method = req.method ?? 'GET';
  const dec = decodeURIComponent;
  let m: RegExpExecArray | null;
  if ((m = /^\/upload(?:\/storage\/v1)?\/b\/([^/]+)\/o$/.exec(path))) {
    return { kind: 'upload', run: (body) => uploads.upload(req, res, dec(m![1]!), q, body) };
  }
  if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)\/rewriteTo\/b\/([^/]+)\/o\/(.+)$/.exec(path)) && method === 'POST') {
    return { kind: 'other', run: (body) => sendJson(res, 200, store.rewrite([dec(m![1]!), dec(m![2]!)], [dec(m![3]!), dec(m![4]!)], body, q)) };
  }
  if ((m = /^(?:\/download)?(?:\/storage\/v1)?\/b\/([^/]+)\/o\/(.+)$/.exec(path))) {
    const [bucket, name] = [dec(m[1]!), dec(m[2]!)];
    const found = () => store.found(bucket, name, q);
    if (method === 'GET' && q.alt === 'media') return { kind: 'media', run: () => sendMedia(req, res, found(), {}) };
    if (method === 'GET') return { kind: 'get', run: () => sendJson(res, 200, store.resource(bucket, found())) };
    if (method === 'DELETE') return { kind: 'delete', run: () => { found(); store.bucket(bucket).delete(name); res.writeHead(204).end(); } };
    if (method === 'PATCH') return { kind: 'patch', run: (body) => sendJson(res, 200, store.patch(bucket, found(), body)) };
  }
  if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)\/o$/.exec(path)) && method === 'GET') {
    const page = () => store.list(dec(m![1]!), q);
    return { kind: 'list', page, run: () => sendJson(res, 200, page()) };
  }
  if ((m = /^(?:\/storage\/v1)?\/b\/([^/]+)$/.exec(path)) && method === 'GET') { // bucket.exists(), getMetadata()
    return { kind: 'other', run: () => sendJson(res, 200, store.bucketResource(dec(m![1]!))) };
  }
  // Public URLs (`file.publicUrl()`): /BUCKET/NAME. Bucket names are 3+ characters, so `/b/…` is never one.
  if ((m = /^\/([^/]+)\/(.+)$/.exec(path)) && ['GET', 'HEAD', 'OPTIONS'].includes(method)) {
    return { kind: 'public', run: () => servePublic(req, res, store, dec(m![1]!), dec(m![2]!)) };
  }
  return { kind: 'other', run: () => { throw new GcsError(501, 'notImplemented', `fake-gcs does not support ${method} ${path}`); } };
}

const readBody = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
});

export async function startFakeGcs(options: { buckets?: string[] } = {}): Promise<FakeGcs> {
  const requests: FakeRequest[] = [];
  const faults = new FaultInjector();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const store = new ObjectStore(url);
  const uploads = new UploadRoutes(store);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(parsed.searchParams);
    const r = route(req, res, parsed.pathname, query, store, uploads);
    requests.push({ method: req.method ?? 'GET', path: parsed.pathname, query, kind: r.kind, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const body = await readBody(req); // always read the whole body before answering
    if (await faults.apply(req, res, r.kind, r.page)) return;
    await r.run(body);
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof URIError) return sendError(res, new GcsError(400, 'invalid', 'Malformed percent-encoding in the path.'));
      sendError(res, e instanceof GcsError ? e : new GcsError(500, 'backendError', `fake-gcs: ${String((e as Error)?.stack ?? e)}`));
    });
  });

  const fake: FakeGcs = {
    url, port, requests,
    storage: (opts = {}) => new Storage({ projectId: 'test', ...opts, apiEndpoint: url }),
    createBucket: (name) => store.createBucket(name),
    put(bucket, name, data, input = {}) {
      const b = store.find(bucket);
      if (!b) throw new Error(`fake-gcs: put into unknown bucket ${bucket} (createBucket first)`);
      store.put(b, name, typeof data === 'string' ? Buffer.from(data) : data, input);
    },
    get(bucket, name) {
      const o = store.find(bucket)?.objects.get(name);
      if (!o) return undefined;
      return { data: o.data, contentType: o.contentType, metadata: { ...o.metadata }, generation: o.generation, ...(o.cacheControl ? { cacheControl: o.cacheControl } : {}) };
    },
    remove: (bucket, name) => store.find(bucket)?.delete(name),
    names: (bucket) => [...(store.find(bucket)?.names() ?? [])],
    resetRequests() { requests.length = 0; },
    fault: (f) => faults.set(f),
    async close() {
      faults.clear();
      server.closeAllConnections(); // keep-alive sockets from the client would otherwise hold close() open
      await new Promise<void>((resolve) => server.close(() => resolve())); // a second close() is a no-op
    },
  };
  for (const name of options.buckets ?? []) fake.createBucket(name);
  return fake;
}
