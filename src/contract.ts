/**
 * The photo API's JSON contract: the one shape shared by the Cloud Function
 * (which answers it), the `<photo-frame>` element (which renders it) and the
 * service worker (which caches and, offline, re-creates it).
 *
 * Environment-neutral on purpose (no DOM, no Node): every tsconfig includes it.
 * docs/api.md documents the same shapes; change both together.
 */

/** A smaller rendition of a photo, for `srcset`. */
export interface PhotoVariant {
  /** Absolute URL that loads the variant straight from storage. */
  url: string;
  /** Width in pixels (height follows the photo's ratio). */
  width: number;
  /** MIME type, for example `image/webp`. */
  type: string;
}

/**
 * How the photo was made, as the camera recorded it (or the photographer's
 * sidecar says): never a serial number, an owner's name or a place. Each field
 * is optional, and is read through `photoDetails()` (src/photo-details.ts): a
 * bad one is dropped, never the photo.
 */
export interface PhotoDetails {
  /** The camera's model (EXIF `Model`), e.g. `X100V`: the model alone, as cameras write it, without the maker's name in front. Plain text. */
  camera?: string;
  /** The lens's model (EXIF `LensModel`), e.g. `XF23mmF2 R WR`. Plain text. */
  lens?: string;
  /** Focal length in millimetres, as the lens recorded it (not the 35 mm equivalent), e.g. `23`. */
  focalLength?: number;
  /** The f-number, e.g. `2.8` for ƒ/2.8. */
  aperture?: number;
  /** Exposure time in seconds, e.g. `0.002` for 1/500 s. */
  exposureTime?: number;
  /** ISO sensitivity, a whole number, e.g. `160`. */
  iso?: number;
}

/** One photo, as `GET /` answers it and as `GET /photos` lists it. */
export interface Photo extends PhotoDetails {
  /** Stable identifier: the object's name in the bucket (or file path in the local store). */
  id: string;
  /** Absolute URL that loads the image straight from storage. */
  url: string;
  /** Displayed width in pixels, after EXIF orientation. */
  width: number;
  /** Displayed height in pixels, after EXIF orientation. */
  height: number;
  /** Plain text, never HTML. */
  caption?: string;
  /** Text alternative for readers who cannot see the photo; falls back to `caption`. */
  alt?: string;
  /** When the photo was taken, ISO 8601 (with its offset when the camera recorded one). */
  date?: string;
  /** ThumbHash of the photo, base64, painted while the image loads. */
  placeholder?: string;
  /** Smaller renditions, narrowest first. */
  variants?: PhotoVariant[];
  /**
   * Set only by the service worker when it answers from its cache because the
   * network failed: the element then shows its offline state.
   */
  offline?: boolean;
}

/** `GET /photos`: one page of the catalog. */
export interface PhotoList {
  photos: Photo[];
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  next: string | null;
}

/** Every error code the API answers, with its HTTP status. */
export const ERROR_STATUS = {
  invalid_parameter: 400,
  not_found: 404,
  no_photos: 404,
  method_not_allowed: 405,
  internal: 500,
  storage_unavailable: 503,
  /** Answered by the service worker, not the API: the network failed and no photo is saved on the device. */
  offline: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error answer. */
export interface ApiError {
  error: {
    code: ErrorCode;
    /** A sentence for a person: what went wrong and how to fix it. */
    message: string;
  };
}

/** Query parameters of `GET /`. */
export interface PickQuery {
  /** Folder (object-name prefix) to pick from, without slashes at either end. */
  album?: string;
  /**
   * Ids not to pick, most recent last. When they cover the album a new round
   * begins: only the most recent of the album's is still avoided.
   */
  exclude?: readonly string[];
  /** Same seed and same catalog give the same photo. */
  seed?: string;
}

/**
 * A client's half of the pick rule (the API's half: src/format/pick-unseen.ts):
 * its list of the round's photos once `shown` is on show, `excluded` being what
 * the request that brought it excluded. An answer among those began a new
 * round, so the list starts again from it. At most `limit` ids, most recent last.
 */
export function recentAfter(recent: readonly string[], shown: string, excluded: readonly string[], limit: number): string[] {
  return excluded.includes(shown) ? [shown] : [...recent.filter((id) => id !== shown), shown].slice(-limit);
}

/** Query parameters of `GET /photos`. */
export interface ListQuery {
  album?: string;
  limit?: number;
  cursor?: string;
}

/** Bounds the API enforces (a 400 beyond them); the element stays inside them. */
export const LIMITS = {
  /** Most ids one `exclude` may carry. */
  excludeIds: 100,
  /** Longest id (GCS object names are at most 1,024 bytes). */
  idLength: 1024,
  /** Longest query string, in characters (Node refuses request lines past 16 KB anyway). */
  queryLength: 8192,
  /** Longest `seed`. */
  seedLength: 256,
  /** Default and largest `limit` of `GET /photos`. */
  listDefault: 100,
  listMax: 1000,
} as const;

/** Path of the list endpoint, relative to the API's base URL. */
export const LIST_PATH = 'photos';

const isString = (v: unknown): v is string => typeof v === 'string';
/** An absolute http(s) URL without white space: never `javascript:`, and never more than one `srcset` candidate. */
const isUrl = (v: unknown): v is string => isString(v) && /^https?:\/\/\S+$/i.test(v);
// Number.isFinite does not coerce: a string or null is not a dimension.
const isDimension = (v: unknown): v is number => Number.isFinite(v) && (v as number) >= 0;

/**
 * Checks an untrusted value (an API answer, a cached body) against the
 * contract. The element and the worker call it before trusting a response.
 * Written compactly on purpose: the element's bundle carries it. The
 * photographer's details are left to `photoDetails()` (src/photo-details.ts),
 * which drops a bad one rather than the photo.
 */
export function isPhoto(value: unknown): value is Photo {
  const p = value as Record<string, unknown> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    isString(p.id) &&
    isUrl(p.url) &&
    isDimension(p.width) &&
    isDimension(p.height) &&
    ['caption', 'alt', 'date', 'placeholder'].every((key) => p[key] === undefined || isString(p[key])) &&
    (p.offline === undefined || typeof p.offline === 'boolean') &&
    (p.variants === undefined ||
      (Array.isArray(p.variants) &&
        p.variants.every((v: Partial<Record<keyof PhotoVariant, unknown>> | null) => isUrl(v?.url) && isDimension(v?.width) && isString(v?.type))))
  );
}

/** Checks an untrusted value against the list answer's shape. */
export function isPhotoList(value: unknown): value is PhotoList {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Record<string, unknown>;
  return Array.isArray(l.photos) && l.photos.every(isPhoto) && (l.next === null || isString(l.next));
}

/**
 * Checks an untrusted value against the error answer's shape. Any code is
 * accepted: a newer API may add codes, and its message still says what to do.
 */
export function isApiError(value: unknown): value is ApiError {
  const e = (value as { error?: Record<string, unknown> } | null)?.error;
  return isString(e?.code) && isString(e?.message);
}
