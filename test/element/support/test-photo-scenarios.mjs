// The test photo API's scenarios (test-photo-api.mjs lists them): how GET /test-api/<scenario>
// answers, with the counters and random sources that make each scenario's answers repeatable.
import { tsImport } from 'tsx/esm/api';
import { API_HEADERS, delayParam, sendError, sendJson, sleep } from './test-api-replies.mjs';
import { FIXTURES, SPECIAL } from './test-photo-fixtures.mjs';

// The real pick rule (the API's and the worker's), and the tests' seeded random source.
const { pickUnseen } = await tsImport('../../../src/format/pick-unseen.ts', import.meta.url);
const { seededRandom } = await tsImport('../../support/seeded-random.ts', import.meta.url);

/** A fixture as the API sends it: `src` becomes an absolute `url` (from the request's origin), variants too. */
function toPhoto(fixture, origin) {
  const { src, variants, ...photo } = fixture;
  const out = { ...photo, url: `${origin}/test-api/img/${src}` };
  if (variants) {
    out.variants = variants.map(({ src: vsrc, ...v }) => ({ url: `${origin}/test-api/img/${vsrc}`, ...v }));
  }
  return out;
}

export class TestPhotoScenarios {
  /** Bodies of the `crafted` scenario, by key: kept across resets (tests use keys of their own). */
  #crafted = new Map();
  /** Counters keyed by scenario (+ key): reset with the log. */
  #counters = new Map();
  /** The `shuffle` scenario's random sources, by album size: reset with the log. */
  #randoms = new Map();

  /** Forgets every counter and random source: the scenarios answer as after a start. */
  reset() {
    this.#counters = new Map();
    this.#randoms = new Map();
  }

  /** The body the `crafted/<key>` scenario answers with. */
  craft(key, body) {
    this.#crafted.set(key, body);
  }

  #bump(name) {
    const n = this.#counters.get(name) ?? 0;
    this.#counters.set(name, n + 1);
    return n;
  }

  /** `ok`: the next fixture in rotation that is neither excluded nor outside the album. */
  #pickOk(ctx, counterName) {
    const album = (ctx.query.album ?? '').toString().replace(/^\/+|\/+$/g, '');
    const inAlbum = album ? FIXTURES.filter((p) => p.id.startsWith(`${album}/`)) : FIXTURES;
    if (inAlbum.length === 0) {
      sendError(ctx, 404, 'no_photos', `The album "${album}" holds no photos.`);
      return;
    }
    const exclude = (ctx.query.exclude ?? '').toString().split(',').filter(Boolean);
    const start = this.#bump(counterName);
    const rotation = inAlbum.map((_, i) => inAlbum[(start + i) % inAlbum.length]);
    // The API's rule, with the rotation in place of chance: the first photo it allows.
    const excluded = exclude.map((id) => rotation.findIndex((p) => p.id === id));
    sendJson(ctx, 200, toPhoto(rotation[pickUnseen(rotation.length, excluded, () => 0)], ctx.origin));
  }

  /** `shuffle/<n>`: an album of n photos, picked as the API picks, at random from a seeded source. */
  #pickShuffle(ctx, option) {
    const size = Number(option);
    if (!(Number.isInteger(size) && size >= 1 && size <= 100)) {
      return sendError(ctx, 400, 'invalid_parameter', 'shuffle needs an album size from 1 to 100: /test-api/shuffle/3/');
    }
    const ids = Array.from({ length: size }, (_, i) => `shuffle-${size}/photo-${String(i).padStart(2, '0')}.jpg`);
    const exclude = (ctx.query.exclude ?? '').toString().split(',').filter(Boolean);
    if (!this.#randoms.has(size)) this.#randoms.set(size, seededRandom(size));
    const random = this.#randoms.get(size);
    const i = pickUnseen(size, exclude.map((id) => ids.indexOf(id)), (max) => Math.floor(random() * max));
    // A colour of its own per photo (three hex digits), so each is a different image.
    const colour = ((i * 0x9e3) & 0xfff).toString(16).padStart(3, '0');
    sendJson(ctx, 200, toPhoto({ id: ids[i], src: `60x40/${colour}`, width: 60, height: 40, caption: `Photo ${i + 1} of ${size}` }, ctx.origin));
  }

  /** Answers GET /test-api/<scenario>[/<option>]. */
  async answer(ctx, scenario, option) {
    switch (scenario) {
      case 'ok':
        return this.#pickOk(ctx, 'ok');
      case 'shuffle':
        return this.#pickShuffle(ctx, option);
      case 'slow':
        await sleep(delayParam(option ?? ctx.query.delay, 800));
        return this.#pickOk(ctx, 'slow');
      case 'error':
        return sendError(ctx, 503, 'storage_unavailable', 'Cloud Storage did not answer; try again in a minute.', {
          'Retry-After': '1',
        });
      case 'drop':
        ctx.respond = false;
        ctx.req.socket.end('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
        return undefined;
      case 'flaky': {
        const key = option ?? ctx.query.key?.toString() ?? 'default';
        if (this.#bump(`flaky:${key}`) === 0) {
          return sendError(ctx, 503, 'storage_unavailable', 'Cloud Storage did not answer; try again.', {
            'Retry-After': '1',
          });
        }
        return this.#pickOk(ctx, `flaky-ok:${key}`);
      }
      case 'seq': {
        const list = (option ?? '').split(',').filter(Boolean);
        if (list.length === 0 || list.includes('seq')) {
          return sendError(ctx, 400, 'invalid_parameter', 'seq needs a list of scenarios: /test-api/seq/ok,error/');
        }
        const n = this.#bump(`seq:${option}:${ctx.query.key ?? ''}`);
        const [next, nextOption] = list[Math.min(n, list.length - 1)].split(':');
        return this.answer(ctx, next, nextOption);
      }
      case 'unique': {
        const n = this.#bump('unique');
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
        if (!this.#crafted.has(option)) return sendError(ctx, 404, 'not_found', `Nothing was PUT at /test-api-crafted/${option}.`);
        ctx.status = 200;
        ctx.set(API_HEADERS);
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = this.#crafted.get(option);
        return;
      default:
        if (Object.hasOwn(SPECIAL, scenario)) return sendJson(ctx, 200, toPhoto(SPECIAL[scenario], ctx.origin));
        return sendError(ctx, 404, 'not_found', `No test scenario "${scenario}".`);
    }
  }
}
