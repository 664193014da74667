import sharp from 'sharp';
import { jpegSegments } from './jpeg-segments.js';
import type { ExifTags } from './read-photo-metadata.js';

export interface ExifSegmentOptions {
  /** The stored (not turned) size of the image the segment goes into: EXIF PixelXDimension/PixelYDimension. */
  width: number;
  height: number;
  /** EXIF orientation, 1 to 8. */
  orientation?: number;
  /** Pixels per inch. */
  density?: number;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/**
 * A new APP1 Exif segment holding only `tags` (and the orientation), written
 * by sharp (libvips/libexif), not by hand: sharp writes it into a JPEG of the
 * photo's size (so the dimensions it records are the photo's), and the
 * segment is taken from there.
 */
export async function exifSegment(tags: ExifTags, options: ExifSegmentOptions): Promise<Buffer> {
  const { width, height, orientation = 1, density = 72 } = options;
  const carrier = await sharp({ create: { width, height, channels: 3, background: '#000' } })
    .withMetadata({ orientation, density })
    .withExif({ IFD0: { ...tags.IFD0 }, IFD2: { ...tags.IFD2 } })
    .jpeg({ quality: 1, optimiseCoding: false }) // streamed: optimised Huffman tables would buffer the whole image
    .toBuffer();
  const segment = jpegSegments(carrier).segments.find((s) => s.marker === 0xe1 && s.payload.subarray(0, 6).equals(EXIF_HEADER));
  if (!segment) throw new Error('sharp wrote no Exif segment');
  return Buffer.from(segment.bytes);
}
