// The service worker of the browser tests: the routes with the options in
// its own URL (`/sw-test-worker?options=<JSON>`), taking over at once as
// dist/photo-frame-sw.js does. Bundled by sw-scripts.mjs.
import { clientsClaim } from 'workbox-core';
import { registerPhotoFrameRoutes } from '../../../../src/sw/register-photo-frame-routes.ts';

const options = JSON.parse(new URL(self.location.href).searchParams.get('options') ?? '{}');
self.addEventListener('install', () => self.skipWaiting());
clientsClaim();
registerPhotoFrameRoutes(options);
