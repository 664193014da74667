/**
 * Keeps one cache within bounds: at most `maxEntries`, none written more than
 * `maxAgeSeconds` ago (and `purge()` empties it, when the device runs out of
 * space). Cache Storage lists a cache's entries in the order they
 * were written (a write replaces an entry and moves it last), so the entries
 * over the count are the first listed; the time of each write is kept in one
 * JSON entry of the state cache. Workbox's ExpirationPlugin does the same with
 * a database of its own in IndexedDB, and a library to reach it that this
 * worker would carry for nothing else.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { jsonResponse } from './json-response.js';
import { overBounds, tooOld, type Bounds } from './over-bounds.js';

export class CacheBounds {
  readonly #cacheName: string;
  readonly #bounds: Bounds;
  readonly #state: { cacheName: string; key: string };
  #writtenAt: Promise<Map<string, number>> | undefined;
  /** Bookkeeping runs one change at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  /** `state`: the cache the times are kept in, and the worker's scope (under which their entry is named). */
  constructor(cacheName: string, bounds: Bounds, state: { cacheName: string; scope: string }) {
    this.#cacheName = cacheName;
    this.#bounds = bounds;
    this.#state = { cacheName: state.cacheName, key: `${new URL('__photo-frame/written', state.scope).href}?${new URLSearchParams({ cache: cacheName })}` };
  }

  /** Notes that `url` was just written, and deletes the entries then over the bounds; resolves with their URLs. */
  written(url: string): Promise<string[]> {
    return this.#serially(async () => {
      const writtenAt = await this.#load();
      writtenAt.set(url, Date.now());
      const cache = await caches.open(this.#cacheName);
      const over = overBounds((await cache.keys()).map((r) => r.url), writtenAt, this.#bounds, Date.now());
      for (const gone of over) {
        await cache.delete(gone);
        writtenAt.delete(gone);
      }
      await this.#save(writtenAt);
      return over;
    });
  }

  /** Bounds every write of a Workbox strategy, and uses no entry past its age. */
  readonly plugin: WorkboxPlugin = {
    // The bookkeeping may fail as the write could (a full device): the next write tries again.
    cacheDidUpdate: async ({ request }) => {
      await this.written(request.url).catch(() => undefined);
    },
    cachedResponseWillBeUsed: async ({ request, cachedResponse }) =>
      cachedResponse && !tooOld((await this.#load()).get(request.url), this.#bounds, Date.now()) ? cachedResponse : null,
  };

  #serially<T>(change: () => Promise<T>): Promise<T> {
    const done = this.#queue.then(change);
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** Deletes the cache and what is known of it. */
  purge(): Promise<void> {
    return this.#serially(async () => {
      await caches.delete(this.#cacheName);
      await this.#save(new Map());
    });
  }

  #load(): Promise<Map<string, number>> {
    this.#writtenAt ??= (async () => {
      try {
        const saved = await (await caches.open(this.#state.cacheName)).match(this.#state.key);
        const entries = saved ? Object.entries((await saved.json()) as Record<string, unknown>) : [];
        return new Map(entries.filter((e): e is [string, number] => typeof e[1] === 'number'));
      } catch {
        return new Map<string, number>();
      }
    })();
    return this.#writtenAt;
  }

  async #save(writtenAt: Map<string, number>): Promise<void> {
    this.#writtenAt = Promise.resolve(writtenAt);
    await (await caches.open(this.#state.cacheName)).put(this.#state.key, jsonResponse(Object.fromEntries(writtenAt)));
  }
}
