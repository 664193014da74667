import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Tells the host when it first comes near the viewport, so that a photo below
 * the fold is only fetched when it is about to be seen.
 */
export class NearViewportController implements ReactiveController {
  readonly #host: Host;
  readonly #onNear: () => void;
  #observer: IntersectionObserver | undefined;

  constructor(host: Host, onNear: () => void) {
    this.#host = host;
    this.#onNear = onNear;
    host.addController(this);
  }

  hostConnected(): void {
    // The margin starts the fetch a little before the photo scrolls into view.
    this.#observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.#observer?.disconnect();
      this.#onNear();
    }, { rootMargin: '200px' });
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }
}
