/**
 * The element benchmark's loopback server (127.0.0.1, port 0, in the bench
 * process): the test pages, the built `dist/photo-frame.js`, a fake photo API
 * at `GET /api/` and the images at `GET /img/<name>`. The API and the images
 * answer after `delayMs` (the "slow network" of the benchmark); the pages and
 * the bundle answer at once (the bundle after `delayMs` too with `?delay=1`).
 * Everything is `Cache-Control: no-store`, so every page downloads every
 * image again.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import type { Photo } from '../src/contract.ts';
import { delayer } from './delayer.ts';

/**
 * The demo's own 1600-px JPEGs (about 250 to 330 KB), one of each ratio (3:2,
 * 2:3, 1:1, 2.35:1), in the order the API rotates through them. Caption, alt
 * and date come from each photo's sidecar; the dunes have none (their caption
 * is in the EXIF), so theirs are written here.
 */
export const BENCH_PHOTOS = [
  { file: 'demo/photos/mountains/alpine-lake-dawn.jpg', id: 'mountains/alpine-lake-dawn.jpg' },
  { file: 'demo/photos/sea/turquoise-cove-noon.jpg', id: 'sea/turquoise-cove-noon.jpg' },
  {
    file: 'demo/photos/desert-dunes-golden-hour.jpg',
    id: 'desert-dunes-golden-hour.jpg',
    caption: 'Dunes in the last golden hour of the day.',
    date: '2022-03-19T18:05:00+01:00',
  },
  { file: 'demo/photos/mountains/blue-ridges-panorama.jpg', id: 'mountains/blue-ridges-panorama.jpg' },
] as const satisfies readonly { file: string; id: string; caption?: string; date?: string }[];

/** A demo photo's sidecar (`<file>.json`), or nothing when it has none or it does not parse. */
export function sidecar(file: string): { caption?: string; alt?: string; date?: string } {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { caption?: string; alt?: string; date?: string };
  } catch {
    return {};
  }
}

export interface ServedImage {
  name: string;
  bytes: Buffer;
  width: number;
  height: number;
  photo: Omit<Photo, 'url'>;
}

export interface ElementServer {
  origin: string;
  images: ServedImage[];
  /** Requests seen, by route: `api`, `img`, `bundle`, `page`, `other`. */
  counts: Record<string, number>;
  /** The photo JSON the API answers for image `index` (absolute URL). */
  photo(index: number): Photo;
  close(): Promise<void>;
}

/** The images and their contract fields (ThumbHash placeholder included, as the real API sends it). */
export async function loadImages(root: string): Promise<ServedImage[]> {
  return Promise.all(
    BENCH_PHOTOS.map(async (p) => {
      const bytes = readFileSync(path.join(root, p.file));
      const meta = await sharp(bytes).metadata();
      const { data, info } = await sharp(bytes).resize(100, 100, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const placeholder = Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
      const width = meta.width!;
      const height = meta.height!;
      const { caption, alt, date } = { ...('caption' in p ? { caption: p.caption, date: p.date } : {}), ...sidecar(path.join(root, p.file)) };
      return {
        name: path.basename(p.file),
        bytes,
        width,
        height,
        photo: { id: p.id, width, height, ...(caption ? { caption } : {}), ...(alt ? { alt } : {}), ...(date ? { date } : {}), placeholder },
      };
    }),
  );
}

/**
 * Starts the server. `pages` maps a path (`/cls.html`) to its HTML. The API
 * honours `exclude` as the real one does (the first photo in rotation order
 * not excluded, else the one seen longest ago), so a fresh page cycles through
 * every ratio in order; `?pin=<index>` answers that photo every time.
 */
export async function startElementServer(options: {
  bundle: Buffer;
  /** The files the bundle loads later, by file name (`photo-frame-slideshow.js`), served at once. */
  chunks: Record<string, Buffer>;
  images: ServedImage[];
  pages: Record<string, string>;
  delayMs: number;
}): Promise<ElementServer> {
  const { bundle, chunks, images, pages, delayMs } = options;
  const counts: Record<string, number> = {};
  const count = (route: string) => (counts[route] = (counts[route] ?? 0) + 1);
  const { later, cancel } = delayer(delayMs);
  let origin = '';
  const photo = (index: number): Photo => {
    const image = images[index]!;
    return { ...image.photo, url: `${origin}/img/${image.name}` };
  };
  const common = { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      count('other');
      res.writeHead(405, common).end();
      return;
    }
    if (url.pathname === '/api/') {
      count('api');
      const pin = url.searchParams.get('pin');
      let index: number;
      if (pin !== null) {
        index = Number(pin) % images.length;
      } else {
        const exclude = (url.searchParams.get('exclude') ?? '').split(',').filter(Boolean);
        const fresh = images.findIndex((img) => !exclude.includes(img.photo.id));
        // Everything seen: the one seen longest ago (first in `exclude`).
        index = fresh >= 0 ? fresh : Math.max(0, images.findIndex((img) => img.photo.id === exclude[0]));
      }
      const body = JSON.stringify(photo(index));
      later(() => res.writeHead(200, { ...common, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body));
      return;
    }
    if (url.pathname.startsWith('/img/')) {
      count('img');
      const image = images.find((img) => `/img/${img.name}` === url.pathname);
      if (!image) {
        res.writeHead(404, common).end();
        return;
      }
      later(() => res.writeHead(200, { ...common, 'Content-Type': 'image/jpeg', 'Content-Length': image.bytes.length }).end(image.bytes));
      return;
    }
    if (url.pathname === '/photo-frame.js') {
      count('bundle');
      const send = () => res.writeHead(200, { ...common, 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': bundle.length }).end(bundle);
      // `?delay=1`: the bundle arrives as late as the API would (after the first paint).
      if (url.searchParams.has('delay')) later(send);
      else send();
      return;
    }
    const chunk = chunks[url.pathname.slice(1)];
    if (chunk) {
      count('bundle');
      res.writeHead(200, { ...common, 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': chunk.length }).end(chunk);
      return;
    }
    const page = pages[url.pathname];
    if (page !== undefined) {
      count('page');
      res.writeHead(200, { ...common, 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    count('other');
    res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, common).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    images,
    counts,
    photo,
    close: async () => {
      cancel();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
