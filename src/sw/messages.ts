/**
 * What a page tells the photo-frame service worker, through `postMessage`
 * (workbox-window's `messageSW`). Environment-neutral: the worker
 * (register-photo-frame-routes.ts) and the page (register/photo-frame-register.ts)
 * both import it. Every message is answered on its port with a `MessageReply`
 * once the worker is done with it.
 */
import { isPhoto, type Photo } from '../contract.js';

/**
 * "This page has a `<photo-frame>` with this endpoint": the worker starts
 * handling that photo API (and remembers it across restarts).
 */
export interface EndpointMessage {
  type: 'photo-frame:endpoint';
  endpoint: string;
  album?: string;
}

/**
 * "This photo is on show": the worker remembers it (for offline answers),
 * learns its image origins and caches the image the page loaded (`image`, the
 * `<img>`'s `currentSrc`; else the photo's `url`). This is how the photo of a
 * first visit, loaded before the worker controlled the page, is cached too.
 */
export interface PhotoMessage {
  type: 'photo-frame:photo';
  endpoint: string;
  album?: string;
  photo: Photo;
  image?: string;
}

/** "Answer once your background work (caching, prefetching, expiring) is done": for tests and benchmarks. */
export interface SettleMessage {
  type: 'photo-frame:settle';
}

export type PhotoFrameMessage = EndpointMessage | PhotoMessage | SettleMessage;

export interface MessageReply {
  ok: boolean;
  error?: string;
}

const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** Checks an untrusted message (anything a page may post) against the shapes above. */
export function isPhotoFrameMessage(value: unknown): value is PhotoFrameMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'photo-frame:endpoint':
      return typeof m.endpoint === 'string' && isOptionalString(m.album);
    case 'photo-frame:photo':
      return typeof m.endpoint === 'string' && isOptionalString(m.album) && isPhoto(m.photo) && isOptionalString(m.image);
    case 'photo-frame:settle':
      return true;
    default:
      return false;
  }
}
