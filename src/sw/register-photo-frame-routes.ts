/**
 * The photo-frame routes for a service worker, in the style of Workbox's
 * recipes: one function, an options object whose every field is optional,
 * defaults at the top. `dist/photo-frame-sw.js` is this with the defaults; a
 * site with its own worker calls it there (`import { registerPhotoFrameRoutes }
 * from 'photo-frame/sw'`).
 *
 * What it handles (every route GET only; everything else is left alone):
 *
 * 1. The photo API's `GET /` (a random pick): network first with a short
 *    timeout. Each good answer is remembered (its JSON, keyed by endpoint and
 *    photo id) and its image origins are learned. When the network fails or
 *    times out, a random pick among the remembered photos whose image is
 *    cached, honouring `album` and `exclude`, marked `offline: true`; with none,
 *    a 503 `{"error": {"code": "offline"}}`, which the element shows as its
 *    offline state. While the network answers, one fresh pick per endpoint and
 *    album is fetched ahead with its image (`prefetch`), and the next request
 *    is answered with it at once: a repeat visit waits for no network.
 * 2. The API's `GET /photos`: network first; offline, the remembered photos
 *    whose images are cached.
 * 3. Photo images (only on the origins learned from the API's answers or given
 *    in `photoOrigins`): stale-while-revalidate, status 200 only (never opaque
 *    responses), bounded in entries and age, cached under their URL without
 *    the V4 signature parameters (a re-signed URL is the same entry).
 * 4. Pages (navigations) and the site's own stylesheets, scripts and fonts:
 *    network first, so a post read once can be reopened offline.
 * 5. photo-frame's own browser files (`photo-frame.js` and the chunks it
 *    loads, `photo-frame.css`, `photo-frame-register.js`): stale-while-revalidate.
 *
 * Which photo APIs: those in `endpoints`, and those the pages announce
 * (photo-frame-register.js posts each `<photo-frame>`'s endpoint and each photo
 * shown), persisted in Cache Storage so that a restarted worker knows them.
 * Until that state is read back (a few milliseconds after a restart), requests
 * that may be the API's (`fetch` with `credentials: 'omit'`) or images are
 * held, then handled or passed through.
 *
 * Cache names carry CACHE_VERSION; on activation, photo-frame caches of
 * other versions are deleted. No route keeps state in memory that a newer
 * worker would need, so a new version may take over open pages at once.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import type { RouteHandlerCallbackOptions, RouteMatchCallbackOptions, WorkboxPlugin } from 'workbox-core/types.js';
import { CacheExpiration, ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst, StaleWhileRevalidate, type Strategy } from 'workbox-strategies';
import { isPhoto, type Photo } from '../contract.js';
import { isPhotoFrameMessage, type MessageReply, type PhotoFrameMessage } from './messages.js';
import type { PhotoFrameRoutesOptions } from './routes-options.js';
import { inAlbum, offlineError, offlineList, offlinePick } from './offline-answers.js';
import {
  apiRoute,
  endpointBase,
  imageCacheKey,
  imageOrigins,
  listParams,
  normalizeAlbum,
  pickParams,
  pickUrl,
  renditionFor,
  renditions,
  renditionWidth,
} from './photo-urls.js';

declare const self: ServiceWorkerGlobalScope;

export type { PhotoFrameRoutesOptions } from './routes-options.js';

/** Part of every cache name (`photo-frame-images-v1`): a new version starts with empty caches and deletes the old ones. */
export const CACHE_VERSION = 1;

export interface PhotoFrameRoutes {
  cacheNames: { images: string; photos: string; pages: string; scripts: string; state: string };
  /** Resolves once the background work started so far (caching, prefetching, expiring) is done. */
  settled(): Promise<void>;
}

const DAY = 24 * 60 * 60;
/** How recent a successful network fetch must be for a pick fetched ahead to be served. */
const HEALTHY_FOR_MS = 60_000;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
/** Tells tests, benchmarks and curious readers where an API answer came from: `network` answers carry none. */
const SOURCE_HEADER = 'X-Photo-Frame-Source';

interface KeptPhoto {
  endpoint: string;
  photo: Photo;
  seenAt: number;
}

interface NextPick {
  endpoint: string;
  album: string;
  photo: Photo;
  fetchedAt: number;
}

interface SavedState {
  endpoints: string[];
  photoOrigins: string[];
  widths: Record<string, number>;
}

type Route = {
  match(options: RouteMatchCallbackOptions): boolean;
  handle(options: RouteHandlerCallbackOptions): Promise<Response>;
};

export function registerPhotoFrameRoutes(options: PhotoFrameRoutesOptions = {}): PhotoFrameRoutes {
  const prefix = options.cachePrefix ?? 'photo-frame';
  const learnFromPages = options.learnFromPages ?? true;
  const networkTimeoutSeconds = options.networkTimeoutSeconds ?? 3;
  const maxImages = options.maxImages ?? 60;
  const maxImageAgeSeconds = options.maxImageAgeSeconds ?? 30 * DAY;
  const maxPhotos = options.maxPhotos ?? 200;
  const pagesEnabled = options.pages ?? true;
  const maxPages = options.maxPages ?? 50;
  const scriptFiles = new Set(
    options.scriptFiles ?? ['photo-frame.js', 'photo-frame-slideshow.js', 'photo-frame-placeholder.js', 'photo-frame.css', 'photo-frame-register.js'],
  );
  const prefetchEnabled = options.prefetch ?? true;
  const prefetchMaxAgeMs = (options.prefetchMaxAgeSeconds ?? DAY) * 1000;

  const cacheNames = {
    images: `${prefix}-images-v${CACHE_VERSION}`,
    photos: `${prefix}-photos-v${CACHE_VERSION}`,
    pages: `${prefix}-pages-v${CACHE_VERSION}`,
    scripts: `${prefix}-scripts-v${CACHE_VERSION}`,
    state: `${prefix}-state-v${CACHE_VERSION}`,
  };
  const scope = self.registration.scope;
  const STATE_KEY = new URL('__photo-frame/state', scope).href;
  const PHOTO_KEY = new URL('__photo-frame/photo', scope).href;
  const NEXT_KEY = new URL('__photo-frame/next', scope).href;
  const photoKey = (endpoint: string, id: string) => `${PHOTO_KEY}?${new URLSearchParams({ endpoint, id })}`;
  const nextKey = (endpoint: string, album: string) => `${NEXT_KEY}?${new URLSearchParams({ endpoint, album })}`;
  const json = (body: unknown, init: { status?: number; source?: string } = {}) =>
    new Response(JSON.stringify(body), {
      status: init.status ?? 200,
      headers: init.source ? { ...JSON_HEADERS, [SOURCE_HEADER]: init.source } : JSON_HEADERS,
    });

  // ------------------------------------------------------------------------------------------
  // Background work: kept alive by the event that started it, and awaitable by `settled()`.

  const pending = new Set<Promise<unknown>>();
  function background(event: ExtendableEvent | undefined, work: Promise<unknown>): void {
    const tracked: Promise<unknown> = work.catch(() => undefined).finally(() => pending.delete(tracked));
    pending.add(tracked);
    try {
      event?.waitUntil(tracked);
    } catch {
      // The event's lifetime is over: the work still runs while the worker does.
    }
  }
  async function settled(): Promise<void> {
    while (pending.size > 0) await Promise.all([...pending]);
  }
  /** Runs a strategy, tracking its background work (cache writes, revalidation, expiration). */
  function run(strategy: Strategy, { request, event }: { request: Request; event: ExtendableEvent }): Promise<Response> {
    const [response, done] = strategy.handleAll({ request, event });
    background(event, done);
    return response;
  }

  // ------------------------------------------------------------------------------------------
  // What the worker knows: the photo APIs and image origins, persisted across restarts.

  const endpoints = new Set<string>();
  const photoOrigins = new Set<string>();
  /** Width of the rendition pages last loaded, per endpoint and album: what a pick fetched ahead caches. */
  const widths = new Map<string, number>();
  for (const e of options.endpoints ?? []) {
    const base = endpointBase(e, scope);
    if (base) endpoints.add(base);
  }
  for (const o of options.photoOrigins ?? []) {
    try {
      photoOrigins.add(new URL(o, scope).origin);
    } catch {
      // Not a URL: ignored.
    }
  }
  let loaded = false;
  const ready = (async () => {
    try {
      const saved = await (await caches.open(cacheNames.state)).match(STATE_KEY);
      const state = saved ? ((await saved.json()) as Partial<SavedState>) : {};
      for (const e of Array.isArray(state.endpoints) ? state.endpoints : []) if (typeof e === 'string') endpoints.add(e);
      for (const o of Array.isArray(state.photoOrigins) ? state.photoOrigins : []) if (typeof o === 'string') photoOrigins.add(o);
      for (const [k, w] of Object.entries(state.widths ?? {})) if (typeof w === 'number') widths.set(k, w);
    } catch {
      // No state, or unreadable: start from the options.
    } finally {
      loaded = true;
    }
  })();

  function save(event: ExtendableEvent | undefined): void {
    background(
      event,
      (async () => {
        await ready;
        const state: SavedState = { endpoints: [...endpoints], photoOrigins: [...photoOrigins], widths: Object.fromEntries(widths) };
        await (await caches.open(cacheNames.state)).put(STATE_KEY, json(state));
      })(),
    );
  }

  function learnEndpoint(endpoint: string, event: ExtendableEvent | undefined): string | undefined {
    const base = endpointBase(endpoint, scope);
    if (base && !endpoints.has(base)) {
      endpoints.add(base);
      save(event);
    }
    return base;
  }

  function learnOrigins(photo: Photo, event: ExtendableEvent | undefined): void {
    const fresh = imageOrigins(photo).filter((o) => !photoOrigins.has(o));
    if (fresh.length === 0) return;
    for (const o of fresh) photoOrigins.add(o);
    save(event);
  }

  // ------------------------------------------------------------------------------------------
  // Remembered photos: one small JSON entry per endpoint and id, bounded like the images.

  const kept = new Map<string, KeptPhoto>();
  /** Image cache key of every rendition of a kept photo → that photo's key. */
  const renditionOwner = new Map<string, string>();
  const photoExpiration = new CacheExpiration(cacheNames.photos, { maxEntries: maxPhotos, maxAgeSeconds: maxImageAgeSeconds });

  function index(record: KeptPhoto): void {
    const key = photoKey(record.endpoint, record.photo.id);
    kept.set(key, record);
    for (const url of renditions(record.photo)) renditionOwner.set(safeKey(url), key);
  }

  let keptLoaded: Promise<void> | undefined;
  function loadKept(): Promise<void> {
    keptLoaded ??= (async () => {
      const cache = await caches.open(cacheNames.photos);
      for (const request of await cache.keys()) {
        if (!request.url.startsWith(PHOTO_KEY) || kept.has(request.url)) continue;
        try {
          const record = (await (await cache.match(request))?.json()) as KeptPhoto | undefined;
          if (record && typeof record.endpoint === 'string' && isPhoto(record.photo) && typeof record.seenAt === 'number') index(record);
        } catch {
          // A broken entry: skipped (it expires like the others).
        }
      }
    })().catch(() => undefined);
    return keptLoaded;
  }

  async function remember(endpoint: string, photo: Photo): Promise<void> {
    await loadKept();
    const { offline: _offline, ...clean } = photo;
    const record: KeptPhoto = { endpoint, photo: clean, seenAt: Date.now() };
    index(record);
    const key = photoKey(endpoint, photo.id);
    await (await caches.open(cacheNames.photos)).put(key, json(record));
    await photoExpiration.updateTimestamp(key);
    await photoExpiration.expireEntries();
  }

  async function cachedKeys(cacheName: string): Promise<Set<string>> {
    const cache = await caches.open(cacheName);
    return new Set((await cache.keys()).map((r) => r.url));
  }

  /** The kept photos of `endpoint` that are still in the cache and have an image cached, oldest seen first. */
  async function keptWithImages(endpoint: string): Promise<KeptPhoto[]> {
    await loadKept();
    const [photoKeys, imageKeys] = await Promise.all([cachedKeys(cacheNames.photos), cachedKeys(cacheNames.images)]);
    return [...kept.entries()]
      .filter(([key, r]) => r.endpoint === endpoint && photoKeys.has(key) && renditions(r.photo).some((u) => imageKeys.has(safeKey(u))))
      .map(([, r]) => r)
      .sort((a, b) => a.seenAt - b.seenAt);
  }

  // ------------------------------------------------------------------------------------------
  // Network health: picks fetched ahead are served only while the network answers.

  let lastNetwork: { ok: boolean; at: number } | undefined;
  const noteNetwork = (ok: boolean) => (lastNetwork = { ok, at: Date.now() });
  const online = () => self.navigator.onLine !== false && lastNetwork?.ok === true && Date.now() - lastNetwork.at < HEALTHY_FOR_MS;
  const healthPlugin: WorkboxPlugin = {
    fetchDidSucceed: async ({ response }) => {
      noteNetwork(true);
      return response;
    },
    fetchDidFail: async () => {
      noteNetwork(false);
    },
  };

  // ------------------------------------------------------------------------------------------
  // 3. Images.

  const imagePlugins: WorkboxPlugin[] = [
    // A re-signed URL (new X-Goog-Date, X-Goog-Signature) is the same entry.
    { cacheKeyWillBeUsed: async ({ request }) => imageCacheKey(request.url) },
    // Status 0 (opaque: an <img> without crossorigin) and errors are never stored.
    new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: maxImages, maxAgeSeconds: maxImageAgeSeconds, purgeOnQuotaError: true }),
    healthPlugin,
    // Offline, a rendition that is not cached (another width in srcset) falls back to one of the same photo that is.
    { handlerDidError: async ({ request }) => (await siblingRendition(request.url)) ?? undefined },
  ];
  const imageStrategy = new StaleWhileRevalidate({ cacheName: cacheNames.images, plugins: imagePlugins, matchOptions: { ignoreVary: true } });

  async function siblingRendition(url: string): Promise<Response | undefined> {
    await loadKept();
    const record = kept.get(renditionOwner.get(safeKey(url)) ?? '');
    if (!record) return undefined;
    const cache = await caches.open(cacheNames.images);
    for (const u of renditions(record.photo)) {
      const hit = await cache.match(safeKey(u), { ignoreVary: true });
      if (hit) return hit;
    }
    return undefined;
  }

  async function imageCached(photo: Photo): Promise<boolean> {
    const cache = await caches.open(cacheNames.images);
    for (const u of renditions(photo)) if (await cache.match(safeKey(u), { ignoreVary: true })) return true;
    return false;
  }

  /** Caches one image through the image strategy (same plugins), unless it is cached already. */
  async function cacheImage(url: string, event: ExtendableEvent): Promise<boolean> {
    const cache = await caches.open(cacheNames.images);
    if (await cache.match(safeKey(url), { ignoreVary: true })) return true;
    try {
      const [response, done] = imageStrategy.handleAll({ request: new Request(url, { mode: 'cors', credentials: 'same-origin' }), event });
      await response;
      await done;
    } catch {
      return false;
    }
    return (await cache.match(safeKey(url), { ignoreVary: true })) !== undefined;
  }

  const imageRoute: Route = {
    match: ({ request, url }) =>
      request.method === 'GET' &&
      photoOrigins.has(url.origin) &&
      !apiRoute(url, endpoints) &&
      (request.destination === 'image' || renditionOwner.has(safeKey(url.href))),
    handle: ({ request, event }) => run(imageStrategy, { request, event }),
  };

  // ------------------------------------------------------------------------------------------
  // 1. GET / (a pick) and 2. GET /photos.

  const timeout = networkTimeoutSeconds > 0 ? { networkTimeoutSeconds } : {};

  /** After a network answer: remembered, and the next pick fetched ahead. */
  async function afterAnswer(request: Request, photo: Photo, event: ExtendableEvent): Promise<void> {
    const url = new URL(request.url);
    const route = apiRoute(url, endpoints);
    if (!route) return;
    await remember(route.endpoint, photo);
    const params = pickParams(url);
    if (params.seed === undefined) prefetch(route.endpoint, request.url, params.album, [...params.exclude, photo.id], event);
  }

  /**
   * Network first for one of the API's routes. Every answer is read before the
   * page gets it (the page asks for the images next, and the worker must know
   * their origin by then) but never stored: each request is a new pick or a
   * fresh page. When the network fails or times out, `offline` answers from
   * the photos kept.
   */
  function apiStrategy(
    onAnswer: (body: unknown, request: Request, event: ExtendableEvent) => void,
    offline: (url: URL, endpoint: string) => Promise<Response | null>,
    extra: WorkboxPlugin = {},
  ): NetworkFirst {
    return new NetworkFirst({
      cacheName: cacheNames.photos,
      ...timeout,
      plugins: [
        {
          fetchDidSucceed: async ({ request, response, event }) => {
            noteNetwork(true);
            if (response.status === 200) {
              onAnswer(await response.clone().json().catch(() => undefined), request, event);
            }
            return response;
          },
          fetchDidFail: async () => {
            noteNetwork(false);
          },
          cacheWillUpdate: async () => null,
          cachedResponseWillBeUsed: async ({ request }) => {
            const url = new URL(request.url);
            const route = apiRoute(url, endpoints);
            return route ? offline(url, route.endpoint) : null;
          },
          ...extra,
        },
      ],
    });
  }

  const pickStrategy = apiStrategy(
    (photo, request, event) => {
      if (!isPhoto(photo)) return;
      learnOrigins(photo, event);
      background(event, afterAnswer(request, photo, event));
    },
    // Instead of a stored answer, a pick among the kept photos.
    async (url, endpoint) => {
      const photo = offlinePick((await keptWithImages(endpoint)).map((r) => r.photo), pickParams(url));
      return photo ? json(photo, { source: 'offline' }) : null;
    },
    // Nothing kept: a clear error at once, not a hang or a network error.
    { handlerDidError: async ({ request }) => json(offlineError(pickParams(new URL(request.url)).album), { status: 503, source: 'offline' }) },
  );

  const listStrategy = apiStrategy(
    // The list teaches the image origins (its photos are not remembered: they were not seen).
    (list, _request, event) => {
      const photos = (list as { photos?: unknown } | undefined)?.photos;
      if (Array.isArray(photos)) for (const p of photos) if (isPhoto(p)) learnOrigins(p, event);
    },
    async (url, endpoint) => json(offlineList((await keptWithImages(endpoint)).map((r) => r.photo), listParams(url)), { source: 'offline' }),
  );

  // Picks fetched ahead, one per endpoint and album, in the state cache.
  const taking = new Set<string>();
  const prefetching = new Map<string, Promise<void>>();

  /** The pick fetched ahead for this request, consumed; undefined when there is none to serve. */
  async function takeNext(endpoint: string, album: string, exclude: readonly string[]): Promise<Photo | undefined> {
    const key = nextKey(endpoint, album);
    if (!online() || taking.has(key)) return undefined;
    taking.add(key);
    try {
      const cache = await caches.open(cacheNames.state);
      const saved = await cache.match(key);
      if (!saved) return undefined;
      await cache.delete(key);
      const next = (await saved.json()) as Partial<NextPick>;
      if (!isPhoto(next.photo) || typeof next.fetchedAt !== 'number' || Date.now() - next.fetchedAt > prefetchMaxAgeMs) return undefined;
      if (exclude.includes(next.photo.id) || !(await imageCached(next.photo))) return undefined;
      return next.photo;
    } catch {
      return undefined;
    } finally {
      taking.delete(key);
    }
  }

  function saveData(): boolean {
    const connection = (self.navigator as { connection?: { saveData?: boolean } }).connection;
    return connection?.saveData === true;
  }

  /**
   * Fetches one fresh pick (not among the photos seen) and its image, for the next request.
   * `template` is the URL the page asked (or its endpoint): its other parameters are kept.
   */
  function prefetch(endpoint: string, template: string, album: string, exclude: readonly string[], event: ExtendableEvent): void {
    if (!prefetchEnabled || saveData()) return;
    const key = nextKey(endpoint, album);
    if (prefetching.has(key)) return;
    const work = (async () => {
      // One pick ahead is enough: it is replaced once served.
      if (await (await caches.open(cacheNames.state)).match(key)) return;
      await loadKept();
      const seen = [...kept.values()]
        .filter((r) => r.endpoint === endpoint && inAlbum(r.photo.id, album))
        .sort((a, b) => a.seenAt - b.seenAt)
        .map((r) => r.photo.id);
      let response: Response;
      try {
        response = await fetch(pickUrl(template, album, [...seen, ...exclude]), { credentials: 'omit', mode: 'cors', cache: 'no-store' });
        noteNetwork(true);
      } catch {
        noteNetwork(false);
        return;
      }
      if (response.status !== 200) return;
      const photo: unknown = await response.json().catch(() => undefined);
      if (!isPhoto(photo)) return;
      learnOrigins(photo, event);
      if (!(await cacheImage(renditionFor(photo, widths.get(key)), event))) return;
      const next: NextPick = { endpoint, album, photo, fetchedAt: Date.now() };
      await (await caches.open(cacheNames.state)).put(key, json(next));
    })().finally(() => prefetching.delete(key));
    prefetching.set(key, work);
    background(event, work);
  }

  const apiHandler: Route = {
    match: ({ request, url }) => request.method === 'GET' && apiRoute(url, endpoints) !== undefined,
    handle: async ({ request, url, event }) => {
      const route = apiRoute(url, endpoints)!;
      if (route.kind === 'list') return run(listStrategy, { request, event });
      const params = pickParams(url);
      if (prefetchEnabled && params.seed === undefined) {
        const photo = await takeNext(route.endpoint, params.album, params.exclude);
        if (photo) {
          background(event, remember(route.endpoint, photo));
          prefetch(route.endpoint, request.url, params.album, [...params.exclude, photo.id], event);
          return json(photo, { source: 'prefetch' });
        }
      }
      return run(pickStrategy, { request, event });
    },
  };

  // ------------------------------------------------------------------------------------------
  // 4. Pages and 5. photo-frame's own files.

  const pageStrategy = new NetworkFirst({
    cacheName: cacheNames.pages,
    ...timeout,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: maxPages, maxAgeSeconds: maxImageAgeSeconds, purgeOnQuotaError: true }),
      healthPlugin,
    ],
  });
  const scriptStrategy = new StaleWhileRevalidate({
    cacheName: cacheNames.scripts,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: maxImageAgeSeconds, purgeOnQuotaError: true }),
      healthPlugin,
    ],
  });
  const isScriptFile = (url: URL) => scriptFiles.has(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  const SITE_FILES = new Set(['style', 'script', 'font']);

  const scriptRoute: Route = {
    match: ({ request, url }) => request.method === 'GET' && isScriptFile(url),
    handle: ({ request, event }) => run(scriptStrategy, { request, event }),
  };
  const pageRoute: Route = {
    match: ({ request, url }) =>
      request.method === 'GET' &&
      ((request.mode === 'navigate' && request.destination === 'document') ||
        (url.origin === self.location.origin && SITE_FILES.has(request.destination))),
    handle: ({ request, event }) => run(pageStrategy, { request, event }),
  };

  // ------------------------------------------------------------------------------------------
  // Registration, in order of precedence.

  const learned: Route[] = [apiHandler, imageRoute];
  // Before the saved state is read back, what may be the API's (the element fetches with
  // credentials 'omit') or a photo is held until it is, then handled or passed through.
  registerRoute(
    ({ request }) => !loaded && request.method === 'GET' && ((request.destination === '' && request.credentials === 'omit') || request.destination === 'image'),
    async (o) => {
      await ready;
      const route = learned.find((r) => r.match({ ...o, sameOrigin: o.url.origin === self.location.origin }));
      return route ? route.handle(o) : fetch(o.request);
    },
  );
  for (const route of learned) registerRoute(route.match, route.handle);
  registerRoute(scriptRoute.match, scriptRoute.handle);
  if (pagesEnabled) registerRoute(pageRoute.match, pageRoute.handle);

  // ------------------------------------------------------------------------------------------
  // Messages from pages (photo-frame-register.js).

  async function handleMessage(message: PhotoFrameMessage, event: ExtendableMessageEvent): Promise<void> {
    if (message.type === 'photo-frame:settle') return settled();
    if (!learnFromPages) return;
    await ready;
    const endpoint = learnEndpoint(message.endpoint, event);
    if (!endpoint || message.type !== 'photo-frame:photo') return;
    const { photo } = message;
    const album = normalizeAlbum(message.album);
    learnOrigins(photo, event);
    // The image the page shows (a rendition of this photo), else the original.
    const image = message.image && renditionWidth(photo, message.image) !== undefined ? message.image : photo.url;
    const width = renditionWidth(photo, image);
    const key = nextKey(endpoint, album);
    if (width && widths.get(key) !== width) {
      widths.set(key, width);
      save(event);
    }
    await remember(endpoint, photo);
    await cacheImage(image, event);
    // A frame with a seed (a photo of the day) asks for the same photo: nothing to fetch ahead.
    if (!new URL(message.endpoint, scope).searchParams.has('seed')) prefetch(endpoint, new URL(message.endpoint, scope).href, album, [photo.id], event);
  }

  self.addEventListener('message', (event) => {
    if (!isPhotoFrameMessage(event.data)) return;
    // Only this site's pages (clients of this origin) may teach the worker.
    if (event.origin && event.origin !== self.location.origin) return;
    const port = event.ports[0];
    const handled = handleMessage(event.data, event);
    // Tracked (except `settle` itself, which waits for the rest), so that `settle` waits for it.
    if (event.data.type !== 'photo-frame:settle') background(event, handled);
    const reply = handled.then(
      (): MessageReply => ({ ok: true }),
      (error: unknown): MessageReply => ({ ok: false, error: String(error) }),
    );
    event.waitUntil(reply);
    void reply.then((r) => port?.postMessage(r));
  });

  // ------------------------------------------------------------------------------------------
  // Updates: photo-frame caches of other versions go when this version activates.

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        const current = new Set(Object.values(cacheNames));
        const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(images|photos|pages|scripts|state)-v\\d+$`);
        for (const name of await caches.keys()) {
          if (!pattern.test(name) || current.has(name)) continue;
          await caches.delete(name);
          // Its expiration timestamps (IndexedDB) too.
          await new CacheExpiration(name, { maxEntries: 1 }).delete().catch(() => undefined);
        }
      })(),
    );
  });

  return { cacheNames, settled };
}

/** The image cache key of a URL, or the URL itself when it cannot be parsed. */
function safeKey(url: string): string {
  try {
    return imageCacheKey(url);
  } catch {
    return url;
  }
}
