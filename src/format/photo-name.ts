import { imageType } from './image-type.js';

/**
 * Objects under this prefix belong to photo-frame itself (the manifest, the
 * variants, a published folder's metadata) and are never photos.
 */
export const RESERVED_PREFIX = '_photo-frame/';

/** True for names that may be picked: images outside the reserved prefix. */
export function isPhotoName(name: string): boolean {
  return !name.startsWith(RESERVED_PREFIX) && imageType(name) !== undefined;
}
