import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { PhotoList, PickQuery } from '../contract.js';
import { LIMITS } from '../contract.js';
import type { PhotoRecord } from '../format/photo-record.js';
import { ApiHttpError } from './api-error.js';
import { bytesAt, Catalog, entryAt, type CatalogSnapshot, type Freshness } from './catalog.js';
import { corsHeaders } from './cors-headers.js';
import { createStore } from './create-store.js';
import { etagMatches, strongEtag } from './etag.js';
import { LocalStore } from './local-store.js';
import type { Config } from './parse-config.js';
import { parseListQuery, parsePickQuery, encodeCursor } from './parse-query.js';
import { photoJson } from './photo-json.js';
import { StorageUnavailableError, type PhotoStore } from './photo-store.js';
import { listPhotos, pickIndexed, pickPhoto } from './pick-photo.js';
import { logLine, logRequest } from './request-log.js';

export interface PhotoHandlerOptions {
  /** The store to read (tests pass one pointed at a fake); by default the one `config` names. */
  store?: PhotoStore;
  /** Uniform integer in [0, max); injectable for tests. */
  random?: (max: number) => number;
  now?: () => number;
}

/** A request as the functions framework hands it (Express) or as plain `node:http` does. */
type Req = IncomingMessage & { originalUrl?: string };
export type PhotoHandler = (req: Req, res: ServerResponse) => void | Promise<void>;

const ALLOW = 'GET, HEAD, OPTIONS';
const NO_STORE = { 'Cache-Control': 'no-store' };
const COMMA = Buffer.from(',');
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the request log line names, filled in as the request is handled. */
interface Served {
  photo?: string;
  catalog?: Freshness | 'index';
  error?: string;
}

/**
 * The photo API as one HTTP handler: `GET /` (a random photo), `GET /photos`
 * (a page of the catalog) and, for the local store, `GET /images/…`.
 * Every answer is JSON or an image; every error is `{"error": {code, message}}`.
 */
export function createPhotoHandler(config: Config, options: PhotoHandlerOptions = {}): PhotoHandler {
  const store = options.store ?? createStore(config);
  // With public URLs a photo's answer never changes between refreshes: render it once, at load.
  const fixed = store.fixedUrls;
  const render = (record: PhotoRecord) => photoJson(record, (name) => store.url(name, '') as string);
  const catalog = new Catalog(store, {
    ttlMs: config.catalogTtlS * 1000,
    staleIfErrorMs: config.staleIfErrorS * 1000,
    ...(options.now ? { now: options.now } : {}),
    ...(fixed ? { render } : {}),
    onRefreshError: (error) => logLine('WARNING', `Catalog refresh failed: ${describe(error)}`, { store: store.kind }),
  });
  // At start-up, before the first request: the first pick then waits for the index, not the whole catalog.
  catalog.warmUp();
  const listMaxAge = Math.min(config.catalogTtlS, 300);
  const cors = (req: Req) => corsHeaders(req.headers.origin, config.allowedOrigins);
  const random = options.random ? { random: options.random } : {};

  /** Photo i's answer: rendered at load for fixed URLs, else built for this request (its origin, or a signed URL). */
  function answerAt(snapshot: CatalogSnapshot, index: number, req: Req): Buffer | Promise<string> {
    return fixed ? bytesAt(snapshot, index) : answerFor(entryAt(snapshot, index), req);
  }

  /** A photo's answer for this request. */
  async function answerFor(record: PhotoRecord, req: Req): Promise<string> {
    if (fixed) return render(record);
    const base = baseUrl(req);
    const names = [record.id, ...(record.variants ?? []).map((v) => v.name)];
    const urls = new Map(await Promise.all(names.map(async (name) => [name, await store.url(name, base)] as const)));
    return photoJson(record, (name) => urls.get(name)!);
  }

  /**
   * Answers a pick. With a warm catalog and fixed URLs this is synchronous
   * and makes no promise: the framework runs each request in a domain, where
   * every promise costs async-hook bookkeeping.
   */
  function pickFrom(current: { snapshot: CatalogSnapshot; freshness: Freshness }, req: Req, res: ServerResponse, query: PickQuery, served: Served): void | Promise<void> {
    const { snapshot, freshness } = current;
    served.catalog = freshness;
    const index = pickPhoto(snapshot.ids, { ...query, ...random });
    if (index === undefined) throw noPhotos(query.album);
    served.photo = snapshot.ids.at(index);
    const headers = { ...cors(req), ...NO_STORE };
    if (fixed) return sendJson(res, 200, bytesAt(snapshot, index), headers);
    return answerFor(entryAt(snapshot, index), req).then((json) => sendJson(res, 200, json, headers));
  }

  /**
   * Answers a pick before the catalog is in memory: from its index when the
   * store has one that matches (the same pick a warm instance makes, see
   * pickIndexed), else once the catalog is loaded. The whole catalog loads
   * after this answer is sent.
   */
  async function pickCold(req: Req, res: ServerResponse, query: PickQuery, served: Served): Promise<void> {
    const index = await catalog.index();
    if (index) {
      let picked: { record: PhotoRecord | undefined } | undefined;
      try {
        picked = { record: await pickIndexed(index, { ...query, random: options.random ?? index.random }) };
      } catch (error) {
        catalog.dropIndex(error);
      }
      if (picked) {
        served.catalog = 'index';
        if (!picked.record) throw noPhotos(query.album);
        served.photo = picked.record.id;
        sendJson(res, 200, await answerFor(picked.record, req), { ...cors(req), ...NO_STORE });
        catalog.loadInBackground();
        return;
      }
    }
    return pickFrom(await catalog.current(), req, res, query, served);
  }

  async function list(req: Req, res: ServerResponse, search: string, served: Served): Promise<void> {
    const query = parseListQuery(search);
    const { snapshot, freshness } = await catalog.current();
    served.catalog = freshness;
    const page = listPhotos(snapshot.ids, query.album, query.limit ?? LIMITS.listDefault, query.after);
    if (page.end === page.start && query.after === undefined) throw noPhotos(query.album);
    const answers = await Promise.all(Array.from({ length: page.end - page.start }, (_, i) => answerAt(snapshot, page.start + i, req)));
    const next: PhotoList['next'] = page.lastId === undefined ? null : encodeCursor(page.lastId);
    // {"photos": [...], "next": …} spliced from the photos' JSON, which is already text.
    const json = Buffer.concat([
      Buffer.from('{"photos":['),
      ...answers.flatMap((answer, i) => (i === 0 ? [Buffer.from(answer)] : [COMMA, Buffer.from(answer)])),
      Buffer.from(`],"next":${JSON.stringify(next)}}`),
    ]);
    const etag = strongEtag(json);
    const headers = { ...cors(req), ETag: etag, 'Cache-Control': `public, max-age=${listMaxAge}, stale-while-revalidate=600` };
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    sendJson(res, 200, json, headers);
  }

  async function image(req: Req, res: ServerResponse, rawName: string, served: Served): Promise<void> {
    if (!(store instanceof LocalStore)) throw notFound(`/images/${rawName}`);
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      throw new ApiHttpError('invalid_parameter', 'The image path has malformed percent-encoding');
    }
    // The catalog is the allow-list of servable files: make sure it is loaded.
    served.catalog = (await catalog.current()).freshness;
    const file = await store.open(name);
    if (!file) throw new ApiHttpError('not_found', `No photo named ${JSON.stringify(name.slice(0, 200))} in the catalog`);
    served.photo = name;
    const headers = {
      ...cors(req),
      'Content-Type': file.type,
      ETag: file.etag,
      'Last-Modified': file.lastModified.toUTCString(),
      // Revalidate every time, like a bucket's default metadata: the ETag makes it a cheap 304.
      'Cache-Control': 'no-cache',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (etagMatches(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(file.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // pipeline also settles (and closes the file) when the reader goes away mid-image.
    await pipeline(file.stream(), res).catch(() => res.destroy());
  }

  const handler = (req: Req, res: ServerResponse): void | Promise<void> => {
    const started = performance.now();
    const served: Served = {};
    const rawUrl = req.originalUrl ?? req.url ?? '/';
    res.on('finish', () => {
      logRequest({
        method: req.method ?? 'GET',
        url: rawUrl.slice(0, 2048),
        status: res.statusCode,
        latencyMs: performance.now() - started,
        headers: req.headers,
        remoteIp: req.socket?.remoteAddress,
        photo: served.photo,
        catalog: served.catalog,
        store: store.kind,
        projectId: config.projectId,
        error: served.error,
      });
    });
    try {
      const q = rawUrl.indexOf('?');
      let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const search = q < 0 ? '' : rawUrl.slice(q + 1);
      if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
      const route = path === '/' || path === '' ? 'pick' : path === '/photos' ? 'list' : path.startsWith('/images/') ? 'image' : undefined;
      if (!route) throw notFound(path);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...cors(req),
          'Access-Control-Allow-Methods': ALLOW,
          'Access-Control-Allow-Headers': 'If-None-Match, Content-Type',
          'Access-Control-Max-Age': '86400',
        }).end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new ApiHttpError('method_not_allowed', `${String(req.method).slice(0, 20)} is not supported: use GET`, { Allow: ALLOW });
      }
      let pending: void | Promise<void>;
      if (route === 'pick') {
        const query = parsePickQuery(search);
        const current = catalog.peek();
        pending = current ? pickFrom(current, req, res, query, served) : pickCold(req, res, query, served);
      } else if (route === 'list') {
        pending = list(req, res, search, served);
      } else {
        pending = image(req, res, path.slice('/images/'.length), served);
      }
      return pending?.catch((error: unknown) => sendError(res, error, served, cors(req)));
    } catch (error) {
      sendError(res, error, served, cors(req));
    }
  };
  return handler;
}

function noPhotos(album: string | undefined): ApiHttpError {
  return new ApiHttpError(
    'no_photos',
    album === undefined
      ? 'There are no photos yet: publish some with "blog-photo-frame upload"'
      : `The album ${JSON.stringify(album.slice(0, 200))} has no photos: check its name (a folder in the bucket)`,
  );
}

function notFound(path: string): ApiHttpError {
  return new ApiHttpError('not_found', `Nothing at ${JSON.stringify(path.slice(0, 200))}: the API answers GET / (a random photo) and GET /photos (the catalog)`);
}

/**
 * Every header, CORS included, goes to writeHead in one object: a header set
 * earlier with setHeader sends writeHead down Node's merging path, which sets
 * each field again one by one on every answer.
 */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>>): void {
  const json = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': JSON_TYPE, 'Content-Length': String(Buffer.byteLength(json)) });
  res.end(json);
}

function sendError(res: ServerResponse, error: unknown, served: Served, cors: Readonly<Record<string, string>>): void {
  let apiError: ApiHttpError;
  if (error instanceof ApiHttpError) {
    apiError = error;
  } else if (error instanceof StorageUnavailableError) {
    apiError = new ApiHttpError('storage_unavailable', `${error.message}; try again in ${error.retryAfterS} s`, {
      'Retry-After': String(error.retryAfterS),
    });
  } else {
    // The log keeps the details; the body never carries a stack or a path.
    logLine('ERROR', `Unexpected error: ${describe(error)}`, { stack: (error as Error)?.stack });
    apiError = new ApiHttpError('internal', 'Something went wrong on our side; try again');
  }
  served.error = apiError.code;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiError.status, apiError.toJSON(), { ...cors, ...apiError.headers, 'Cache-Control': 'no-store' });
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  const cause = e?.cause ? ` (${(e.cause as Error).message ?? String(e.cause)})` : '';
  return `${e?.message ?? String(error)}${cause}`;
}

/** The API's own origin, for local image URLs; a Host header that is not a host name is not trusted. */
function baseUrl(req: Req): string {
  const host = req.headers.host ?? '';
  const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost';
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim();
  const proto = forwarded === 'https' || (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http';
  return `${proto}://${safeHost}`;
}
