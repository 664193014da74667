import { decodeThumbHash } from './decode-thumb-hash.js';

const cache = new Map<string, string | undefined>();

/**
 * The ThumbHash (base64) as a small image URL to paint while the photo loads;
 * undefined when it is not one. Drawn through a canvas rather than thumbhash's
 * own PNG encoder, which would add a kilobyte to the bundle.
 */
export function placeholderUrl(base64: string): string | undefined {
  if (!cache.has(base64)) {
    let url: string | undefined;
    try {
      const { w, h, rgba } = decodeThumbHash(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      canvas.getContext('2d')!.putImageData(new ImageData(rgba, w, h), 0, 0);
      url = canvas.toDataURL();
    } catch {
      url = undefined;
    }
    if (cache.size > 50) cache.clear();
    cache.set(base64, url);
  }
  return cache.get(base64);
}
