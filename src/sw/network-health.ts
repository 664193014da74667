/**
 * Whether the network answers the worker: a pick fetched ahead is served only
 * while it does, so that a reader whose network just went gets the offline
 * answers (and the frame's offline state) rather than a photo that hides it.
 */
import type { WorkboxPlugin } from 'workbox-core/types.js';

/** How recent a successful fetch must be for the network to count as healthy. */
export const HEALTHY_FOR_MS = 60_000;

export class NetworkHealth {
  #last: { ok: boolean; at: number } | undefined;
  readonly #browserOnline: () => boolean;

  /** `browserOnline`: what the browser believes (`navigator.onLine`); a fetch must also have succeeded lately. */
  constructor(browserOnline: () => boolean) {
    this.#browserOnline = browserOnline;
  }

  /** Notes the outcome of a fetch. */
  note(ok: boolean): void {
    this.#last = { ok, at: Date.now() };
  }

  get healthy(): boolean {
    return this.#browserOnline() && this.#last?.ok === true && Date.now() - this.#last.at < HEALTHY_FOR_MS;
  }

  /** Notes every fetch a Workbox strategy makes. */
  readonly plugin: WorkboxPlugin = {
    fetchDidSucceed: async ({ response }) => {
      this.note(true);
      return response;
    },
    fetchDidFail: async () => {
      this.note(false);
    },
  };
}
