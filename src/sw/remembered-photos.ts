/**
 * The photos the worker has seen answered or shown, which the offline answers
 * pick from: one small JSON entry per endpoint and id in the photos cache,
 * bounded in number and age like the images, and held in memory once read
 * (indexed by the image URLs of each photo too, to find a photo from its image).
 */
import { isPhoto, type Photo } from '../contract.js';
import type { CacheBounds } from './cache-bounds.js';
import { jsonResponse } from './json-response.js';
import { renditions, safeImageKey } from './photo-urls.js';

interface KeptPhoto {
  endpoint: string;
  photo: Photo;
  seenAt: number;
}

export class RememberedPhotos {
  /** Entry key → what it holds. */
  readonly #kept = new Map<string, KeptPhoto>();
  /** Image cache key of every rendition of a kept photo → that photo's entry key. */
  readonly #owners = new Map<string, string>();
  #loaded: Promise<void> | undefined;
  readonly #cacheName: string;
  readonly #keyBase: string;
  readonly #bounds: CacheBounds;

  constructor(cacheName: string, scope: string, bounds: CacheBounds) {
    this.#cacheName = cacheName;
    this.#keyBase = new URL('__photo-frame/photo', scope).href;
    this.#bounds = bounds;
  }

  async remember(endpoint: string, photo: Photo): Promise<void> {
    await this.#load();
    const { offline: _offline, ...clean } = photo;
    const record: KeptPhoto = { endpoint, photo: clean, seenAt: Date.now() };
    const key = this.#index(record);
    await (await caches.open(this.#cacheName)).put(key, jsonResponse(record));
    for (const gone of await this.#bounds.written(key)) this.#kept.delete(gone);
  }

  /** The photos of `endpoint` kept, the one seen longest ago first. */
  async seen(endpoint: string): Promise<Photo[]> {
    await this.#load();
    return [...this.#kept.values()]
      .filter((r) => r.endpoint === endpoint)
      .sort((a, b) => a.seenAt - b.seenAt)
      .map((r) => r.photo);
  }

  /** Whether `url` is an image of a photo indexed so far (answers at once: a route's match cannot wait). */
  isImageOfKept(url: string): boolean {
    return this.#owners.has(safeImageKey(url));
  }

  /** The kept photo that `url` is an image of. */
  async photoOf(url: string): Promise<Photo | undefined> {
    await this.#load();
    return this.#kept.get(this.#owners.get(safeImageKey(url)) ?? '')?.photo;
  }

  #index(record: KeptPhoto): string {
    const key = `${this.#keyBase}?${new URLSearchParams({ endpoint: record.endpoint, id: record.photo.id })}`;
    this.#kept.set(key, record);
    for (const url of renditions(record.photo)) this.#owners.set(safeImageKey(url), key);
    return key;
  }

  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      const cache = await caches.open(this.#cacheName);
      for (const request of await cache.keys()) {
        if (!request.url.startsWith(this.#keyBase) || this.#kept.has(request.url)) continue;
        try {
          const record = (await (await cache.match(request))?.json()) as KeptPhoto | undefined;
          if (record && typeof record.endpoint === 'string' && isPhoto(record.photo) && typeof record.seenAt === 'number') this.#index(record);
        } catch {
          // A broken entry: skipped (it expires like the others).
        }
      }
    })().catch(() => undefined);
    return this.#loaded;
  }
}
