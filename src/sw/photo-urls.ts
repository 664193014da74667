/**
 * URL rules of the service worker, as pure functions (no worker globals), so
 * that Node tests can check them: which requests are the photo API's, and the
 * cache key of a photo's image.
 */
import { LIMITS, LIST_PATH, type Photo } from '../contract.js';
import { normalizeAlbum } from '../format/normalize-album.js';

/**
 * The photo API's base, as the worker compares it: origin and path, without
 * query or hash (`https://REGION-PROJECT.cloudfunctions.net/photo`,
 * `http://localhost:8080/`). Undefined when `endpoint` is not an http(s) URL.
 */
export function endpointBase(endpoint: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin + url.pathname;
}

export type ApiRoute = { endpoint: string; kind: 'pick' | 'list' };

/**
 * Whether `url` is a request to one of the endpoints: `GET /` (`pick`: the
 * endpoint itself, with or without a trailing slash) or `GET /photos`
 * (`list`: `photos` under the endpoint).
 */
export function apiRoute(url: URL, endpoints: Iterable<string>): ApiRoute | undefined {
  const path = url.origin + url.pathname;
  for (const endpoint of endpoints) {
    const slash = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
    if (path === endpoint || path === slash || path === slash.slice(0, -1)) return { endpoint, kind: 'pick' };
    if (path === slash + LIST_PATH) return { endpoint, kind: 'list' };
  }
  return undefined;
}

/**
 * The cache key of an image: its URL without the V4 signature's query
 * parameters (`X-Goog-Algorithm`, `-Credential`, `-Date`, `-Expires`,
 * `-SignedHeaders`, `-Signature`, any case), so that the same photo signed
 * again is the same entry. Every other parameter is kept.
 */
export function imageCacheKey(url: string | URL): string {
  const u = new URL(url);
  u.hash = '';
  if (!u.search) return u.href;
  const kept = new URLSearchParams();
  let signed = false;
  u.searchParams.forEach((value, name) => {
    if (name.toLowerCase().startsWith('x-goog-')) signed = true;
    else kept.append(name, value);
  });
  if (signed) u.search = kept.toString();
  return u.href;
}

/** `imageCacheKey(url)`, or `url` itself when it cannot be parsed. */
export function safeImageKey(url: string): string {
  try {
    return imageCacheKey(url);
  } catch {
    return url;
  }
}

/** Every URL a photo's image can be loaded from: the original and its variants. */
export function renditions(photo: Photo): string[] {
  return [photo.url, ...(photo.variants ?? []).map((v) => v.url)];
}

/** The origins a photo's images come from. */
export function imageOrigins(photo: Photo): string[] {
  const origins = new Set<string>();
  for (const url of renditions(photo)) {
    try {
      const u = new URL(url);
      if (u.protocol === 'https:' || u.protocol === 'http:') origins.add(u.origin);
    } catch {
      // Not a URL: nothing to learn.
    }
  }
  return [...origins];
}

/**
 * The rendition to cache ahead of time: the narrowest at least `width` pixels
 * wide (what the page loaded last time), else the widest; the original when
 * `width` is unknown or the photo has no variants.
 */
export function renditionFor(photo: Photo, width: number | undefined): string {
  if (!width || !photo.variants?.length) return photo.url;
  const all = [...photo.variants.map((v) => ({ url: v.url, width: v.width })), { url: photo.url, width: photo.width }].sort((a, b) => a.width - b.width);
  return (all.find((r) => r.width >= width) ?? all.at(-1)!).url;
}

/** The width of the rendition `url` of `photo` (compared by cache key), or undefined. */
export function renditionWidth(photo: Photo, url: string): number | undefined {
  const key = imageCacheKey(url);
  if (imageCacheKey(photo.url) === key) return photo.width;
  return photo.variants?.find((v) => imageCacheKey(v.url) === key)?.width;
}

/** `GET /`'s parameters as the worker needs them. */
export interface PickParams {
  album: string;
  exclude: string[];
  seed: string | undefined;
}

/** Albums as the API and upload read them: one rule, in the shared format. */
export { normalizeAlbum };

export function pickParams(url: URL): PickParams {
  return {
    album: normalizeAlbum(url.searchParams.get('album')),
    exclude: (url.searchParams.get('exclude') ?? '').split(',').filter(Boolean),
    seed: url.searchParams.get('seed') ?? undefined,
  };
}

/** `GET /photos`'s parameters as the worker needs them. */
export interface ListParams {
  album: string;
  limit: number;
  cursor: string | undefined;
}

export function listParams(url: URL): ListParams {
  const limit = Number(url.searchParams.get('limit') ?? LIMITS.listDefault);
  return {
    album: normalizeAlbum(url.searchParams.get('album')),
    limit: Number.isInteger(limit) && limit >= 1 ? Math.min(limit, LIMITS.listMax) : LIMITS.listDefault,
    cursor: url.searchParams.get('cursor') ?? undefined,
  };
}

/**
 * The URL of a pick for `album`, excluding `exclude` (the most recent last; at
 * most LIMITS.excludeIds kept), made from `template`: the endpoint, or a request
 * the page made, whose other parameters (an API key, say) are kept.
 */
export function pickUrl(template: string, album: string, exclude: readonly string[]): string {
  const url = new URL(template);
  url.hash = '';
  url.searchParams.delete('album');
  url.searchParams.delete('exclude');
  if (album) url.searchParams.set('album', album);
  // Each id once, where it was seen last.
  const ids = [...new Set([...exclude].reverse())].reverse().filter((id) => !id.includes(',') && id.length <= LIMITS.idLength).slice(-LIMITS.excludeIds);
  if (ids.length > 0) url.searchParams.set('exclude', ids.join(','));
  return url.href;
}
