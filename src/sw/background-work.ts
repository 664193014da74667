/**
 * Work that goes on after a response: cache writes, revalidation, expiration,
 * fetching ahead. Each piece is kept alive by the event that started it, and
 * `settled()` waits for all of it, so that tests and benchmarks (the
 * `photo-frame:settle` message) look at a worker at rest.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

/** What keeps work alive: the fetch or message event that started it, if any. */
export interface Lifetime {
  waitUntil(work: Promise<unknown>): void;
}

export class BackgroundWork {
  readonly #pending = new Set<Promise<unknown>>();

  /** Tracks `work`. Its failure is its own business: here it is only waited for. */
  add(event: Lifetime | undefined, work: Promise<unknown>): void {
    const tracked: Promise<unknown> = work.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    try {
      event?.waitUntil(tracked);
    } catch {
      // The event's lifetime is over: the work still runs while the worker does.
    }
  }

  /** Resolves once the work tracked so far, and any it started meanwhile, is done. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Tracks each run of a Workbox strategy until its last cache write is done. */
  readonly plugin: WorkboxPlugin = {
    handlerWillStart: async ({ event, state }) => {
      this.add(event, new Promise((resolve) => (state!.done = resolve)));
    },
    handlerDidComplete: async ({ state }) => {
      state!.done();
    },
  };
}
