import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { imageType } from '../format/image-type.js';
import { PhotoError } from './photo-error.js';
import type { ImageFormat } from './strip-location.js';

/** What a photo file is, read from its header only. */
export interface Inspection {
  metadata: Metadata;
  format: ImageFormat;
  /** The MIME type it is published with. */
  type: string;
}

const FORMAT_BY_EXTENSION: Record<string, ImageFormat> = {
  '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.webp': 'webp', '.avif': 'avif', '.gif': 'gif',
};
const EXTENSION_BY_FORMAT: Record<string, string> = { jpeg: '.jpg', png: '.png', webp: '.webp', avif: '.avif', gif: '.gif' };

/** What the bytes really are, in the terms of FORMAT_BY_EXTENSION (AVIF is HEIF with AV1 inside). */
function actualFormat(metadata: Metadata): string {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : 'heic';
  return metadata.format;
}

/**
 * Checks that a file is an image of the format its name says, from its
 * header (cheap: the pixels are not decoded). Throws PhotoError with the
 * reason and the fix: empty, not an image, a format under another name, a
 * format photo-frame does not publish. With `decode`, the pixels are decoded
 * too (small), which finds a damaged file.
 */
export async function inspectPhoto(bytes: Buffer, name: string, options: { decode?: boolean } = {}): Promise<Inspection> {
  const extension = path.extname(name).toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension];
  const type = imageType(name);
  if (!format || !type) throw new PhotoError(`not a photo photo-frame publishes (${extension || 'no extension'})`);
  if (bytes.length === 0) throw new PhotoError('is empty (0 bytes): copy the photo again');
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new PhotoError(`is not an image that can be read (${(error as Error).message}): export it again, or move it out of the folder`);
  }
  const actual = actualFormat(metadata);
  if (actual !== format) {
    const rename = EXTENSION_BY_FORMAT[actual];
    throw new PhotoError(
      rename
        ? `is a ${actual.toUpperCase()} image named ${extension}: rename it to ${path.basename(name, path.extname(name))}${rename}`
        : `is a ${actual.toUpperCase()} image, a format photo-frame does not publish: export it as JPEG`,
    );
  }
  if (options.decode) {
    // A small decode still reads every byte of the image data (JPEG decodes at 1/8 scale): a damaged file shows.
    await sharp(bytes).resize(64, 64, { fit: 'inside' }).raw().toBuffer().catch((error: unknown) => {
      throw new PhotoError(`cannot be decoded (${(error as Error).message}): the file is damaged; copy or export it again`);
    });
  }
  return { metadata, format, type };
}
