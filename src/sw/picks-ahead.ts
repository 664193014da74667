/**
 * Fetching ahead: while the network answers, one fresh pick per endpoint and
 * album (a photo not among those seen) is fetched with its image and kept in
 * the state cache, and the next request for that endpoint and album is
 * answered with it at once: a repeat visit waits for no network.
 */
import { isPhoto, type Photo } from '../contract.js';
import type { BackgroundWork } from './background-work.js';
import { jsonResponse } from './json-response.js';
import type { NetworkHealth } from './network-health.js';
import { inAlbum } from '../format/normalize-album.js';
import { pickUrl, renditionFor } from './photo-urls.js';
import type { PhotoImages } from './photo-images.js';
import type { RememberedPhotos } from './remembered-photos.js';
import type { SavedState } from './saved-state.js';

interface NextPick {
  endpoint: string;
  album: string;
  photo: Photo;
  fetchedAt: number;
}

export interface PicksAheadParts {
  saved: SavedState;
  remembered: RememberedPhotos;
  images: PhotoImages;
  health: NetworkHealth;
  work: BackgroundWork;
}

export class PicksAhead {
  readonly enabled: boolean;
  /** Keys of the picks being taken, and of those being fetched (with the work). */
  readonly #taking = new Set<string>();
  readonly #fetching = new Map<string, Promise<void>>();
  readonly #cacheName: string;
  readonly #keyBase: string;
  readonly #maxAgeMs: number;
  readonly #parts: PicksAheadParts;

  constructor(cacheName: string, scope: string, settings: { prefetch: boolean; prefetchMaxAgeSeconds: number }, parts: PicksAheadParts) {
    this.enabled = settings.prefetch;
    this.#cacheName = cacheName;
    this.#keyBase = new URL('__photo-frame/next', scope).href;
    this.#maxAgeMs = settings.prefetchMaxAgeSeconds * 1000;
    this.#parts = parts;
  }

  /** The pick fetched ahead for this endpoint and album, taken (it is served once); undefined when there is none to serve. */
  async take(endpoint: string, album: string, exclude: readonly string[]): Promise<Photo | undefined> {
    const key = this.#key(endpoint, album);
    if (!this.enabled || !this.#parts.health.healthy || this.#taking.has(key)) return undefined;
    this.#taking.add(key);
    try {
      const cache = await caches.open(this.#cacheName);
      const saved = await cache.match(key);
      if (!saved) return undefined;
      await cache.delete(key);
      const next = (await saved.json()) as Partial<NextPick>;
      if (!isPhoto(next.photo) || typeof next.fetchedAt !== 'number' || Date.now() - next.fetchedAt > this.#maxAgeMs) return undefined;
      if (exclude.includes(next.photo.id) || !(await this.#parts.images.hasImage(next.photo))) return undefined;
      return next.photo;
    } catch {
      return undefined;
    } finally {
      this.#taking.delete(key);
    }
  }

  /**
   * Fetches one fresh pick (none of the photos seen, nor `exclude`) and its
   * image, unless one is kept already. `template` is the URL the page asked
   * (or its endpoint): its other parameters are kept.
   */
  fetchAhead(endpoint: string, template: string, album: string, exclude: readonly string[], event: ExtendableEvent): void {
    if (!this.enabled || saveData()) return;
    const key = this.#key(endpoint, album);
    if (this.#fetching.has(key)) return;
    const work = this.#fetch(key, endpoint, template, album, exclude, event).finally(() => this.#fetching.delete(key));
    this.#fetching.set(key, work);
    this.#parts.work.add(event, work);
  }

  /** Notes the width of the image a page loaded for this endpoint and album: the rendition the next pick caches. */
  noteWidth(endpoint: string, album: string, width: number, event: ExtendableEvent): void {
    this.#parts.saved.learnWidth(this.#key(endpoint, album), width, event);
  }

  async #fetch(key: string, endpoint: string, template: string, album: string, exclude: readonly string[], event: ExtendableEvent): Promise<void> {
    const { saved, remembered, images, health } = this.#parts;
    if (await (await caches.open(this.#cacheName)).match(key)) return;
    const seen = (await remembered.seen(endpoint)).filter((p) => inAlbum(p.id, album)).map((p) => p.id);
    let response: Response;
    try {
      response = await fetch(pickUrl(template, album, [...seen, ...exclude]), { credentials: 'omit', mode: 'cors', cache: 'no-store' });
      health.note(true);
    } catch {
      health.note(false);
      return;
    }
    if (response.status !== 200) return;
    const photo: unknown = await response.json().catch(() => undefined);
    if (!isPhoto(photo)) return;
    saved.learnOrigins(photo, event);
    if (!(await images.cache(renditionFor(photo, saved.width(key)), event))) return;
    const next: NextPick = { endpoint, album, photo, fetchedAt: Date.now() };
    await (await caches.open(this.#cacheName)).put(key, jsonResponse(next));
  }

  #key(endpoint: string, album: string): string {
    return `${this.#keyBase}?${new URLSearchParams({ endpoint, album })}`;
  }
}

/** Whether the reader asked the browser to save data: then nothing is fetched ahead. */
function saveData(): boolean {
  return (navigator as { connection?: { saveData?: boolean } }).connection?.saveData === true;
}
