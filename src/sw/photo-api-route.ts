/**
 * The photo API's routes. `GET /` (a pick): the pick fetched ahead when there
 * is one to serve, else network first with a timeout; each answer is
 * remembered and the next pick fetched ahead; offline, a pick among the
 * photos remembered whose image is cached, else a 503 offline error.
 * `GET /photos`: network first; offline, the photos remembered whose image is
 * cached. Answers are read (their image origins are learned before the page
 * asks for the images) but never stored: each request is a new pick or a
 * fresh page.
 */
import type { RouteHandlerCallbackOptions, RouteMatchCallbackOptions, WorkboxPlugin } from 'workbox-core/types.js';
import { NetworkFirst } from 'workbox-strategies';
import { isPhoto, type Photo } from '../contract.js';
import type { BackgroundWork } from './background-work.js';
import { jsonResponse } from './json-response.js';
import { offlineError, offlineList, offlinePick } from './offline-answers.js';
import { listParams, pickParams } from './photo-urls.js';
import type { PhotoImages } from './photo-images.js';
import type { PicksAhead } from './picks-ahead.js';
import type { RememberedPhotos } from './remembered-photos.js';
import type { SavedState } from './saved-state.js';

export interface PhotoApiParts {
  saved: SavedState;
  remembered: RememberedPhotos;
  images: PhotoImages;
  picksAhead: PicksAhead;
  work: BackgroundWork;
}

export class PhotoApiRoute {
  readonly #parts: PhotoApiParts;
  readonly #pick: NetworkFirst;
  readonly #list: NetworkFirst;

  /** `plugins`: the ones every strategy has (network health, background work). */
  constructor(cacheName: string, networkTimeoutSeconds: number, parts: PhotoApiParts, plugins: readonly WorkboxPlugin[]) {
    this.#parts = parts;
    const { saved, work } = parts;
    const strategy = (onAnswer: (body: unknown, request: Request, event: ExtendableEvent) => void, offline: (url: URL, endpoint: string) => Promise<Response | null>, extra: WorkboxPlugin = {}) =>
      new NetworkFirst({
        cacheName,
        networkTimeoutSeconds,
        plugins: [
          ...plugins,
          {
            fetchDidSucceed: async ({ request, response, event }) => {
              if (response.status === 200) onAnswer(await response.clone().json().catch(() => undefined), request, event);
              return response;
            },
            cacheWillUpdate: async () => null,
            // Instead of a stored answer, one made from the photos remembered.
            cachedResponseWillBeUsed: async ({ request }) => {
              const url = new URL(request.url);
              const route = saved.apiRoute(url);
              return route ? offline(url, route.endpoint) : null;
            },
            ...extra,
          },
        ],
      });

    this.#pick = strategy(
      (photo, request, event) => {
        if (!isPhoto(photo)) return;
        saved.learnOrigins(photo, event);
        work.add(event, this.#afterPick(request, photo, event));
      },
      async (url, endpoint) => {
        const photo = offlinePick(await this.#offlinePhotos(endpoint), pickParams(url));
        return photo ? jsonResponse(photo, { source: 'offline' }) : null;
      },
      // Nothing remembered: a clear error at once, not a hang or a network error.
      { handlerDidError: async ({ request }) => jsonResponse(offlineError(pickParams(new URL(request.url)).album), { status: 503, source: 'offline' }) },
    );
    this.#list = strategy(
      // The list teaches the image origins (its photos are not remembered: they were not seen).
      (list, _request, event) => {
        const photos = (list as { photos?: unknown } | undefined)?.photos;
        if (Array.isArray(photos)) for (const p of photos) if (isPhoto(p)) saved.learnOrigins(p, event);
      },
      async (url, endpoint) => jsonResponse(offlineList(await this.#offlinePhotos(endpoint), listParams(url)), { source: 'offline' }),
    );
  }

  readonly match = ({ url }: Pick<RouteMatchCallbackOptions, 'url'>): boolean => this.#parts.saved.apiRoute(url) !== undefined;

  readonly handle = async ({ request, url, event }: RouteHandlerCallbackOptions): Promise<Response> => {
    const { saved, remembered, picksAhead, work } = this.#parts;
    const route = saved.apiRoute(url)!;
    if (route.kind === 'list') return this.#list.handle({ request, event });
    const params = pickParams(url);
    // A frame with a seed (a photo of the day) asks for the same photo: never answered ahead.
    if (params.seed === undefined) {
      const photo = await picksAhead.take(route.endpoint, params.album, params.exclude);
      if (photo) {
        work.add(event, remembered.remember(route.endpoint, photo));
        picksAhead.fetchAhead(route.endpoint, request.url, params.album, [...params.exclude, photo.id], event);
        return jsonResponse(photo, { source: 'prefetch' });
      }
    }
    return this.#pick.handle({ request, event });
  };

  /** After a pick from the network: remembered, and the next one fetched ahead. */
  async #afterPick(request: Request, photo: Photo, event: ExtendableEvent): Promise<void> {
    const url = new URL(request.url);
    const route = this.#parts.saved.apiRoute(url);
    if (!route) return;
    await this.#parts.remembered.remember(route.endpoint, photo);
    const params = pickParams(url);
    if (params.seed === undefined) this.#parts.picksAhead.fetchAhead(route.endpoint, request.url, params.album, [...params.exclude, photo.id], event);
  }

  /** The photos of `endpoint` an offline answer may show: remembered, with an image cached. */
  async #offlinePhotos(endpoint: string): Promise<Photo[]> {
    return this.#parts.images.withImage(await this.#parts.remembered.seen(endpoint));
  }
}
