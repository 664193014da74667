/**
 * What the worker has learned: the photo APIs it handles, the origins their
 * images come from, and the width of the rendition pages last loaded (what a
 * pick fetched ahead caches). Kept as one JSON entry in the state cache, so
 * that a restarted worker knows them; `ready` resolves once it is read back.
 */
import type { Photo } from '../contract.js';
import type { BackgroundWork, Lifetime } from './background-work.js';
import { jsonResponse } from './json-response.js';
import { apiRoute, endpointBase, imageOrigins, type ApiRoute } from './photo-urls.js';
import { readSavedState, type SavedStateEntry } from './read-saved-state.js';

export class SavedState {
  /** Resolves once the saved entry is read back (or found missing or unreadable). */
  readonly ready: Promise<void>;
  loaded = false;
  readonly #endpoints = new Set<string>();
  readonly #photoOrigins = new Set<string>();
  readonly #widths = new Map<string, number>();
  readonly #cacheName: string;
  readonly #scope: string;
  readonly #key: string;
  readonly #work: BackgroundWork;

  /** `initial`: the endpoints and photo origins of the options, relative to `scope`. */
  constructor(cacheName: string, scope: string, work: BackgroundWork, initial: { endpoints: readonly string[]; photoOrigins: readonly string[] }) {
    this.#cacheName = cacheName;
    this.#scope = scope;
    this.#key = new URL('__photo-frame/state', scope).href;
    this.#work = work;
    for (const e of initial.endpoints) {
      const base = endpointBase(e, scope);
      if (base) this.#endpoints.add(base);
    }
    for (const o of initial.photoOrigins) {
      try {
        this.#photoOrigins.add(new URL(o, scope).origin);
      } catch {
        // Not a URL: ignored.
      }
    }
    this.ready = this.#load();
  }

  /** Which of the known photo APIs `url` asks, and for what. */
  apiRoute(url: URL): ApiRoute | undefined {
    return apiRoute(url, this.#endpoints);
  }

  isPhotoOrigin(origin: string): boolean {
    return this.#photoOrigins.has(origin);
  }

  width(key: string): number | undefined {
    return this.#widths.get(key);
  }

  /** Handles `endpoint` from now on; its base (origin and path), or undefined when it is not an http(s) URL. */
  learnEndpoint(endpoint: string, event?: Lifetime): string | undefined {
    const base = endpointBase(endpoint, this.#scope);
    if (base && !this.#endpoints.has(base)) {
      this.#endpoints.add(base);
      this.#save(event);
    }
    return base;
  }

  /** Handles the images of `photo`'s origins from now on. */
  learnOrigins(photo: Photo, event?: Lifetime): void {
    const fresh = imageOrigins(photo).filter((o) => !this.#photoOrigins.has(o));
    if (fresh.length === 0) return;
    for (const o of fresh) this.#photoOrigins.add(o);
    this.#save(event);
  }

  learnWidth(key: string, width: number, event?: Lifetime): void {
    if (this.#widths.get(key) === width) return;
    this.#widths.set(key, width);
    this.#save(event);
  }

  #save(event: Lifetime | undefined): void {
    this.#work.add(
      event,
      (async () => {
        await this.ready;
        const entry: SavedStateEntry = { endpoints: [...this.#endpoints], photoOrigins: [...this.#photoOrigins], widths: Object.fromEntries(this.#widths) };
        await (await caches.open(this.#cacheName)).put(this.#key, jsonResponse(entry));
      })(),
    );
  }

  async #load(): Promise<void> {
    try {
      const saved = await (await caches.open(this.#cacheName)).match(this.#key);
      const entry = readSavedState(saved ? await saved.json() : undefined);
      for (const e of entry.endpoints) this.#endpoints.add(e);
      for (const o of entry.photoOrigins) this.#photoOrigins.add(o);
      for (const [key, w] of Object.entries(entry.widths)) this.#widths.set(key, w);
    } catch {
      // Unreadable: start from the options.
    } finally {
      this.loaded = true;
    }
  }
}
