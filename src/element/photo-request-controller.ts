import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Photo } from '../contract.js';
import { fetchPhoto } from './fetch-photo.js';
import { PhotoChangeEvent, PhotoErrorEvent, PhotoFrameError } from './photo-events.js';
import { preloadPhoto } from './preload-photo.js';
import { RECENT_LIMIT, RecentPhotos } from './recent-photos.js';

export type PhotoFrameState = 'loading' | 'ready' | 'error' | 'offline';

/**
 * How long the first photo may take before the frame says it is still on its
 * way. It keeps waiting: a photo API starting from cold answers late, not
 * never, and the platform ends a request that hangs (504, then retried).
 */
const PATIENCE_MS = 4000;

/**
 * Seconds before each new attempt at the first photo after a failure that may
 * pass (unreachable, 429, 5xx), or longer if the API's `Retry-After` says so;
 * then the frame shows the error and "Try again".
 */
const RETRY_DELAYS = [1, 2, 4];

/** The longest `Retry-After` the frame honours, in seconds: a reader will not wait longer. */
const MAX_RETRY_AFTER = 30;

/** What the requests read from the element (its attributes) and write to it (its `state`). */
export interface PhotoRequestHost extends ReactiveControllerHost, HTMLElement {
  readonly endpoint: string;
  readonly album: string;
  readonly sizes: string;
  state: PhotoFrameState;
}

/**
 * The frame's photo and the requests for it: one at a time (a new one
 * abandons the last), the photos seen sent as `exclude`, each photo decoded
 * before it is shown, and a failure kept as the frame's error.
 */
export class PhotoRequestController implements ReactiveController {
  // Its state is written here only; the element holds it as Readonly<PhotoRequestController>.
  readonly #host: PhotoRequestHost;
  readonly #recent = new RecentPhotos();
  /** The photo shown, or undefined before the first one. */
  photo: Photo | undefined;
  /** The first photo while its image loads: its placeholder and ratio are shown. */
  pending: Photo | undefined;
  /** Why the frame shows no (new) photo, while it is in the error or offline state. */
  error: PhotoFrameError | undefined;
  /** The `sizes` the shown photo's image was chosen for. */
  sizes = '';
  /** The photos shown, oldest first, for the full-size view to step back through; a new array each time. */
  shown: readonly Photo[] = [];
  #request: AbortController | undefined;
  /** Whether a photo was asked for yet (the frame came near the viewport, or `next()` was called). */
  started = false;
  /** The first photo is taking longer than the frame's patience, or is being asked for again after a failure. */
  slow = false;
  readonly #prepareStatus: () => Promise<void>;

  /**
   * `prepareStatus` loads what the frame's status region needs to say that a
   * photo is slow, failed or comes from the offline cache; the frame enters
   * those states once it has resolved.
   */
  constructor(host: PhotoRequestHost, prepareStatus: () => Promise<void>) {
    this.#host = host;
    this.#prepareStatus = prepareStatus;
    host.addController(this);
  }

  /** Asks for the first photo, once. */
  start(): void {
    if (!this.started) void this.load();
  }

  hostDisconnected(): void {
    this.#request?.abort();
  }

  /** Asks for another photo; resolves once it is shown or has failed. */
  async load(): Promise<void> {
    this.started = true;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const host = this.#host;
    if (!this.photo) {
      host.state = 'loading';
      // Only the first photo shows a placeholder: its decoder (photo-frame-placeholder.js) loads alongside.
      import('./placeholder-url.js').catch(() => undefined);
      setTimeout(() => void this.#markSlow(request), PATIENCE_MS);
    }
    try {
      // The photo on show goes last (another frame may have shown one since): the newest exclusion is never picked.
      if (this.photo) this.#recent.add(this.photo.id);
      const exclude = this.#recent.list();
      const photo = await this.#fetch(exclude, request);
      if (request.signal.aborted) return;
      const sizes = host.sizes || `${Math.max(1, Math.round(host.getBoundingClientRect().width))}px`;
      if (!this.photo) {
        this.pending = photo;
        host.requestUpdate();
      }
      await preloadPhoto(photo, sizes);
      if (photo.offline) await this.#prepareStatus();
      if (request.signal.aborted) return;
      this.sizes = sizes;
      this.pending = undefined;
      this.error = undefined;
      this.photo = photo;
      host.requestUpdate();
      this.#recent.add(photo.id, exclude);
      this.shown = [...this.shown, photo].slice(-RECENT_LIMIT);
      host.state = photo.offline ? 'offline' : 'ready';
      host.dispatchEvent(new PhotoChangeEvent(photo));
    } catch (caught) {
      if (request.signal.aborted) return;
      const error = caught instanceof PhotoFrameError ? caught : new PhotoFrameError('network', 'The photo could not be loaded', { cause: caught });
      await this.#prepareStatus();
      if (request.signal.aborted) return;
      this.pending = undefined;
      host.requestUpdate();
      // A failed image keeps the previous photo on show; other failures say so.
      if (!(error.code === 'image' && this.photo)) {
        this.error = error;
        host.state = error.code === 'offline' ? 'offline' : 'error';
      }
      host.dispatchEvent(new PhotoErrorEvent(error));
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.slow = false;
      }
    }
  }

  /** Asks the API for a photo; while the frame has none to show, tries again after failures that may pass. */
  async #fetch(exclude: readonly string[], request: AbortController): Promise<Photo> {
    const { signal } = request;
    const host = this.#host;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchPhoto(host.endpoint, { album: host.album, exclude, signal });
      } catch (error) {
        const retryAfter = (error as Partial<PhotoFrameError>).retryAfter;
        const delay = RETRY_DELAYS[attempt];
        if (delay === undefined || retryAfter === undefined || this.photo || signal.aborted) throw error;
        await this.#markSlow(request);
        await new Promise((resolve) => setTimeout(resolve, 1000 * Math.max(delay, Math.min(retryAfter, MAX_RETRY_AFTER))));
      }
    }
  }

  /** Says that the photo asked for by `request` is slow, while that request is still under way. */
  async #markSlow(request: AbortController): Promise<void> {
    // A photo that came within the patience needs no status message, nor its file.
    if (this.#request !== request) return;
    await this.#prepareStatus();
    if (this.#request !== request || this.slow) return;
    this.slow = true;
    this.#host.requestUpdate();
  }
}
