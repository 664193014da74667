import { thumbHashToDataURL } from 'thumbhash';

const cache = new Map<string, string | undefined>();

/**
 * The ThumbHash (base64) as a small PNG data URL to paint while the photo
 * loads; undefined when it is not one. The element loads this module with its
 * first photo (dist/photo-frame-placeholder.js).
 */
export function placeholderUrl(base64: string): string | undefined {
  if (!cache.has(base64)) {
    let url: string | undefined;
    try {
      url = thumbHashToDataURL(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    } catch {
      url = undefined;
    }
    if (cache.size > 50) cache.clear();
    cache.set(base64, url);
  }
  return cache.get(base64);
}
