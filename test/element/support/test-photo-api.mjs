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
 *   drop                   an answer with two different Content-Lengths, which browsers refuse: a network
 *                          error (a connection closed with no answer at all, Chromium would ask again itself)
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
 *
 * Its parts: the photos (test-photo-fixtures.mjs), the scenarios (test-photo-scenarios.mjs),
 * the images (test-photo-images.mjs) and the replies they share (test-api-replies.mjs).
 */
import { API_HEADERS, sendError } from './test-api-replies.mjs';
import { TestPhotoImages } from './test-photo-images.mjs';
import { TestPhotoScenarios } from './test-photo-scenarios.mjs';

export { FIXTURES } from './test-photo-fixtures.mjs';

const MAX_CRAFTED = 8 * 1024 * 1024;

/**
 * Creates the middleware and its state. One instance per test-runner process;
 * run the browser tests with concurrency 1 so that one test's log and counters
 * are not another's.
 */
export function createTestPhotoApi() {
  /** @type {string[]} */
  let requests = [];
  const scenarios = new TestPhotoScenarios();
  const images = new TestPhotoImages();

  /** Koa middleware. */
  return async function testPhotoApi(ctx, next) {
    if (ctx.path === '/test-api-requests') {
      ctx.set('Cache-Control', 'no-store');
      const clear = ctx.method === 'DELETE' || ctx.query.clear !== undefined;
      const body = JSON.stringify(requests);
      if (clear) {
        requests = [];
        scenarios.reset();
      }
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
      scenarios.craft(decodeURIComponent(ctx.path.slice('/test-api-crafted/'.length)), Buffer.concat(chunks).toString('utf8'));
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
    if (scenario === 'img') return images.serve(ctx, rest);
    return scenarios.answer(ctx, scenario ?? '', rest.length ? decodeURIComponent(rest.join('/')) : undefined);
  };
}
