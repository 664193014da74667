/**
 * The photo-frame routes for a service worker, in the style of Workbox's
 * recipes: one function, an options object whose every field is optional.
 * `dist/photo-frame-sw.js` is this with the defaults; a site with its own
 * worker calls it there. What each route does: docs/service-worker.md.
 */
import { registerQuotaErrorCallback } from 'workbox-core';
import { registerRoute } from 'workbox-routing';
import { BackgroundWork } from './background-work.js';
import { CacheBounds } from './cache-bounds.js';
import { NetworkHealth } from './network-health.js';
import { deleteOldCachesOnActivate } from './old-caches.js';
import { listenToPages } from './page-messages.js';
import { PhotoApiRoute } from './photo-api-route.js';
import { PhotoImages } from './photo-images.js';
import { PicksAhead } from './picks-ahead.js';
import { RememberedPhotos } from './remembered-photos.js';
import { routeSettings, type CacheNames } from './route-settings.js';
import type { PhotoFrameRoutesOptions } from './routes-options.js';
import { SavedState } from './saved-state.js';
import { registerSiteRoutes } from './site-routes.js';

declare const self: ServiceWorkerGlobalScope;

/** photo-frame's own files are few: the element and the chunks it loads, its stylesheet, the register module. */
const MAX_SCRIPTS = 20;

export { CACHE_VERSION } from './route-settings.js';
export type { PhotoFrameRoutesOptions } from './routes-options.js';

export interface PhotoFrameRoutes {
  cacheNames: CacheNames;
  /** Resolves once the background work started so far (caching, prefetching, expiring) is done. */
  settled(): Promise<void>;
}

export function registerPhotoFrameRoutes(options: PhotoFrameRoutesOptions = {}): PhotoFrameRoutes {
  const settings = routeSettings(options);
  const { cacheNames, maxImageAgeSeconds: maxAgeSeconds } = settings;
  const scope = self.registration.scope;

  const work = new BackgroundWork();
  const health = new NetworkHealth(() => self.navigator.onLine !== false);
  const plugins = [health.plugin, work.plugin];
  const saved = new SavedState(cacheNames.state, scope, work, settings);
  const state = { cacheName: cacheNames.state, scope };
  const bounds = {
    images: new CacheBounds(cacheNames.images, { maxEntries: settings.maxImages, maxAgeSeconds }, state),
    photos: new CacheBounds(cacheNames.photos, { maxEntries: settings.maxPhotos, maxAgeSeconds }, state),
    pages: new CacheBounds(cacheNames.pages, { maxEntries: settings.maxPages, maxAgeSeconds }, state),
    scripts: new CacheBounds(cacheNames.scripts, { maxEntries: MAX_SCRIPTS, maxAgeSeconds }, state),
  };
  // A device out of space: the caches that refill themselves are emptied (the photos remembered stay).
  registerQuotaErrorCallback(() => Promise.all([bounds.images, bounds.pages, bounds.scripts].map((b) => b.purge())));
  const remembered = new RememberedPhotos(cacheNames.photos, scope, bounds.photos);
  const images = new PhotoImages(cacheNames.images, { saved, remembered }, bounds.images, plugins);
  const picksAhead = new PicksAhead(cacheNames.state, scope, settings, { saved, remembered, images, health, work });
  const api = new PhotoApiRoute(cacheNames.photos, settings.networkTimeoutSeconds, { saved, remembered, images, picksAhead, work }, plugins);

  // Routes in order of precedence. Until the saved state is read back (a few milliseconds
  // after a restart), what may be the API's (the element fetches with credentials 'omit')
  // or a photo waits for it, then is handled or passed through.
  registerRoute(
    ({ request }) => !saved.loaded && ((request.destination === '' && request.credentials === 'omit') || request.destination === 'image'),
    async (o) => {
      await saved.ready;
      if (api.match(o)) return api.handle(o);
      if (images.match(o)) return images.strategy.handle(o);
      return fetch(o.request);
    },
  );
  registerRoute(api.match, api.handle);
  registerRoute(images.match, images.strategy);
  registerSiteRoutes(settings, bounds, plugins);

  listenToPages(scope, settings.learnFromPages, { saved, remembered, images, picksAhead, work });
  deleteOldCachesOnActivate(settings.cachePrefix);
  return { cacheNames, settled: () => work.settled() };
}
