import type { Photo } from '../contract.js';

/** Fired when a new photo is shown. */
export class PhotoChangeEvent extends Event {
  static readonly eventName = 'photo-change';
  constructor(readonly photo: Photo) {
    super(PhotoChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when a photo cannot be fetched or its image cannot be loaded. */
export class PhotoErrorEvent extends Event {
  static readonly eventName = 'photo-error';
  constructor(readonly error: PhotoFrameError) {
    super(PhotoErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * What went wrong: an API error code (`storage_unavailable`, `no_photos`, …),
 * `network` (the API could not be reached), `offline` (the browser is offline
 * and nothing is cached), `invalid_response` or `image` (the photo's image failed).
 * `retryAfter` is set when trying again may help (the API was unreachable or
 * answered 429 or 5xx): the seconds its `Retry-After` asked for, or 0.
 */
export class PhotoFrameError extends Error {
  override name = 'PhotoFrameError';
  constructor(readonly code: string, message: string, options?: ErrorOptions, readonly retryAfter?: number) {
    super(message, options);
  }
}

declare global {
  interface HTMLElementEventMap {
    'photo-change': PhotoChangeEvent;
    'photo-error': PhotoErrorEvent;
  }
}
