import exifr from 'exifr';
import type { PhotoDetails } from '../contract.js';
import { exifDate } from '../format/exif-date.js';
import { isoDate } from '../format/iso-date.js';
import { DETAIL_TAGS, exifDetails } from '../format/stored-details.js';

/** EXIF tags as sharp's `withExif` takes them: libexif tag names, values as strings. */
export interface ExifTags {
  IFD0: Record<string, string>;
  IFD2: Record<string, string>;
}

/** What a photo says about itself, read with exifr. */
export interface PhotoMetadata {
  /** EXIF ImageDescription, else XMP dc:description, else IPTC Caption/Abstract. */
  caption?: string;
  /** XMP Iptc4xmpCore:AltTextAccessibility. */
  alt?: string;
  /** EXIF DateTimeOriginal with OffsetTimeOriginal, else an XMP creation date (ISO 8601). */
  date?: string;
  /** Camera, lens, focal length, aperture, exposure time and ISO, as far as the camera recorded them. */
  details: PhotoDetails;
  /** The tags a published original keeps: the descriptive ones, never a location. */
  keep: ExifTags;
}

/** Kept from IFD0: exifr's name → libexif's name. */
const KEEP_IFD0: Record<string, string> = {
  ImageDescription: 'ImageDescription', Make: 'Make', Model: 'Model', Software: 'Software',
  ModifyDate: 'DateTime', Artist: 'Artist', Copyright: 'Copyright',
};

/** Kept from the Exif IFD: exifr's name → [libexif's name, how the value is written]. */
const KEEP_EXIF: Record<string, [string, 'text' | 'integer' | 'rational']> = {
  DateTimeOriginal: ['DateTimeOriginal', 'text'],
  CreateDate: ['DateTimeDigitized', 'text'],
  OffsetTime: ['OffsetTime', 'text'],
  OffsetTimeOriginal: ['OffsetTimeOriginal', 'text'],
  OffsetTimeDigitized: ['OffsetTimeDigitized', 'text'],
  SubSecTimeOriginal: ['SubSecTimeOriginal', 'text'],
  LensMake: ['LensMake', 'text'],
  LensModel: ['LensModel', 'text'],
  ExposureTime: ['ExposureTime', 'rational'],
  FNumber: ['FNumber', 'rational'],
  ISO: ['ISOSpeedRatings', 'integer'],
  FocalLength: ['FocalLength', 'rational'],
  FocalLengthIn35mmFormat: ['FocalLengthIn35mmFilm', 'integer'],
  ExposureCompensation: ['ExposureBiasValue', 'rational'],
  ExposureProgram: ['ExposureProgram', 'integer'],
  MeteringMode: ['MeteringMode', 'integer'],
  Flash: ['Flash', 'integer'],
  WhiteBalance: ['WhiteBalance', 'integer'],
  ColorSpace: ['ColorSpace', 'integer'],
};

/** Descriptions that cameras write on their own: not captions. */
const CAMERA_PLACEHOLDERS = /^(olympus digital camera|sony dsc|digital camera|samsung digital camera|default|image|dcim.*|\s*)$/i;

const TIFF_ONLY = {
  tiff: true, ifd0: true, exif: true, gps: false, interop: false, ifd1: false, xmp: false, iptc: false, icc: false, jfif: false, ihdr: false,
  // Only the tags used below are read: a serial number or an owner's name is never even parsed.
  pick: [...new Set([...Object.keys(KEEP_IFD0), ...Object.keys(KEEP_EXIF), ...DETAIL_TAGS])],
};
const XMP_IPTC_ONLY = { tiff: false, xmp: true, iptc: true, icc: false, jfif: false, ihdr: false } as const;
const RAW_VALUES = { mergeOutput: false, translateValues: false, reviveValues: false, sanitize: true } as const;

type Block = Record<string, unknown>;

/**
 * Reads caption, alt, date, details and the tags worth keeping from a photo's EXIF,
 * XMP and IPTC. `exifBlock` is the EXIF that sharp found (`metadata().exif`),
 * used for formats exifr cannot open itself (WebP).
 */
export async function readPhotoMetadata(bytes: Buffer, exifBlock?: Buffer): Promise<PhotoMetadata> {
  const tiff = (await parse(bytes, TIFF_ONLY)) ?? (exifBlock ? await parse(tiffOf(exifBlock), TIFF_ONLY) : undefined);
  const other = (await parse(bytes, XMP_IPTC_ONLY)) ?? {};
  const ifd0 = (tiff?.ifd0 ?? {}) as Block;
  const exif = (tiff?.exif ?? {}) as Block;

  const keep: ExifTags = { IFD0: {}, IFD2: {} };
  for (const [from, to] of Object.entries(KEEP_IFD0)) {
    const value = text(ifd0[from]);
    if (value) keep.IFD0[to] = value;
  }
  for (const [from, [to, kind]] of Object.entries(KEEP_EXIF)) {
    const value = kind === 'text' ? text(exif[from]) : kind === 'integer' ? integer(exif[from]) : rational(exif[from]);
    if (value) keep.IFD2[to] = value;
  }

  const dc = (other.dc ?? {}) as Block;
  const iptcCore = (other.Iptc4xmpCore ?? {}) as Block;
  const iptc = (other.iptc ?? {}) as Block;
  const description = text(ifd0.ImageDescription);
  const caption = [description && !CAMERA_PLACEHOLDERS.test(description) ? description : undefined, langText(dc.description), text(iptc.Caption)].find(Boolean);
  const alt = langText(iptcCore.AltTextAccessibility);
  const xmpExif = (other.exif ?? {}) as Block;
  const photoshop = (other.photoshop ?? {}) as Block;
  const xmpBasic = (other.xmp ?? {}) as Block;
  const date =
    exifDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal) ??
    [xmpExif.DateTimeOriginal, photoshop.DateCreated, xmpBasic.CreateDate].map(isoDate).find(Boolean);

  const details = exifDetails({ ...ifd0, ...exif });

  return { keep, details, ...(caption ? { caption } : {}), ...(alt ? { alt } : {}), ...(date ? { date } : {}) };
}

async function parse(input: Buffer, segments: object): Promise<Record<string, unknown> | undefined> {
  try {
    return ((await exifr.parse(input, { ...segments, ...RAW_VALUES })) as Record<string, unknown> | undefined) ?? undefined;
  } catch {
    return undefined; // a format exifr does not open, or no metadata at all
  }
}

/** sharp gives EXIF with its "Exif\0\0" header; exifr reads the TIFF structure after it. */
function tiffOf(block: Buffer): Buffer {
  return block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(/\0+$/, '').trim();
  return clean === '' ? undefined : clean;
}

/** An XMP language alternative: `{lang, value}`, a list of them, or plain text; x-default first. */
function langText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const entries = value as { lang?: string; value?: unknown }[];
    return langText(entries.find((e) => e?.lang === 'x-default') ?? entries[0]);
  }
  if (value && typeof value === 'object') return text((value as { value?: unknown }).value);
  return text(value);
}

function integer(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 65536 ? String(value) : undefined;
}

/** A number as the "numerator/denominator" text libexif writes as a rational: 1/250 for 0.004, 28/10 for 2.8. */
function rational(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e6) return undefined;
  if (value > 0 && value < 1) {
    const n = Math.round(1 / value);
    if (Math.abs(1 / n - value) <= value * 0.005) return `1/${n}`;
  }
  return `${Math.round(value * 1000)}/1000`;
}
