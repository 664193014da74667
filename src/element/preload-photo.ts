import type { Photo } from '../contract.js';
import { PhotoFrameError } from './photo-events.js';

/** Loads and decodes the image before it is shown, so a failure never replaces a photo with a broken image. */
export async function preloadPhoto(photo: Photo, sizes: string): Promise<void> {
  const img = new Image();
  // The same request the rendered <img> makes, so it is served from memory.
  img.crossOrigin = 'anonymous';
  const srcset = srcsetOf(photo);
  if (srcset) {
    img.sizes = sizes;
    img.srcset = srcset;
  }
  img.src = photo.url;
  try {
    await img.decode();
  } catch (error) {
    throw new PhotoFrameError('image', 'The photo\'s image could not be loaded', { cause: error });
  }
}

/** The variants and the original as `srcset` candidates, or undefined without variants. */
export function srcsetOf(photo: Photo): string | undefined {
  if (!photo.variants?.length) return undefined;
  return [...photo.variants.map((v) => `${v.url} ${v.width}w`), `${photo.url} ${photo.width}w`].join(', ');
}
