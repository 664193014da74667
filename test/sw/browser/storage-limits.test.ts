// The photo-frame service worker in Chromium, at the edges of what it may
// store: answers that look like the photo API's but come from somewhere it
// was not configured for are never stored, and a device out of storage (a real
// QuotaExceededError: the test's Chromium gets a 1-byte quota for this origin
// through the DevTools protocol, support/storage-quota-plugin.mjs) breaks
// neither the page nor the worker. Same setup as service-worker.test.ts: a
// worker per test with its own cache prefix, a namespace of its own on the
// photo server (another origin), everything removed after each test.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PhotoFrameElement } from '../../../src/element/photo-frame.js';
import { frameOn } from './support/frame-on.js';
import { cacheKeys, cacheNames, cleanUp, loadImage, namespace, pick, settle, useWorker, workerUrl, type Namespace } from './support/worker.js';

/** What the worker keeps in its state cache (endpoints and image origins it learned), or undefined. */
async function savedState(state: string): Promise<{ endpoints: string[]; photoOrigins: string[] } | undefined> {
  if (!(await caches.has(state))) return undefined;
  const saved = await (await caches.open(state)).match(new URL('/__photo-frame/state', location.href).href);
  return saved ? ((await saved.json()) as { endpoints: string[]; photoOrigins: string[] }) : undefined;
}

/** The rendered <img> as a reader gets it: its URL and whether it decoded. */
function shownImage(el: PhotoFrameElement): { src: string; decoded: boolean } {
  const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part~=image]');
  return { src: img?.src ?? '', decoded: Boolean(img?.complete && img.naturalWidth > 0) };
}

/** The test page's own test API (test/element/support/test-photo-api.mjs): requests it saw, after clearing. */
async function pageApiRequests(): Promise<string[]> {
  return (await (await fetch('/test-api-requests', { cache: 'no-store' })).json()) as string[];
}

const setQuota = (quotaSize?: number) =>
  executeServerCommand('storage-quota', quotaSize === undefined ? { origin: location.origin } : { origin: location.origin, quotaSize });

describe('photo-frame service worker: what it must not store', () => {
  let n: Namespace;
  beforeEach(async () => {
    await cleanUp();
    n = await namespace();
    await fetch('/test-api-requests', { method: 'DELETE', cache: 'no-store' });
  });
  afterEach(cleanUp);

  it('stores what the configured endpoint answers (the control for the rows below)', async () => {
    await useWorker(workerUrl({ endpoints: [n.api], cachePrefix: n.prefix, prefetch: false }));
    const c = cacheNames(n.prefix);
    const { body } = await pick(n.api);
    await loadImage(body.url, true);
    await settle();
    expect((await cacheKeys(c.photos)).length, 'the answer is remembered').to.equal(1);
    expect(await cacheKeys(c.images)).to.deep.equal([body.url]);
  });

  // Each row: an endpoint that answers exactly what the photo API answers, but is not the one the worker was given.
  const rows: { name: string; endpoint: (n: Namespace, other: Namespace) => string; imagesElsewhere: boolean }[] = [
    // The test page's own origin, where the runner serves the element's test API (its images are there too).
    { name: 'another origin (the page\'s own)', endpoint: () => `${location.origin}/test-api/ok/`, imagesElsewhere: true },
    // The photo server's origin, another namespace's API: same origin as the configured endpoint, another path.
    { name: 'the endpoint\'s origin, another path', endpoint: (_n, other) => other.api, imagesElsewhere: false },
  ];
  for (const row of rows) {
    it(`an API-looking answer from ${row.name} is neither stored nor learned from, and is always asked of the network`, async () => {
      const other = await namespace();
      const foreign = row.endpoint(n, other);
      await useWorker(workerUrl({ endpoints: [n.api], cachePrefix: n.prefix, prefetch: false }));
      const c = cacheNames(n.prefix);

      // As the element asks (credentials omitted), twice, and shown by an element, image included.
      const first = await pick(foreign);
      expect(first.status).to.equal(200);
      expect(first.body.url, 'a photo, as the API would answer').to.be.a('string');
      expect(first.source, 'from the network').to.equal(null);
      await loadImage(first.body.url, true);
      const el = await frameOn(foreign);
      expect(el.state).to.equal('ready');
      expect(shownImage(el).decoded).to.equal(true);
      const second = await pick(foreign);
      expect(second.source).to.equal(null);
      await settle();

      expect(await cacheKeys(c.photos), 'no answer remembered').to.deep.equal([]);
      const state = await savedState(c.state);
      expect(state?.endpoints ?? [], 'not learned as an endpoint').not.to.include(foreign);
      if (row.imagesElsewhere) {
        expect(state?.photoOrigins ?? [], 'its image origin is not learned').not.to.include(new URL(first.body.url).origin);
        expect(await cacheKeys(c.images), 'its images are not stored').to.deep.equal([]);
        const asked = (await pageApiRequests()).filter((u) => u.startsWith('/test-api/ok/'));
        expect(asked.length, 'every pick reached the network').to.equal(3);
      } else {
        expect(await other.log(), 'every pick reached the network').to.have.length.at.least(3);
        // Offline, the worker has nothing of it to answer with: the page gets the network's failure, not an offline pick.
        await other.control({ down: true });
        let failed = false;
        try {
          await pick(foreign);
        } catch {
          failed = true;
        }
        expect(failed, 'the request failed as the network did').to.equal(true);
      }
    });
  }
});

describe('photo-frame service worker: storage quota exceeded', () => {
  let n: Namespace;
  beforeEach(async () => {
    await cleanUp();
    n = await namespace();
  });
  afterEach(async () => {
    await setQuota();
    await cleanUp();
  });

  it('Cache Storage really fails with a QuotaExceededError under the 1-byte quota (the setup is honest)', async () => {
    await setQuota(1);
    let error: unknown;
    try {
      await (await caches.open(`${n.prefix}-probe`)).put('/probe', new Response('x'.repeat(1000)));
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException | undefined)?.name).to.equal('QuotaExceededError');
    await setQuota();
    await (await caches.open(`${n.prefix}-probe`)).put('/probe', new Response('x'.repeat(1000)));
    expect(await cacheKeys(`${n.prefix}-probe`)).to.have.length(1);
  });

  const rows = [
    { name: 'the device fills up while the worker runs', fullFirst: false },
    { name: 'the worker starts on a full device', fullFirst: true },
  ];
  for (const row of rows) {
    it(`${row.name}: the page still shows the photo, next() still works, the worker keeps answering from the network`, async function () {
      this.timeout(15000);
      if (row.fullFirst) await setQuota(1);
      await useWorker(workerUrl({ endpoints: [n.api], cachePrefix: n.prefix, prefetch: true }));
      const c = cacheNames(n.prefix);
      const controller = navigator.serviceWorker.controller?.scriptURL;
      if (!row.fullFirst) await setQuota(1);

      const el = await frameOn(n.api);
      expect(el.state, 'the photo shows').to.equal('ready');
      const firstId = el.photo!.id;
      expect(shownImage(el)).to.deep.equal({ src: el.photo!.url, decoded: true });
      await settle(); // the worker's writes (photo, image, state, the pick fetched ahead) have all failed by now

      await el.next();
      expect(el.state, 'next() shows another photo').to.equal('ready');
      expect(el.photo!.id).not.to.equal(firstId);
      expect(shownImage(el)).to.deep.equal({ src: el.photo!.url, decoded: true });
      await settle();
      await el.next();
      expect(el.state).to.equal('ready');
      await settle();

      expect(navigator.serviceWorker.controller?.scriptURL, 'the same worker controls the page').to.equal(controller);
      expect(await cacheKeys(c.images), 'nothing could be stored').to.deep.equal([]);
      expect(await cacheKeys(c.photos)).to.deep.equal([]);

      // The worker answers from the network: each pick is the API's (no source header), each image load a new response.
      const { body, source } = await pick(n.api);
      expect(source).to.equal(null);
      const numbers: (string | null)[] = [];
      for (let i = 0; i < 2; i++) numbers.push((await fetch(body.url, { mode: 'cors', credentials: 'omit' })).headers.get('X-Response-Number'));
      expect(Number(numbers[1]), `image responses ${numbers.join(', ')}: from the network each time`).to.equal(Number(numbers[0]) + 1);
      expect((await n.log()).filter((l) => l.includes('/api/')).length, 'every pick reached the API').to.be.at.least(4);

      // The network fails too: nothing was kept, so the frame says it is offline (keeping the photo on show) rather than breaking.
      await n.control({ down: true });
      await el.next();
      expect(el.state).to.equal('offline');
      expect(shownImage(el).decoded, 'the photo stays on show').to.equal(true);
      await n.control({ down: false });

      // Room again: it stores again, without a restart.
      await setQuota();
      const again = await pick(n.api);
      await loadImage(again.body.url, true);
      await settle();
      expect(await cacheKeys(c.images)).to.include(again.body.url);
      expect(navigator.serviceWorker.controller?.scriptURL).to.equal(controller);
    });
  }
});
