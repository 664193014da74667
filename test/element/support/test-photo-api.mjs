/**
 * A test photo API, served by web-test-runner's own dev server as a Koa
 * middleware (see web-test-runner.config.mjs), so that browser tests can point
 * `<photo-frame endpoint>` at it and control how it answers.
 *
 * Every URL is extension-less on purpose: web-test-runner's cache middleware
 * rewrites `Cache-Control` to one year on any URL with a file extension.
 *
 *   GET /test-api/<scenario>[/<option>]/[?…]   one photo, as the real `GET /`
 *   GET /test-api/img/<w>x<h>/<colour>[?delay=ms]  a real PNG of that size
 *   GET /test-api/img/missing                  404
 *   GET /test-api-requests                     JSON array of every /test-api/ URL requested
 *   PUT /test-api-crafted/<key>                stores the request body (any text, up to 8 MB) as the
 *                                              answer of the `crafted/<key>` scenario
 *   DELETE /test-api-requests  (or GET ?clear=1)  clears the log and resets
 *                                              every per-test counter
 *
 * Scenarios (the option segment, when given, wins over the query parameter):
 *   ok                     rotates through FIXTURES; honours `exclude` and `album` by the API's rule
 *   shuffle/<n>            an album of n photos (shuffle-<n>/photo-<i>.jpg), picked by the API's rule
 *                          (src/format/pick-unseen.ts) with a seeded random source: the same picks
 *                          after every reset
 *   slow[/<ms>]            ok, answered after `delay` ms (default 800)
 *   error                  503 storage_unavailable with Retry-After
 *   flaky[/<key>]          503 the first time for a given key (`?key=` too), then ok
 *   seq/<a>,<b>,…          the n-th request (per list) answers as scenario n; the last repeats
 *   markup                 caption and alt that contain HTML
 *   broken-image           a photo whose url answers 404
 *   empty                  404 no_photos
 *   offline                a photo with `offline: true` (as the service worker sends it)
 *   long                   a very long caption in Arabic / Hebrew (RTL) with a long word
 *   variants               a photo with three variants for srcset
 *   slow-image             a photo (with placeholder) whose image answers after 1.5 s
 *   unique                 a new id on every request (unique-<n>.jpg), for bounds on `exclude`
 *   bad-json               200 with a body that is not JSON
 *   invalid                200 with JSON that is not a Photo
 *   crafted/<key>          200 with the body PUT at /test-api-crafted/<key> as it is (hostile metadata);
 *                          404 not_found when none was
 */
import sharp from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { tsImport } from 'tsx/esm/api';

// The real pick rule (the API's and the worker's), and the tests' seeded random source.
const { pickUnseen } = await tsImport('../../../src/format/pick-unseen.ts', import.meta.url);
const { seededRandom } = await tsImport('../../support/seeded-random.ts', import.meta.url);

/** A ThumbHash (base64) of a w×h linear gradient between two RGB colours. */
function gradientThumbHash(w, h, [r0, g0, b0], [r1, g1, b1]) {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (x / (w - 1) + y / (h - 1)) / 2;
      const i = (y * w + x) * 4;
      rgba[i] = Math.round(r0 + (r1 - r0) * t);
      rgba[i + 1] = Math.round(g0 + (g1 - g0) * t);
      rgba[i + 2] = Math.round(b0 + (b1 - b0) * t);
      rgba[i + 3] = 255;
    }
  }
  return Buffer.from(rgbaToThumbHash(w, h, rgba)).toString('base64');
}

/**
 * The photos of the `ok` scenario, in rotation order. `src` is the image path
 * under /test-api/img/; `url` is made absolute per request (from its Host).
 */
export const FIXTURES = [
  {
    // 3:2, caption + alt, a date whose UTC date is the day before (May 31, 22:30Z).
    id: 'harbour.jpg',
    src: '1500x1000/steelblue',
    width: 1500,
    height: 1000,
    caption: 'Boats in the harbour at dawn',
    alt: 'Fishing boats moored in a calm harbour, pink sky',
    date: '2024-06-01T00:30:00+02:00',
    placeholder: gradientThumbHash(30, 20, [40, 70, 120], [240, 160, 170]),
  },
  {
    // 2:3, caption only (alt falls back to it), a date whose UTC date is the day after.
    id: 'forest/pine.jpg',
    src: '1000x1500/seagreen',
    width: 1000,
    height: 1500,
    caption: 'A tall pine',
    date: '2023-12-24T23:45:00-05:00',
    placeholder: gradientThumbHash(20, 30, [20, 80, 40], [200, 220, 180]),
  },
  {
    // 1:1, alt only, date without a time, no placeholder.
    id: 'square.png',
    src: '800x800/crimson',
    width: 800,
    height: 800,
    alt: 'A red square',
    date: '2022-02-28',
  },
  {
    // 16:9, caption, no date.
    id: 'forest/valley.jpg',
    src: '1600x900/goldenrod',
    width: 1600,
    height: 900,
    caption: 'The valley from the ridge',
    placeholder: gradientThumbHash(32, 18, [200, 160, 40], [60, 90, 160]),
  },
];

const SPECIAL = {
  markup: {
    id: 'markup.jpg',
    src: '1200x800/slategray',
    width: 1200,
    height: 800,
    caption: '<img src=x onerror="window.__xss=1">',
    alt: '<b>bold</b>',
    date: '2024-01-15T10:00:00Z',
  },
  'broken-image': {
    id: 'broken.jpg',
    src: 'missing',
    width: 1200,
    height: 800,
    caption: 'This image does not load',
    date: '2024-03-03T10:00:00Z',
  },
  offline: {
    id: 'offline.jpg',
    src: '1200x800/darkorange',
    width: 1200,
    height: 800,
    caption: 'Kept for offline reading',
    date: '2024-04-04T10:00:00Z',
    offline: true,
  },
  long: {
    id: 'long.jpg',
    src: '1200x800/rebeccapurple',
    width: 1200,
    height: 800,
    caption:
      'שקיעה מעל הים התיכון, צולם מהמרפסת של בית הסבתא בחיפה בערב קיץ ארוך וחם. ' +
      'غروب الشمس فوق البحر الأبيض المتوسط، من شرفة بيت الجدة في حيفا في مساء صيفي طويل. '.repeat(4) +
      'Supercalifragilisticexpialidocious'.repeat(6),
    date: '2024-08-08T20:00:00+03:00',
  },
  'slow-image': {
    // The harbour photo whose image takes 1.5 s: its placeholder shows meanwhile.
    ...FIXTURES[0],
    id: 'slow-image.jpg',
    src: '1500x1000/steelblue?delay=1500',
  },
  variants: {
    id: 'variants.jpg',
    src: '1500x1000/teal',
    width: 1500,
    height: 1000,
    caption: 'Three sizes',
    date: '2024-05-05T10:00:00Z',
    variants: [
      { src: '400x267/teal', width: 400, type: 'image/png' },
      { src: '800x533/teal', width: 800, type: 'image/png' },
      { src: '1200x800/teal', width: 1200, type: 'image/png' },
    ],
  },
};

const API_HEADERS = {
  'Cache-Control': 'no-store',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

const MAX_SIDE = 4000;
const MAX_CRAFTED = 8 * 1024 * 1024;
const MAX_DELAY = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function delayParam(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_DELAY) : fallback;
}

/**
 * Creates the middleware and its state. One instance per test-runner process;
 * run the browser tests with concurrency 1 so that one test's log and counters
 * are not another's.
 */
export function createTestPhotoApi() {
  /** @type {string[]} */
  let requests = [];
  /** Bodies of the `crafted` scenario, by key: kept across resets (tests use keys of their own). */
  const crafted = new Map();
  /** Counters keyed by scenario (+ key): reset with the log. */
  let counters = new Map();
  /** The `shuffle` scenario's random sources, by album size: reset with the log. */
  let randoms = new Map();
  const pngs = new Map();

  const bump = (name) => {
    const n = counters.get(name) ?? 0;
    counters.set(name, n + 1);
    return n;
  };

  const reset = () => {
    requests = [];
    counters = new Map();
    randoms = new Map();
  };

  function toPhoto(fixture, origin) {
    const { src, variants, ...photo } = fixture;
    const out = { ...photo, url: `${origin}/test-api/img/${src}` };
    if (variants) {
      out.variants = variants.map(({ src: vsrc, ...v }) => ({ url: `${origin}/test-api/img/${vsrc}`, ...v }));
    }
    return out;
  }

  function sendJson(ctx, status, body, headers = {}) {
    ctx.status = status;
    ctx.set({ ...API_HEADERS, ...headers });
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(body);
  }

  function sendError(ctx, status, code, message, headers) {
    sendJson(ctx, status, { error: { code, message } }, headers);
  }

  /** `ok`: the next fixture in rotation that is neither excluded nor outside the album. */
  function pickOk(ctx, counterName) {
    const album = (ctx.query.album ?? '').toString().replace(/^\/+|\/+$/g, '');
    const inAlbum = album ? FIXTURES.filter((p) => p.id.startsWith(`${album}/`)) : FIXTURES;
    if (inAlbum.length === 0) {
      sendError(ctx, 404, 'no_photos', `The album "${album}" holds no photos.`);
      return;
    }
    const exclude = (ctx.query.exclude ?? '').toString().split(',').filter(Boolean);
    const start = bump(counterName);
    const rotation = inAlbum.map((_, i) => inAlbum[(start + i) % inAlbum.length]);
    // The API's rule, with the rotation in place of chance: the first photo it allows.
    const excluded = exclude.map((id) => rotation.findIndex((p) => p.id === id));
    sendJson(ctx, 200, toPhoto(rotation[pickUnseen(rotation.length, excluded, () => 0)], ctx.origin));
  }

  /** `shuffle/<n>`: an album of n photos, picked as the API picks, at random from a seeded source. */
  function pickShuffle(ctx, option) {
    const size = Number(option);
    if (!(Number.isInteger(size) && size >= 1 && size <= 100)) {
      return sendError(ctx, 400, 'invalid_parameter', 'shuffle needs an album size from 1 to 100: /test-api/shuffle/3/');
    }
    const ids = Array.from({ length: size }, (_, i) => `shuffle-${size}/photo-${String(i).padStart(2, '0')}.jpg`);
    const exclude = (ctx.query.exclude ?? '').toString().split(',').filter(Boolean);
    if (!randoms.has(size)) randoms.set(size, seededRandom(size));
    const random = randoms.get(size);
    const i = pickUnseen(size, exclude.map((id) => ids.indexOf(id)), (max) => Math.floor(random() * max));
    // A colour of its own per photo (three hex digits), so each is a different image.
    const colour = ((i * 0x9e3) & 0xfff).toString(16).padStart(3, '0');
    sendJson(ctx, 200, toPhoto({ id: ids[i], src: `60x40/${colour}`, width: 60, height: 40, caption: `Photo ${i + 1} of ${size}` }, ctx.origin));
  }

  async function answer(ctx, scenario, option) {
    switch (scenario) {
      case 'ok':
        return pickOk(ctx, 'ok');
      case 'shuffle':
        return pickShuffle(ctx, option);
      case 'slow':
        await sleep(delayParam(option ?? ctx.query.delay, 800));
        return pickOk(ctx, 'slow');
      case 'error':
        return sendError(ctx, 503, 'storage_unavailable', 'Cloud Storage did not answer; try again in a minute.', {
          'Retry-After': '1',
        });
      case 'flaky': {
        const key = option ?? ctx.query.key?.toString() ?? 'default';
        if (bump(`flaky:${key}`) === 0) {
          return sendError(ctx, 503, 'storage_unavailable', 'Cloud Storage did not answer; try again.', {
            'Retry-After': '1',
          });
        }
        return pickOk(ctx, `flaky-ok:${key}`);
      }
      case 'seq': {
        const list = (option ?? '').split(',').filter(Boolean);
        if (list.length === 0 || list.includes('seq')) {
          return sendError(ctx, 400, 'invalid_parameter', 'seq needs a list of scenarios: /test-api/seq/ok,error/');
        }
        const n = bump(`seq:${option}:${ctx.query.key ?? ''}`);
        const [next, nextOption] = list[Math.min(n, list.length - 1)].split(':');
        return answer(ctx, next, nextOption);
      }
      case 'unique': {
        const n = bump('unique');
        return sendJson(ctx, 200, toPhoto({ id: `unique-${n}.jpg`, src: '300x200/gray', width: 300, height: 200, caption: `Photo ${n}` }, ctx.origin));
      }
      case 'empty':
        return sendError(ctx, 404, 'no_photos', 'The bucket holds no photos yet: upload some.');
      case 'bad-json':
        ctx.status = 200;
        ctx.set(API_HEADERS);
        ctx.type = 'application/json';
        ctx.body = '{"id": "trunc';
        return;
      case 'invalid':
        return sendJson(ctx, 200, { id: 42, url: null });
      case 'crafted':
        if (!crafted.has(option)) return sendError(ctx, 404, 'not_found', `Nothing was PUT at /test-api-crafted/${option}.`);
        ctx.status = 200;
        ctx.set(API_HEADERS);
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = crafted.get(option);
        return;
      default:
        if (Object.hasOwn(SPECIAL, scenario)) return sendJson(ctx, 200, toPhoto(SPECIAL[scenario], ctx.origin));
        return sendError(ctx, 404, 'not_found', `No test scenario "${scenario}".`);
    }
  }

  async function image(ctx, rest) {
    ctx.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    const m = /^(\d+)x(\d+)\/([#\w]+)$/.exec(rest.join('/'));
    if (!m) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'no such image';
      return;
    }
    const [, w, h, colour] = m;
    const width = Number(w);
    const height = Number(h);
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      ctx.status = 400;
      ctx.type = 'text/plain';
      ctx.body = `sides must be 1..${MAX_SIDE}`;
      return;
    }
    const key = `${width}x${height}/${colour}`;
    let png = pngs.get(key);
    if (!png) {
      const background = /^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(colour) ? `#${colour}` : colour;
      png = sharp({ create: { width, height, channels: 3, background } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      pngs.set(key, png);
      png.catch(() => pngs.delete(key));
    }
    let body;
    try {
      body = await png;
    } catch (error) {
      ctx.status = 400;
      ctx.type = 'text/plain';
      ctx.body = `cannot make that image: ${error.message}`;
      return;
    }
    if (ctx.query.delay) await sleep(delayParam(ctx.query.delay, 0));
    ctx.status = 200;
    ctx.type = 'image/png';
    ctx.body = body;
  }

  /** Koa middleware. */
  return async function testPhotoApi(ctx, next) {
    if (ctx.path === '/test-api-requests') {
      ctx.set('Cache-Control', 'no-store');
      const clear = ctx.method === 'DELETE' || ctx.query.clear !== undefined;
      const body = JSON.stringify(requests);
      if (clear) reset();
      ctx.type = 'application/json';
      ctx.body = body;
      return;
    }
    if (ctx.path.startsWith('/test-api-crafted/') && ctx.method === 'PUT') {
      const chunks = [];
      let size = 0;
      for await (const chunk of ctx.req) {
        size += chunk.length;
        if (size > MAX_CRAFTED) {
          ctx.status = 413;
          return;
        }
        chunks.push(chunk);
      }
      crafted.set(decodeURIComponent(ctx.path.slice('/test-api-crafted/'.length)), Buffer.concat(chunks).toString('utf8'));
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 204;
      return;
    }
    if (!ctx.path.startsWith('/test-api/')) return next();

    requests.push(ctx.url);
    if (ctx.method === 'OPTIONS') {
      ctx.set(API_HEADERS);
      ctx.status = 204;
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      return sendError(ctx, 405, 'method_not_allowed', 'Only GET.', { Allow: 'GET, HEAD' });
    }
    const [scenario, ...rest] = ctx.path.slice('/test-api/'.length).split('/').filter(Boolean);
    if (scenario === 'img') return image(ctx, rest);
    return answer(ctx, scenario ?? '', rest.length ? decodeURIComponent(rest.join('/')) : undefined);
  };
}
