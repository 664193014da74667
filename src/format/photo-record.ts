/**
 * How a photo is stored, as opposed to how the API answers it (`src/contract.ts`):
 * the catalog keeps these compact records, the manifest lists them, and
 * Cloud Storage carries them as custom metadata. The upload command writes all
 * three with the functions below, so reader and writer cannot drift apart.
 */

import type { Photo } from '../contract.js';
import { DETAIL_FIELDS } from '../photo-details.js';
import { cleanText } from './clean-text.js';
import { isoDate } from './iso-date.js';
import { storedDetails } from './stored-details.js';
import { isPhotoName } from './photo-name.js';

/** A variant as stored: an object name, not yet a URL. */
export interface StoredVariant {
  name: string;
  width: number;
  type: string;
}

/**
 * Everything the API needs to answer for one photo, and nothing more: the
 * contract's Photo with stored names where the answer has URLs.
 */
export type PhotoRecord = Omit<Photo, 'url' | 'variants' | 'offline'> & { variants?: StoredVariant[] };

const dimension = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 1_000_000 ? n : undefined;
};

function variants(v: unknown): StoredVariant[] | undefined {
  let list = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(list)) return undefined;
  const out: StoredVariant[] = [];
  for (const item of list) {
    const name = cleanText(item?.name, 1024);
    const width = dimension(item?.width);
    const type = cleanText(item?.type, 64);
    if (name && width && type) out.push({ name, width, type });
  }
  return out.length > 0 ? out.sort((a, b) => a.width - b.width) : undefined;
}

/** In a `u` regular expression a surrogate range matches only unpaired halves. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Only the fields that are set, so absent ones cost no memory and no JSON. */
function compact(record: PhotoRecord): PhotoRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as unknown as PhotoRecord;
}

/**
 * Builds a record from untrusted fields (custom metadata, a manifest entry, a
 * sidecar merged with file facts). Returns undefined when the photo cannot be
 * shown: no usable id or no dimensions. Any other field that is not valid is
 * left out, and the photo kept.
 */
export function toRecord(id: string, fields: Record<string, unknown>): PhotoRecord | undefined {
  const width = dimension(fields.width);
  const height = dimension(fields.height);
  // Cloud Storage counts an object name's bytes (UTF-8), not its characters,
  // and a name must be valid UTF-8: a lone surrogate (which a hand-edited
  // manifest's "\ud800" can carry) has no UTF-8 form of its own, and the
  // catalog searches its ids by their UTF-8 bytes.
  if (!isPhotoName(id) || LONE_SURROGATE.test(id) || Buffer.byteLength(id) > 1024 || width === undefined || height === undefined) return undefined;
  return compact({
    id,
    width,
    height,
    caption: cleanText(fields.caption),
    alt: cleanText(fields.alt),
    date: isoDate(fields.date),
    ...storedDetails(fields),
    placeholder: cleanText(fields.placeholder, 256),
    variants: variants(fields.variants),
  });
}

/** Custom metadata for an object (all values strings, as Cloud Storage requires). */
export function toMetadata(record: PhotoRecord): Record<string, string> {
  const out: Record<string, string> = { width: String(record.width), height: String(record.height) };
  if (record.caption) out.caption = record.caption;
  if (record.alt) out.alt = record.alt;
  if (record.date) out.date = record.date;
  for (const field of DETAIL_FIELDS) if (record[field] !== undefined) out[field] = String(record[field]);
  if (record.placeholder) out.placeholder = record.placeholder;
  if (record.variants) out.variants = JSON.stringify(record.variants);
  return out;
}
