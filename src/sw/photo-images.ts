/**
 * Photo images: stale-while-revalidate, on the photo origins only (learned
 * from the API's answers or given in the options), status 200 only, bounded in
 * number and age, cached under their URL without the V4 signature (a
 * re-signed URL is the same entry).
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import type { RouteMatchCallbackOptions, WorkboxPlugin } from 'workbox-core/types.js';
import { StaleWhileRevalidate } from 'workbox-strategies';
import type { Photo } from '../contract.js';
import type { CacheBounds } from './cache-bounds.js';
import { imageCacheKey, renditions, safeImageKey } from './photo-urls.js';
import type { RememberedPhotos } from './remembered-photos.js';
import type { SavedState } from './saved-state.js';

export class PhotoImages {
  readonly strategy: StaleWhileRevalidate;
  readonly #cacheName: string;
  readonly #saved: SavedState;
  readonly #remembered: RememberedPhotos;

  constructor(
    cacheName: string,
    known: { saved: SavedState; remembered: RememberedPhotos },
    bounds: CacheBounds,
    plugins: readonly WorkboxPlugin[],
  ) {
    this.#cacheName = cacheName;
    this.#saved = known.saved;
    this.#remembered = known.remembered;
    this.strategy = new StaleWhileRevalidate({
      cacheName,
      matchOptions: { ignoreVary: true },
      plugins: [
        { cacheKeyWillBeUsed: async ({ request }) => imageCacheKey(request.url) },
        // Status 0 (opaque: an <img> without crossorigin) and errors are never stored.
        new CacheableResponsePlugin({ statuses: [200] }),
        bounds.plugin,
        ...plugins,
        // Offline, a rendition that is not cached (another width in srcset) falls back to one of the same photo that is.
        { handlerDidError: async ({ request }) => this.#cachedRendition(await this.#remembered.photoOf(request.url)) },
      ],
    });
  }

  /** A photo's image: an image request to a photo origin, or any request for an image of a kept photo. */
  readonly match = ({ request, url }: Pick<RouteMatchCallbackOptions, 'request' | 'url'>): boolean =>
    this.#saved.isPhotoOrigin(url.origin) &&
    !this.#saved.apiRoute(url) &&
    (request.destination === 'image' || this.#remembered.isImageOfKept(url.href));

  /** The photos that have an image cached. */
  async withImage(photos: readonly Photo[]): Promise<Photo[]> {
    const cached = new Set((await (await caches.open(this.#cacheName)).keys()).map((r) => r.url));
    return photos.filter((p) => renditions(p).some((u) => cached.has(safeImageKey(u))));
  }

  async hasImage(photo: Photo): Promise<boolean> {
    return (await this.#cachedRendition(photo)) !== undefined;
  }

  /** Caches one image through the strategy (its plugins too), unless it is cached already; whether it is cached now. */
  async cache(url: string, event: ExtendableEvent): Promise<boolean> {
    if (await this.#match(url)) return true;
    try {
      const [response, done] = this.strategy.handleAll({ request: new Request(url, { mode: 'cors', credentials: 'same-origin' }), event });
      await response;
      await done;
    } catch {
      return false;
    }
    return (await this.#match(url)) !== undefined;
  }

  async #cachedRendition(photo: Photo | undefined): Promise<Response | undefined> {
    for (const url of photo ? renditions(photo) : []) {
      const hit = await this.#match(url);
      if (hit) return hit;
    }
    return undefined;
  }

  async #match(url: string): Promise<Response | undefined> {
    return (await caches.open(this.#cacheName)).match(safeImageKey(url), { ignoreVary: true });
  }
}
