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
  /**
   * More EXIF tags, by libexif's names (as sharp's `withExif` takes them),
   * values as text: `{ IFD0: { Model: 'X100V' }, IFD2: { FNumber: '2/1' } }`;
   * IFD3 is the GPS IFD. See CAMERA_TAGS.
   */
  exif?: { IFD0?: Record<string, string>; IFD2?: Record<string, string>; IFD3?: Record<string, string> };
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
  const ifd0: Record<string, string> = { ...spec.exif?.IFD0 };
  const exifIfd: Record<string, string> = { ...spec.exif?.IFD2 };
  if (spec.description) ifd0.ImageDescription = spec.description;
  if (spec.dateTimeOriginal) exifIfd.DateTimeOriginal = spec.dateTimeOriginal;
  if (spec.offset) exifIfd.OffsetTimeOriginal = spec.offset;
  const gps = spec.exif?.IFD3 ? { IFD3: spec.exif.IFD3 } : {};
  if (Object.keys(ifd0).length || Object.keys(exifIfd).length || spec.exif?.IFD3) image = image.withExif({ IFD0: ifd0, IFD2: exifIfd, ...gps });
  if (spec.orientation) image = image.withMetadata({ orientation: spec.orientation });
  await image.toFormat(format).toFile(file);
  if (spec.sidecar !== undefined) {
    await fs.writeFile(`${file}.json`, typeof spec.sidecar === 'string' ? spec.sidecar : JSON.stringify(spec.sidecar));
  }
  return file;
}

/**
 * What cameras write about a shot, by libexif's names: the details
 * photo-frame publishes, and beside them what it must never publish (serial
 * numbers, the owner's and artist's names, a GPS position).
 */
export const CAMERA_TAGS = {
  /** A fixed-lens compact: no LensModel. Published as "X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160". */
  x100v: {
    IFD0: { Make: 'FUJIFILM', Model: 'X100V', Artist: 'Artist Name-7Q2' },
    IFD2: {
      FocalLength: '23/1', FNumber: '2/1', ExposureTime: '1/500', ISOSpeedRatings: '160',
      BodySerialNumber: 'BODYSERIAL-93F1', CameraOwnerName: 'Owner Name-4K8',
    },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 30/1' },
  },
  /** An interchangeable-lens body whose Model has no maker in front, with its lens's model and serial. */
  a7iii: {
    IFD0: { Make: 'SONY', Model: 'ILCE-7M3' },
    IFD2: {
      LensMake: 'Sony', LensModel: 'FE 24-70mm F2.8 GM', LensSerialNumber: 'LENSSERIAL-2D7C',
      FocalLength: '35/1', FNumber: '8/1', ExposureTime: '2/1', ISOSpeedRatings: '100',
    },
  },
} as const;

/** Strings in CAMERA_TAGS that must appear in nothing published. */
export const NEVER_PUBLISHED = ['BODYSERIAL-93F1', 'LENSSERIAL-2D7C', 'Owner Name-4K8'] as const;
