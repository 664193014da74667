// The first visit: the element shows its photo before any worker controls the
// page; once photo-frame-register.js has registered the worker and it took
// control, that photo is in the cache too (and answers offline). In a file of
// its own: a page that was once controlled stays controlled by its worker, so
// only a fresh page can show a first visit.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/element/photo-frame.js';
import { imageCacheKey } from '../../../src/sw/photo-urls.js';
import { cacheKeys, cleanUp, namespace, pick, workerUrl } from './support/worker.js';

type RegisterModule = typeof import('../../../src/sw/register/photo-frame-register.js');

describe('photo-frame service worker: the first visit', () => {
  before(cleanUp);
  after(cleanUp);

  it('caches the photo shown before the worker controlled the page, once it does', async () => {
    const n = await namespace();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 240px"><photo-frame endpoint=${n.api}></photo-frame></div>`);
    const el = wrapper.querySelector('photo-frame')!;
    await waitUntil(() => el.state !== 'loading', 'the frame is still loading', { timeout: 4000, interval: 20 });
    expect(el.state).to.equal('ready');
    expect(navigator.serviceWorker.controller, 'no worker controls this page yet').to.equal(null);

    // As a page that has <script type="module" src="/photo-frame-register.js" data-service-worker="…"> would.
    const register = (await import('/sw-test-register' as string)) as RegisterModule;
    const handle = register.registerServiceWorker(workerUrl({ cachePrefix: n.prefix, prefetch: false }))!;
    try {
      expect(await handle.registration).to.be.instanceOf(ServiceWorkerRegistration);
      await waitUntil(() => navigator.serviceWorker.controller !== null, 'the worker did not take control', { timeout: 4000, interval: 20 });
      const images = `${n.prefix}-images-v1`;
      await waitUntil(async () => (await cacheKeys(images)).length > 0, 'the first photo was not cached', { timeout: 4000, interval: 50 });
      await handle.settle();
      expect(await cacheKeys(images)).to.deep.equal([imageCacheKey(el.photo!.url)]);
      // The worker learned the endpoint from the page, and answers with that photo when the API is unreachable.
      await n.control({ down: true });
      const { body } = await pick(n.api);
      expect(body.id).to.equal(el.photo!.id);
      expect(body.offline).to.equal(true);
    } finally {
      handle.disconnect();
    }
  });
});
