import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Advances a slideshow every `interval` seconds, but only while someone can
 * look at it: paused while the element is off-screen, while the tab is hidden,
 * and while the pointer or keyboard focus is on it (a reader is reading the
 * caption or about to press "next"). The element loads this module only
 * when `interval` is first set (dist/photo-frame-slideshow.js).
 */
export class SlideshowController implements ReactiveController {
  readonly #host: Host;
  readonly #advance: () => Promise<void>;
  #interval = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #observer: IntersectionObserver | undefined;
  #onScreen = false;
  #pointer = false;
  #focus = false;

  constructor(host: Host, advance: () => Promise<void>) {
    this.#host = host;
    this.#advance = advance;
    host.addController(this);
  }

  /** Seconds between photos; 0 stops the slideshow. */
  set interval(seconds: number) {
    const next = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
    if (next !== this.#interval) {
      this.#interval = next;
      this.#schedule();
    }
  }

  get paused(): boolean {
    return document.hidden || !this.#onScreen || this.#pointer || this.#focus;
  }

  hostConnected(): void {
    const host = this.#host;
    // Loaded after the page: the pointer or the focus may be on the frame already.
    this.#pointer = host.matches(':hover');
    this.#focus = host.matches(':focus-within');
    host.addEventListener('pointerenter', this.#onPointer);
    host.addEventListener('pointerleave', this.#onPointer);
    host.addEventListener('focusin', this.#onFocus);
    host.addEventListener('focusout', this.#onFocus);
    document.addEventListener('visibilitychange', this.#onChange);
    this.#observer = new IntersectionObserver((entries) => {
      this.#onScreen = entries.some((e) => e.isIntersecting);
      this.#schedule();
    }, { rootMargin: '200px' });
    this.#observer.observe(host);
  }

  hostDisconnected(): void {
    const host = this.#host;
    host.removeEventListener('pointerenter', this.#onPointer);
    host.removeEventListener('pointerleave', this.#onPointer);
    host.removeEventListener('focusin', this.#onFocus);
    host.removeEventListener('focusout', this.#onFocus);
    document.removeEventListener('visibilitychange', this.#onChange);
    this.#observer?.disconnect();
    this.#onScreen = false;
    clearTimeout(this.#timer);
  }

  #onPointer = (event: Event) => {
    this.#pointer = event.type === 'pointerenter';
    this.#schedule();
  };

  #onFocus = (event: FocusEvent) => {
    // focusout to an element still inside keeps the focus "on" the frame.
    this.#focus = event.type === 'focusin' || this.#host.contains(event.relatedTarget as Node | null) || this.#host.shadowRoot?.contains(event.relatedTarget as Node | null) === true;
    this.#schedule();
  };

  #onChange = () => this.#schedule();

  /** (Re)starts the countdown when running, stops it when paused: a resumed slideshow waits a full interval. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#interval === 0 || this.paused) return;
    this.#timer = setTimeout(async () => {
      this.#timer = undefined;
      await this.#advance();
      if (this.#timer === undefined) this.#schedule();
    }, this.#interval * 1000);
  }
}
