import type { Sharp } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';

/** ThumbHash works on at most 100×100 pixels. */
const MAX_SIDE = 100;

/** The ThumbHash of an (upright) image, base64, as the API's `placeholder`. */
export async function makePlaceholder(image: Sharp): Promise<string> {
  const { data, info } = await image
    .resize(MAX_SIDE, MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}
