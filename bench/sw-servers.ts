/**
 * The service worker benchmark's two servers: the blog (pages and
 * photo-frame's files, at once) and the photo API with its images (another
 * origin, after a delay), each logging the bytes it sent.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT } from '../scripts/spawn-function.ts';
import { ELEMENT_CHUNKS } from '../src/sw/route-settings.ts';
import { delayer } from './delayer.ts';
import type { BenchPhoto } from './sw-photos.ts';
import { VARIANTS, variantPage } from './sw-variants.ts';

export type Kind = 'page' | 'script' | 'worker' | 'api' | 'image' | 'other';

export interface Served {
  kind: Kind;
  path: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  /** Epoch ms: request received, response finished. */
  start: number;
  end: number;
}

export interface Servers {
  site: string;
  photos: string;
  log: Served[];
  close(): Promise<void>;
}

export async function startSwServers(photos: BenchPhoto[], delayMs: number, noPrefetchWorker: string): Promise<Servers> {
  const served: Served[] = [];
  const { later, cancel } = delayer(delayMs);
  const record = (req: http.IncomingMessage, res: http.ServerResponse, kind: Kind) => {
    const start = Date.now();
    const url = new URL(req.url ?? '/', 'http://x');
    let bytes = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) bytes += chunk.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') count(chunk);
      return (end as (...a: unknown[]) => http.ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.once('finish', () => served.push({ kind, path: url.pathname + url.search, status: res.statusCode, bytes: req.method === 'HEAD' ? 0 : bytes, start, end: Date.now() }));
  };
  const notModified = (req: http.IncomingMessage, etag: string) => req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag) ?? false;

  // The blog: pages and photo-frame's files, at once (no delay), revalidated on every visit like most static hosts.
  const files: Record<string, { type: string; body: Buffer; kind: Kind }> = {
    // The element and every chunk it loads from its folder, as a blog serves them (the worker caches the chunks with it).
    ...Object.fromEntries(
      ['photo-frame.js', ...ELEMENT_CHUNKS].map((file) => [`/${file}`, { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist', file)), kind: 'script' as Kind }]),
    ),
    '/photo-frame.css': { type: 'text/css', body: readFileSync(path.join(ROOT, 'dist/photo-frame.css')), kind: 'script' },
    '/photo-frame-register.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-register.js')), kind: 'script' },
    '/photo-frame-sw.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-sw.js')), kind: 'worker' },
    '/photo-frame-sw-no-prefetch.js': { type: 'text/javascript', body: Buffer.from(noPrefetchWorker), kind: 'worker' },
  };
  let photosOrigin = '';
  const site = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const variant = VARIANTS.find((v) => url.pathname === `/${v.name}.html`);
    const file = files[url.pathname];
    record(req, res, variant ? 'page' : (file?.kind ?? 'other'));
    const body = variant ? Buffer.from(variantPage(variant, `${photosOrigin}/api/${variant.seed ? '?seed=photo-of-the-day' : ''}`)) : file?.body;
    if (!body) return void res.writeHead(404).end();
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = { 'Cache-Control': 'no-cache', ETag: etag, 'Content-Type': variant ? 'text/html; charset=utf-8' : `${file!.type}; charset=utf-8` };
    if (notModified(req, etag)) return void res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body);
  });

  // The photo API and the image host: one origin, everything answered after `delayMs`.
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const photoServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/') {
      record(req, res, 'api');
      const exclude = new Set((url.searchParams.get('exclude') ?? '').split(',').filter(Boolean));
      const order = (url.searchParams.get('exclude') ?? '').split(',').filter(Boolean);
      // As the real API: not excluded, unless everything is; then (for the bench) the one seen longest ago.
      // With a seed, always the same one.
      const pick = url.searchParams.has('seed') ? photos[0]! : (photos.find((p) => !exclude.has(p.id)) ?? photos.find((p) => p.id === order[0]) ?? photos[0]!);
      const body = JSON.stringify({ ...pick.photo, url: `${photosOrigin}/img/${pick.id}` });
      later(() => res.writeHead(200, { ...cors, 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body));
      return;
    }
    if (url.pathname.startsWith('/img/')) {
      record(req, res, 'image');
      const photo = photos.find((p) => `/img/${p.id}` === url.pathname);
      if (!photo) return void later(() => res.writeHead(404, cors).end());
      const headers = { ...cors, 'Cache-Control': 'no-cache', ETag: photo.etag, 'Content-Type': 'image/jpeg' };
      later(() => {
        if (notModified(req, photo.etag)) res.writeHead(304, headers).end();
        else res.writeHead(200, { ...headers, 'Content-Length': photo.bytes.length }).end(photo.bytes);
      });
      return;
    }
    record(req, res, 'other');
    res.writeHead(404, cors).end();
  });
  const listen = (server: http.Server) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const sitePort = await listen(site);
  const photoPort = await listen(photoServer);
  photosOrigin = `http://127.0.0.1:${photoPort}`;
  return {
    // Another host name, so the blog and the photo API are separate origins as on a real site.
    site: `http://localhost:${sitePort}`,
    photos: photosOrigin,
    log: served,
    close: async () => {
      cancel();
      for (const server of [site, photoServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
