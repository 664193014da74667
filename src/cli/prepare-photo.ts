import exifr from 'exifr';
import { mergeDetails } from '../format/stored-details.js';
import { toRecord, type PhotoRecord } from '../format/photo-record.js';
import { inspectPhoto } from './inspect-photo.js';
import { PhotoError } from './photo-error.js';
import { readPhotoMetadata } from './read-photo-metadata.js';
import type { SourcePhoto } from './read-source-photo.js';
import { renderPhoto, type RenderedVariant, type RenderOptions } from './render-photo.js';
import { stripLocation } from './strip-location.js';

export interface PrepareOptions extends RenderOptions {
  /** Publish the original's location tags (GPS, XMP/IPTC places) too. */
  keepLocation?: boolean;
}

const DEFAULTS = { keepLocation: false };

/** Everything to store for one photo. */
export interface PreparedPhoto {
  record: PhotoRecord;
  /** The bytes published under the photo's id. */
  original: Buffer;
  type: string;
  variants: RenderedVariant[];
}

/** A moment as ISO 8601 in this computer's time zone, with its offset: `2024-06-01T18:30:00+02:00`. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/**
 * Reads a photo and makes everything published for it: its record (caption
 * and alt from the sidecar, else the photo's own description; the date the
 * photo was taken, else the file's time; the camera's details unless the
 * sidecar replaces or blanks them; the upright size; a ThumbHash; the
 * variants) and its original without location tags. Throws PhotoError
 * with the reason and the fix when the file cannot be published.
 */
export async function preparePhoto(source: SourcePhoto, options: PrepareOptions = {}): Promise<PreparedPhoto> {
  const { keepLocation, ...render } = { ...DEFAULTS, ...options };
  const { bytes, id, sidecar } = source;
  const { metadata, format, type } = await inspectPhoto(bytes, source.rel);
  const { width, height } = metadata.autoOrient;

  const damaged = (error: unknown): never => {
    throw new PhotoError(`cannot be decoded (${(error as Error).message}): the file is damaged; copy or export it again`);
  };
  const reading = readPhotoMetadata(bytes, metadata.exif);
  const [described, rendering, original] = await Promise.all([
    reading,
    renderPhoto(bytes, width, render).catch(damaged),
    keepLocation ? bytes : reading.then((d) => stripLocation(bytes, { format, metadata, keep: d.keep })).catch(damaged),
  ]);
  if (!keepLocation && (await exifr.gps(original).catch(() => undefined))) {
    throw new Error(`GPS tags survived in ${id}: this is a bug in photo-frame, please report it`);
  }

  const record = toRecord(id, {
    width,
    height,
    caption: sidecar.caption ?? described.caption,
    alt: sidecar.alt ?? described.alt,
    date: sidecar.date ?? described.date ?? localIsoDate(source.mtime),
    ...mergeDetails(described.details, sidecar),
    placeholder: rendering.placeholder,
    variants: rendering.variants.map(({ name, width: w, type: t }) => ({ name, width: w, type: t })),
  });
  if (!record) throw new PhotoError(`cannot be published under the id ${JSON.stringify(id)} (ids are at most 1,024 bytes in UTF-8): shorten its path or the album`);
  return { record, original, type, variants: rendering.variants };
}
