/**
 * The service worker tests' photo API and image host: a plain node:http
 * server on 127.0.0.1, port 0, started by web-test-runner.config.mjs. It is a
 * separate origin from the test pages (`localhost:<runner port>`), so the
 * worker sees real cross-origin requests (CORS, opaque `<img>` loads), and
 * web-test-runner's cache middleware (which rewrites `Cache-Control` on URLs
 * with an extension) never touches its answers.
 *
 * Every test uses its own namespace (the first path segment), with its own
 * counters, request log and switches:
 *
 *   GET /<ns>/api/[?album=&exclude=&pin=<id>]  one photo, as the real `GET /` (rotation, honours album and exclude by the API's rule;
 *                                               `pin` answers that photo; unknown parameters ignored)
 *   GET /<ns>/api/photos[?album=&limit=]        the list, as the real `GET /photos`
 *   GET /<ns>/img/<name>                        a small PNG whose colour changes with every response (the n-th
 *                                               response of that image has colour COLOURS[n-1]); header
 *                                               `X-Response-Number: n`, `Cache-Control: no-cache`, CORS `*`
 *   GET /<ns>/img-error/<status>                that status, as an image host's error
 *   GET /<ns>/control?down=1|0&delay=<ms>&sig=<text>
 *                                               down: every API and image request of the namespace has its
 *                                               connection destroyed (a network error in the browser);
 *                                               delay: the API answers after that many ms; sig: image URLs
 *                                               carry V4 signature parameters with that signature and date
 *   GET /<ns>/log                               JSON: every request of the namespace (path + query), in order
 */
import http from 'node:http';
import sharp from 'sharp';
import { tsImport } from 'tsx/esm/api';

// The real pick rule, the API's and the worker's.
const { pickUnseen } = await tsImport('../../../../src/format/pick-unseen.ts', import.meta.url);

/** Distinct, easy to tell apart on a canvas: [r, g, b]. */
export const COLOURS = [
  [220, 20, 60],
  [30, 144, 255],
  [50, 205, 50],
  [255, 215, 0],
  [148, 0, 211],
  [255, 140, 0],
  [0, 206, 209],
  [105, 105, 105],
];

/** The photos of every namespace, in rotation order. */
export const PHOTOS = [
  { id: 'sea/harbour.jpg', caption: 'The harbour', width: 60, height: 40 },
  { id: 'sea/cove.jpg', caption: 'The cove', width: 60, height: 40 },
  { id: 'hills/ridge.jpg', caption: 'The ridge', width: 40, height: 60 },
  { id: 'hills/lake.jpg', caption: 'The lake', width: 40, height: 40 },
  { id: 'dunes.jpg', caption: 'Dunes', width: 60, height: 40 },
];

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'X-Response-Number' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSwTestServer() {
  const namespaces = new Map();
  const pngs = new Map();
  const space = (ns) => {
    let s = namespaces.get(ns);
    if (!s) {
      s = { down: false, delay: 0, sig: '', pick: 0, images: new Map(), log: [] };
      namespaces.set(ns, s);
    }
    return s;
  };
  const png = (colour) => {
    const key = colour.join(',');
    if (!pngs.has(key)) {
      pngs.set(key, sharp({ create: { width: 8, height: 8, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).png().toBuffer());
    }
    return pngs.get(key);
  };

  let origin = '';
  const imageName = (id) => id.replace(/[^\w.-]+/g, '-');
  const toPhoto = (ns, p) => {
    const s = space(ns);
    const url = new URL(`${origin}/${ns}/img/${imageName(p.id)}`);
    url.searchParams.set('w', String(p.width));
    if (s.sig) {
      url.searchParams.set('X-Goog-Algorithm', 'GOOG4-RSA-SHA256');
      url.searchParams.set('X-Goog-Credential', 'photo-frame@test.iam.gserviceaccount.com/20250101/auto/storage/goog4_request');
      url.searchParams.set('X-Goog-Date', `20250101T0000${s.sig.length.toString().padStart(2, '0')}Z`);
      url.searchParams.set('X-Goog-Expires', '3600');
      url.searchParams.set('X-Goog-SignedHeaders', 'host');
      url.searchParams.set('X-Goog-Signature', Buffer.from(s.sig).toString('hex'));
    }
    return { ...p, url: url.href };
  };
  const sendJson = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [ns, route, ...rest] = url.pathname.split('/').filter(Boolean);
    if (!ns) return void res.writeHead(404, CORS).end();
    const s = space(ns);
    if (route === 'log') return sendJson(res, 200, s.log);
    if (route === 'control') {
      if (url.searchParams.has('down')) s.down = url.searchParams.get('down') === '1';
      if (url.searchParams.has('delay')) s.delay = Number(url.searchParams.get('delay')) || 0;
      if (url.searchParams.has('sig')) s.sig = url.searchParams.get('sig') ?? '';
      return sendJson(res, 200, { down: s.down, delay: s.delay, sig: s.sig });
    }
    s.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method === 'OPTIONS') return void res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, HEAD', 'Access-Control-Allow-Headers': '*' }).end();
    if (s.down) return void req.socket.destroy();

    if (route === 'api') {
      if (s.delay) await sleep(s.delay);
      if (s.down) return void req.socket.destroy();
      const album = (url.searchParams.get('album') ?? '').replace(/^\/+|\/+$/g, '');
      const inAlbum = PHOTOS.filter((p) => !album || p.id.startsWith(`${album}/`));
      if (rest[0] === 'photos') return sendJson(res, 200, { photos: inAlbum.map((p) => toPhoto(ns, p)), next: null });
      if (rest.length > 0) return sendJson(res, 404, { error: { code: 'not_found', message: 'No such path.' } });
      if (inAlbum.length === 0) return sendJson(res, 404, { error: { code: 'no_photos', message: 'No photos.' } });
      const pin = url.searchParams.get('pin');
      if (pin) {
        const p = PHOTOS.find((x) => x.id === pin);
        return p ? sendJson(res, 200, toPhoto(ns, p)) : sendJson(res, 404, { error: { code: 'not_found', message: 'No such photo.' } });
      }
      const exclude = (url.searchParams.get('exclude') ?? '').split(',').filter(Boolean);
      const start = s.pick++;
      const rotation = inAlbum.map((_, i) => inAlbum[(start + i) % inAlbum.length]);
      // The API's rule, with the rotation in place of chance: the first photo it allows.
      const excluded = exclude.map((id) => rotation.findIndex((p) => p.id === id));
      return sendJson(res, 200, toPhoto(ns, rotation[pickUnseen(rotation.length, excluded, () => 0)]));
    }
    if (route === 'img' && rest.length === 1) {
      const n = (s.images.get(rest[0]) ?? 0) + 1;
      s.images.set(rest[0], n);
      const body = await png(COLOURS[(n - 1) % COLOURS.length]);
      return void res
        .writeHead(200, { ...CORS, 'Content-Type': 'image/png', 'Content-Length': body.length, 'Cache-Control': 'no-cache', 'X-Response-Number': String(n) })
        .end(body);
    }
    if (route === 'img-error') {
      const status = Number(rest[0]) || 500;
      return void res.writeHead(status, { ...CORS, 'Content-Type': 'text/plain' }).end(`error ${status}`);
    }
    res.writeHead(404, CORS).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
