// The photo-frame service worker in Chromium. Each test registers its own
// worker (test/sw/browser/support/test-worker.js: registerPhotoFrameRoutes
// with the options in its URL, cache names prefixed per test), against its
// own namespace on the photo server (support/sw-test-server.mjs: another
// origin, images whose colour and X-Response-Number change with every
// response). What was served is asserted on those, never on request counts
// alone. Every worker and cache is removed after each test.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../../src/element/photo-frame.js';
import type { Photo, PhotoList } from '../../../src/contract.js';
import { imageCacheKey } from '../../../src/sw/photo-urls.js';
import type { PhotoFrameRoutesOptions } from '../../../src/sw/routes-options.js';
import { RECENT_LIMIT } from '../../../src/element/recent-photos.js';
import { readAlbum, roundProblems } from '../../support/shuffle-bag.js';
import {
  cacheKeys,
  cleanUp,
  colourOf,
  loadImage,
  message,
  namespace,
  pick,
  settle,
  useWorker,
  workerUrl,
  type Namespace,
} from './support/worker.js';

const COLOUR_1 = [220, 20, 60];

const names = (prefix: string) => ({ images: `${prefix}-images-v1`, photos: `${prefix}-photos-v1`, state: `${prefix}-state-v1` });

/** A worker for this namespace: its API known from the start, no pick fetched ahead unless asked. */
async function worker(n: Namespace, options: PhotoFrameRoutesOptions = {}) {
  await useWorker(workerUrl({ endpoints: [n.api], cachePrefix: n.prefix, prefetch: false, ...options }));
  return names(n.prefix);
}

/** Shows `count` photos through the worker (the API via fetch, each image via a crossorigin <img>), excluding as the element does. */
async function see(n: Namespace, count: number, album = ''): Promise<Photo[]> {
  const seen: Photo[] = [];
  for (let i = 0; i < count; i++) {
    const query: Record<string, string> = { exclude: seen.map((p) => p.id).join(',') };
    if (album) query.album = album;
    const { body } = await pick(n.api, query);
    await loadImage(body.url, true);
    seen.push(body);
  }
  await settle();
  return seen;
}

async function frameOn(endpoint: string): Promise<PhotoFrameElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 240px"><photo-frame endpoint=${endpoint}></photo-frame></div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await waitUntil(() => el.state !== 'loading', 'the frame is still loading', { timeout: 4000, interval: 20 });
  return el;
}

describe('photo-frame service worker', () => {
  let n: Namespace;
  beforeEach(async () => {
    await cleanUp();
    n = await namespace();
  });
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
    const c = await worker(n);
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
    const c = await worker(n);
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
    const c = await worker(n);
    await pick(n.api);
    // Same-origin (the test page's own server): not a photo origin.
    await loadImage('/sw-test-config', true);
    await settle();
    expect(await cacheKeys(c.images)).to.deep.equal([]);
  });

  it('bounds the image cache (maxImages), keeping the most recent', async () => {
    const c = await worker(n, { maxImages: 2 });
    await pick(n.api);
    for (const name of ['a', 'b', 'c', 'd']) {
      await loadImage(n.image(name), true);
      await settle();
    }
    expect((await cacheKeys(c.images)).sort()).to.deep.equal([n.image('c'), n.image('d')]);
  });

  it('caches a V4-signed image under its URL without the signature: a re-signed URL is a hit', async () => {
    const c = await worker(n);
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

  it('offline, picks among the photos seen whose image is cached, honouring album and exclude, marked offline', async () => {
    await worker(n);
    const seen = await see(n, 4); // sea/harbour, sea/cove, hills/ridge, hills/lake
    expect(seen.map((p) => p.id)).to.deep.equal(['sea/harbour.jpg', 'sea/cove.jpg', 'hills/ridge.jpg', 'hills/lake.jpg']);
    // A photo answered but whose image was never loaded is not offered offline.
    await pick(n.api, { pin: 'dunes.jpg' });
    await settle();
    await n.control({ down: true });

    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { status, body, source } = await pick(n.api);
      expect(status).to.equal(200);
      expect(body.offline).to.equal(true);
      expect(source).to.equal('offline');
      ids.add(body.id);
    }
    expect([...ids].every((id) => seen.some((p) => p.id === id))).to.equal(true);
    expect(ids.has('dunes.jpg')).to.equal(false);

    const sea = await pick(n.api, { album: 'sea', exclude: 'sea/harbour.jpg' });
    expect(sea.body.id).to.equal('sea/cove.jpg');
    // Every one excluded: a new round, never the newest exclusion (the photo on show).
    expect((await pick(n.api, { album: 'hills', exclude: 'hills/lake.jpg,hills/ridge.jpg' })).body.id).to.equal('hills/lake.jpg');
    expect((await pick(n.api, { album: '/hills/', exclude: 'hills/ridge.jpg,hills/lake.jpg' })).body.id).to.equal('hills/ridge.jpg');

    const none = await pick(n.api, { album: 'dunes' });
    expect(none.status).to.equal(503);
    expect(none.body.error?.code).to.equal('offline');
  });

  it('offline with nothing cached: a 503 offline error, at once', async () => {
    await worker(n);
    await n.control({ down: true });
    const started = performance.now();
    const { status, body } = await pick(n.api);
    expect(status).to.equal(503);
    expect(body.error?.code).to.equal('offline');
    expect(performance.now() - started).to.be.below(2000);
  });

  it('answers from what it has when the API is slower than networkTimeoutSeconds', async () => {
    await worker(n, { networkTimeoutSeconds: 0.4 });
    const [photo] = await see(n, 1);
    await n.control({ delay: 3000 });
    const started = performance.now();
    const { body } = await pick(n.api);
    expect(performance.now() - started).to.be.below(2000);
    expect(body.offline).to.equal(true);
    expect(body.id).to.equal(photo!.id);
    await n.control({ delay: 0 });
  });

  it('answers the list offline with the photos seen', async () => {
    await worker(n);
    await see(n, 3);
    const online = (await (await fetch(`${n.api}photos?album=sea`, { credentials: 'omit' })).json()) as { photos: Photo[] };
    expect(online.photos.map((p) => p.offline)).to.deep.equal([undefined, undefined]);
    await n.control({ down: true });
    const response = await fetch(`${n.api}photos?album=sea`, { credentials: 'omit' });
    expect(response.status).to.equal(200);
    const list = (await response.json()) as { photos: Photo[]; next: string | null };
    expect(list.photos.map((p) => p.id)).to.deep.equal(['sea/cove.jpg', 'sea/harbour.jpg']);
    expect(list.photos.every((p) => p.offline === true)).to.equal(true);
    expect(list.next).to.equal(null);
    const all = (await (await fetch(`${n.api}photos`, { credentials: 'omit' })).json()) as { photos: Photo[] };
    expect(all.photos.map((p) => p.id)).to.deep.equal(['hills/ridge.jpg', 'sea/cove.jpg', 'sea/harbour.jpg']);
  });

  it('lets the element show its offline state with a photo seen, and next() step through the photos seen', async () => {
    await worker(n);
    const el = await frameOn(n.api);
    await el.next();
    await el.next();
    expect(el.state).to.equal('ready');
    await settle();
    const seen = (await n.log()).filter((l) => l.includes('/img/')).length;
    expect(seen).to.equal(3);
    await n.control({ down: true });
    const shown: string[] = [];
    for (let i = 0; i < 4; i++) {
      await el.next();
      expect(el.state).to.equal('offline');
      expect(el.photo?.offline).to.equal(true);
      shown.push(el.photo!.id);
    }
    expect(new Set(shown).size, `stepped through ${shown.join(', ')}`).to.equal(3);
    expect(el.shadowRoot!.querySelector('[part~=status]')!.textContent).to.contain('Offline');
  });

  it('fetches a fresh pick ahead with its image, and answers the next request with it at once', async () => {
    const c = await worker(n, { prefetch: true });
    const first = await pick(n.api);
    expect(first.source).to.equal(null); // from the network
    await loadImage(first.body.url, true);
    await settle();
    const log = await n.log();
    // The pick fetched ahead excluded the photo seen, and its image is cached before any page asks for it.
    const ahead = log.filter((l) => l.includes('/api/')).at(-1)!;
    expect(ahead).to.contain(`exclude=${encodeURIComponent(first.body.id)}`);
    const next = await pick(n.api, { exclude: first.body.id });
    expect(next.source).to.equal('prefetch');
    expect(next.body.id).not.to.equal(first.body.id);
    expect(next.body.offline).to.equal(undefined);
    expect(await cacheKeys(c.images)).to.include(next.body.url);
    await settle();
    // The network fails: at most the pick already fetched ahead is served, then the offline answers.
    await n.control({ down: true });
    const a = await pick(n.api, { exclude: [first.body.id, next.body.id].join(',') });
    await settle();
    const b = await pick(n.api, { exclude: [first.body.id, next.body.id].join(',') });
    expect(a.source === 'prefetch' ? b.source : a.source).to.equal('offline');
  });

  it('answers with a pick fetched ahead only when the request does not exclude it: a reader still goes in rounds', async function () {
    this.timeout(20000);
    await worker(n, { prefetch: true });
    const answers: { exclude: readonly string[]; id: string; source: string | null }[] = [];
    const shown = await readAlbum(20, RECENT_LIMIT, async (exclude) => {
      const { body, source } = await pick(n.api, exclude.length > 0 ? { exclude: exclude.join(',') } : {});
      answers.push({ exclude, id: body.id, source });
      // The pick ahead is fetched before the next request: every run makes the same requests.
      await settle();
      return body.id;
    });
    const ahead = answers.filter((a) => a.source === 'prefetch');
    expect(ahead.length, 'answers fetched ahead').to.be.at.least(5);
    expect(ahead.filter((a) => a.exclude.includes(a.id)), 'fetched ahead, yet excluded').to.deep.equal([]);
    const album = ((await (await fetch(new URL('photos', n.api), { credentials: 'omit' })).json()) as PhotoList).photos.map((p) => p.id);
    expect(album).to.have.length(5);
    expect(roundProblems(shown, album, RECENT_LIMIT)).to.deep.equal([]);
  });

  it('keeps what it learned across a restart (a new worker with the same caches)', async () => {
    // The first worker knows no endpoint: a page tells it.
    await useWorker(workerUrl({ cachePrefix: n.prefix, prefetch: false }));
    expect((await message({ type: 'photo-frame:endpoint', endpoint: n.api })).ok).to.equal(true);
    await see(n, 2);
    await settle();
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    // A new worker (another script URL): nothing in memory, no endpoint in its options.
    await useWorker(workerUrl({ cachePrefix: n.prefix, prefetch: false, maxPhotos: 199 }));
    await n.control({ down: true });
    const { body } = await pick(n.api);
    expect(body.offline).to.equal(true);
  });

  it('deletes the caches of other versions on activation, and no one else\'s', async () => {
    for (const name of [`${n.prefix}-images-v0`, `${n.prefix}-pages-v7`, `${n.prefix}-notes`, 'someone-else-v0']) await caches.open(name);
    await worker(n);
    const gone = async () => !(await caches.has(`${n.prefix}-images-v0`)) && !(await caches.has(`${n.prefix}-pages-v7`));
    await waitUntil(gone, 'the old caches are still there', { timeout: 4000, interval: 20 });
    const left = await caches.keys();
    expect(left).not.to.include(`${n.prefix}-images-v0`);
    expect(left).not.to.include(`${n.prefix}-pages-v7`);
    expect(left).to.include(`${n.prefix}-notes`);
    expect(left).to.include('someone-else-v0');
  });
});
