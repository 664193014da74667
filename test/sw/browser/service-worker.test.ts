// The photo-frame service worker in Chromium. Each test registers its own
// worker (test/sw/browser/support/test-worker.js: registerPhotoFrameRoutes
// with the options in its URL, cache names prefixed per test), against its
// own namespace on the photo server (support/sw-test-server.mjs: another
// origin, images whose colour and X-Response-Number change with every
// response). What was served is asserted on those, never on request counts
// alone. Every worker and cache is removed after each test. This file: the
// worker's registration and its image cache; offline answers are in
// service-worker-offline.test.ts, picks fetched ahead in service-worker-prefetch.test.ts.
import { expect, waitUntil } from '@open-wc/testing';
import { imageCacheKey } from '../../../src/sw/photo-urls.js';
import { frameOn } from './support/frame-on.js';
import {
  cacheKeys,
  cleanUp,
  colourOf,
  freshNamespace,
  loadImage,
  message,
  pick,
  settle,
  testWorker,
  useWorker,
  type Namespace,
} from './support/worker.js';

const COLOUR_1 = [220, 20, 60];

describe('photo-frame service worker', () => {
  let n: Namespace;
  beforeEach(async () => (n = await freshNamespace()));
  afterEach(cleanUp);

  it('registers from the site root (the shipped worker) and controls the page', async () => {
    const registration = await useWorker('/photo-frame-sw.js');
    expect(registration.scope).to.equal(`${location.origin}/`);
    expect(navigator.serviceWorker.controller?.scriptURL).to.equal(`${location.origin}/photo-frame-sw.js`);
    // Requests it has no route for pass through untouched.
    const config = await fetch('/sw-test-config', { cache: 'no-store' });
    expect(config.status).to.equal(200);
    // It takes the pages' messages, and keeps what they teach it.
    expect(await message({ type: 'photo-frame:endpoint', endpoint: n.api })).to.deep.equal({ ok: true });
    await settle();
    const state = await (await caches.open('photo-frame-state-v1')).match(new URL('/__photo-frame/state', location.href).href);
    expect(((await state!.json()) as { endpoints: string[] }).endpoints).to.include(n.api);
  });

  it('serves a photo\'s second load from Cache Storage and revalidates it in the background', async () => {
    const c = await testWorker(n);
    const el = await frameOn(n.api);
    expect(el.state).to.equal('ready');
    const url = el.photo!.url;
    await settle();
    const first = await (await caches.open(c.images)).match(url);
    expect(first?.headers.get('X-Response-Number'), 'the first response is cached').to.equal('1');

    const second = await fetch(url, { mode: 'cors', credentials: 'omit' });
    expect(second.headers.get('X-Response-Number'), 'the second load is the cached copy').to.equal('1');
    await settle();
    // Stale-while-revalidate: the server was asked again meanwhile, and the cache holds its newer answer.
    expect((await n.log()).filter((l) => l.includes('/img/')).length).to.equal(2);
    expect((await (await caches.open(c.images)).match(url))?.headers.get('X-Response-Number')).to.equal('2');
  });

  it('stores neither opaque responses (an <img> without crossorigin) nor errors', async () => {
    const c = await testWorker(n);
    await pick(n.api); // teaches the worker the image origin
    const opaque = await loadImage(n.image('opaque'), false);
    expect(opaque.naturalWidth, 'the opaque image still shows').to.equal(8);
    const failed = await loadImage(n.errorImage(500), true);
    expect(failed.naturalWidth).to.equal(0);
    await loadImage(n.errorImage(404), true);
    const ok = await loadImage(n.image('cors'), true);
    expect(ok.naturalWidth).to.equal(8);
    await settle();
    expect(await cacheKeys(c.images)).to.deep.equal([n.image('cors')]);
  });

  it('leaves images of other origins alone', async () => {
    const c = await testWorker(n);
    await pick(n.api);
    // Same-origin (the test page's own server): not a photo origin.
    await loadImage('/sw-test-config', true);
    await settle();
    expect(await cacheKeys(c.images)).to.deep.equal([]);
  });

  it('bounds the image cache (maxImages), keeping the most recent', async () => {
    const c = await testWorker(n, { maxImages: 2 });
    await pick(n.api);
    for (const name of ['a', 'b', 'c', 'd']) {
      await loadImage(n.image(name), true);
      await settle();
    }
    expect((await cacheKeys(c.images)).sort()).to.deep.equal([n.image('c'), n.image('d')]);
  });

  it('caches a V4-signed image under its URL without the signature: a re-signed URL is a hit', async () => {
    const c = await testWorker(n);
    await n.control({ sig: 'first-signature' });
    const signed = (await pick(n.api, { pin: 'sea/harbour.jpg' })).body.url;
    expect(signed).to.contain('X-Goog-Signature=');
    expect(colourOf(await loadImage(signed, true))).to.deep.equal(COLOUR_1);
    await settle();

    await n.control({ sig: 'signed-again' });
    const resigned = (await pick(n.api, { pin: 'sea/harbour.jpg' })).body.url;
    expect(resigned).not.to.equal(signed);
    // A new URL for the page (no memory cache), the same entry for the worker: the first response's colour.
    expect(colourOf(await loadImage(resigned, true))).to.deep.equal(COLOUR_1);
    await settle();
    const keys = await cacheKeys(c.images);
    expect(keys).to.deep.equal([imageCacheKey(signed)]);
    expect(keys[0]).to.contain('w=60').and.not.to.match(/x-goog-/i);
    // Revalidated in the background with the new URL: the same entry now holds the second response.
    const entry = await (await caches.open(c.images)).match(imageCacheKey(resigned));
    expect(entry?.headers.get('X-Response-Number')).to.equal('2');
  });

  it('deletes the caches of other versions on activation, and no one else\'s', async () => {
    for (const name of [`${n.prefix}-images-v0`, `${n.prefix}-pages-v7`, `${n.prefix}-notes`, 'someone-else-v0']) await caches.open(name);
    await testWorker(n);
    const gone = async () => !(await caches.has(`${n.prefix}-images-v0`)) && !(await caches.has(`${n.prefix}-pages-v7`));
    await waitUntil(gone, 'the old caches are still there', { timeout: 4000, interval: 20 });
    const left = await caches.keys();
    expect(left).not.to.include(`${n.prefix}-images-v0`);
    expect(left).not.to.include(`${n.prefix}-pages-v7`);
    expect(left).to.include(`${n.prefix}-notes`);
    expect(left).to.include('someone-else-v0');
  });
});
