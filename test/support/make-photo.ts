import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export interface PhotoSpec {
  width?: number;
  height?: number;
  /** EXIF orientation tag; 6 stores the pixels turned a quarter. */
  orientation?: number;
  description?: string;
  /** EXIF "YYYY:MM:DD HH:MM:SS". */
  dateTimeOriginal?: string;
  offset?: string;
  /** Written beside the photo as `<name>.json`. */
  sidecar?: Record<string, unknown> | string;
  format?: 'jpeg' | 'png' | 'webp';
  colour?: string;
}

/** Writes a small real image (with EXIF when asked) into `dir/name`, creating folders. */
export async function makePhoto(dir: string, name: string, spec: PhotoSpec = {}): Promise<string> {
  const { width = 60, height = 40, format = 'jpeg', colour = '#3a7bd5' } = spec;
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  let image = sharp({ create: { width, height, channels: 3, background: colour } });
  const ifd0: Record<string, string> = {};
  const exifIfd: Record<string, string> = {};
  if (spec.description) ifd0.ImageDescription = spec.description;
  if (spec.dateTimeOriginal) exifIfd.DateTimeOriginal = spec.dateTimeOriginal;
  if (spec.offset) exifIfd.OffsetTimeOriginal = spec.offset;
  if (Object.keys(ifd0).length || Object.keys(exifIfd).length) image = image.withExif({ IFD0: ifd0, IFD2: exifIfd });
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  await image.toFormat(format).toFile(file);
  if (spec.sidecar !== undefined) {
    await fs.writeFile(`${file}.json`, typeof spec.sidecar === 'string' ? spec.sidecar : JSON.stringify(spec.sidecar));
  }
  return file;
}
