import type { WorkboxPlugin } from 'workbox-core/types.js';
import { ELEMENT_CHUNKS } from './route-settings.js';

/**
 * For the route of photo-frame's files: once a photo-frame.js is cached, so
 * are the chunks beside it that are not yet. The element loads each the first
 * time a feature is used, and a reader may first need one offline, as the
 * messages of the offline state (photo-frame-status.js). Each is then
 * revalidated when used, as the other files are.
 */
export const elementChunksPlugin: WorkboxPlugin = {
  cacheDidUpdate: async ({ cacheName, request }) => {
    if (!new URL(request.url).pathname.endsWith('/photo-frame.js')) return;
    const cache = await caches.open(cacheName);
    for (const file of ELEMENT_CHUNKS) {
      const url = new URL(file, request.url).href;
      if (!(await cache.match(url))) await cache.add(url);
    }
  },
};
