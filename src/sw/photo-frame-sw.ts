/**
 * `dist/photo-frame-sw.js`: the photo-frame service worker with the default
 * routes (see register-photo-frame-routes.ts). Copy it to the site's root and
 * register it with photo-frame-register.js (docs/service-worker.md).
 *
 * A new version takes over at once (skipWaiting + clientsClaim): its routes
 * keep no state an open page relies on (every answer is the API's own shape,
 * and caches are named by version and cleaned on activation), so a page
 * opened under the old version keeps working under the new one, and the
 * first visit's page is controlled without a reload.
 */
import { clientsClaim } from 'workbox-core';
import { registerPhotoFrameRoutes } from './register-photo-frame-routes.js';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => {
  void self.skipWaiting();
});
clientsClaim();
registerPhotoFrameRoutes();
