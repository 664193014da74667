/**
 * The blog's own files, with Workbox's recipes: photo-frame's browser files
 * (the element and the chunks it loads, its stylesheet, the register module;
 * by file name, in any folder) stale-while-revalidate, the element's chunks
 * cached with it; pages (navigations)
 * and the site's stylesheets, scripts and fonts network first, so that a post
 * read once can be reopened offline. Both keep status 200 only (the recipes
 * would also keep opaque responses) and are bounded in number and age.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import type { RouteMatchCallbackOptions, WorkboxPlugin } from 'workbox-core/types.js';
import { pageCache } from 'workbox-recipes/pageCache.js';
import { staticResourceCache } from 'workbox-recipes/staticResourceCache.js';
import type { CacheBounds } from './cache-bounds.js';
import { elementChunksPlugin } from './element-chunks.js';
import type { RouteSettings } from './route-settings.js';

declare const self: ServiceWorkerGlobalScope;

const SITE_FILES = new Set(['style', 'script', 'font']);
/**
 * Registers both routes, photo-frame's files first. `bounds`: of each cache;
 * `plugins`: the ones every strategy has.
 */
export function registerSiteRoutes(settings: RouteSettings, bounds: { scripts: CacheBounds; pages: CacheBounds }, plugins: readonly WorkboxPlugin[]): void {
  const { cacheNames } = settings;
  const scriptFiles = new Set(settings.scriptFiles);
  const bounded = (cacheBounds: CacheBounds) => [new CacheableResponsePlugin({ statuses: [200] }), cacheBounds.plugin, ...plugins];
  staticResourceCache({
    cacheName: cacheNames.scripts,
    matchCallback: ({ url }: RouteMatchCallbackOptions) => scriptFiles.has(url.pathname.slice(url.pathname.lastIndexOf('/') + 1)),
    plugins: [...bounded(bounds.scripts), elementChunksPlugin],
  });
  if (!settings.pages) return;
  pageCache({
    cacheName: cacheNames.pages,
    networkTimeoutSeconds: settings.networkTimeoutSeconds,
    matchCallback: ({ request, url }: RouteMatchCallbackOptions) =>
      (request.mode === 'navigate' && request.destination === 'document') || (url.origin === self.location.origin && SITE_FILES.has(request.destination)),
    plugins: bounded(bounds.pages),
  });
}
