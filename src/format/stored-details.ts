/**
 * The photographer's details (camera, lens, focal length, aperture, exposure
 * time, ISO) as they are read from a photo's EXIF, overridden by its sidecar
 * and stored in the manifest and the objects' metadata. What a detail may be
 * is the contract's rule (`photoDetails`, src/photo-details.ts); this module turns stored text into
 * values and applies it.
 */
import type { PhotoDetails } from '../contract.js';
import { DETAIL_FIELDS, photoDetails } from '../photo-details.js';

/**
 * exifr's names of the only EXIF tags the details are read from: never a
 * serial number (body or lens), an owner's or artist's name, or a place.
 */
export const DETAIL_TAGS = ['Model', 'LensModel', 'FocalLength', 'FNumber', 'ExposureTime', 'ISO'] as const;

/** A sidecar's details: a value replaces the camera's, null publishes none. */
export type SidecarDetails = { [K in keyof PhotoDetails]?: PhotoDetails[K] | null };

/** A number as stored text writes it (custom metadata is all text): `23`, `0.002`, `1e-7`, or a fraction such as `1/500`. */
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const FRACTION = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;

function storedNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const fraction = FRACTION.exec(text);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return DECIMAL.test(text) ? Number(text) : value;
}

/**
 * The valid details among stored fields (a manifest line, custom metadata, a
 * sidecar): text trimmed (and of the NULs EXIF pads it with), numbers read
 * from text; anything the contract refuses is dropped.
 */
export function storedDetails(fields: Readonly<Record<string, unknown>>): PhotoDetails {
  const values: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) {
    const value = fields[field];
    values[field] = field === 'camera' || field === 'lens' ? (typeof value === 'string' ? value.replace(/\0+$/, '').trim() : value) : storedNumber(value);
  }
  return photoDetails(values);
}

/** The details a camera recorded, from exifr's raw output of DETAIL_TAGS (one object, the tags by name). */
export function exifDetails(tags: Readonly<Record<string, unknown>>): PhotoDetails {
  return storedDetails({
    camera: tags.Model,
    lens: tags.LensModel,
    focalLength: tags.FocalLength,
    aperture: tags.FNumber,
    exposureTime: tags.ExposureTime,
    // A camera may record more than one sensitivity: the first is the photo's.
    iso: Array.isArray(tags.ISO) ? tags.ISO[0] : tags.ISO,
  });
}

/** The details to publish: the sidecar's where it names one (null: none), else the camera's. */
export function mergeDetails(camera: PhotoDetails, sidecar: SidecarDetails): PhotoDetails {
  const merged: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) {
    const value = sidecar[field] === undefined ? camera[field] : sidecar[field];
    if (value !== null && value !== undefined) merged[field] = value;
  }
  return merged as PhotoDetails;
}
