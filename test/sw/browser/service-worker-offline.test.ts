// The photo-frame service worker in Chromium when the network fails or is slow:
// offline picks and lists from the photos seen, the element's offline state, and
// what a restarted worker remembers. Same setup as service-worker.test.ts: a
// worker per test (support/worker.ts), a namespace of its own on the photo
// server, everything removed after each test.
import { expect } from '@open-wc/testing';
import type { Photo } from '../../../src/contract.js';
import { frameOn } from './support/frame-on.js';
import { cleanUp, freshNamespace, message, pick, see, settle, testWorker, useWorker, workerUrl, type Namespace } from './support/worker.js';

describe('photo-frame service worker, offline', () => {
  let n: Namespace;
  beforeEach(async () => (n = await freshNamespace()));
  afterEach(cleanUp);

  it('offline, picks among the photos seen whose image is cached, honouring album and exclude, marked offline', async () => {
    await testWorker(n);
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
    await testWorker(n);
    await n.control({ down: true });
    const started = performance.now();
    const { status, body } = await pick(n.api);
    expect(status).to.equal(503);
    expect(body.error?.code).to.equal('offline');
    expect(performance.now() - started).to.be.below(2000);
  });

  it('answers from what it has when the API is slower than networkTimeoutSeconds', async () => {
    await testWorker(n, { networkTimeoutSeconds: 0.4 });
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
    await testWorker(n);
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
    await testWorker(n);
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
});
