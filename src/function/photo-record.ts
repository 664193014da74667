/**
 * How a photo is stored, as opposed to how the API answers it (`src/contract.ts`):
 * the catalog keeps these compact records, the manifest lists them, and
 * Cloud Storage carries them as custom metadata. The upload command writes all
 * three with the functions below, so reader and writer cannot drift apart.
 */

import type { Photo } from '../contract.js';

/** Objects under this prefix belong to photo-frame itself (manifest, variants) and are never picked. */
export const RESERVED_PREFIX = '_photo-frame/';

/**
 * The manifest object: one read instead of listing the whole bucket. JSON
 * Lines (a header line, then one photo per line), so 100,000 photos are read
 * as a stream, line by line, never held as one 50 MB string.
 */
export const MANIFEST_NAME = `${RESERVED_PREFIX}manifest.jsonl`;

/** Suffix of the sidecar file that carries a photo's caption, alt text and date: `lake.jpg.json`. */
export const SIDECAR_SUFFIX = '.json';

/** Image types a photo can have, by file extension. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
};

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

/** What a photographer writes next to a photo (`lake.jpg.json`); every field optional. */
export interface Sidecar {
  caption?: string;
  alt?: string;
  /** ISO 8601, ideally with the offset: `2024-06-01T18:30:00+02:00`. */
  date?: string;
}

/** The MIME type for an object name, or undefined when it is not an image photo-frame shows. */
export function imageType(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : IMAGE_TYPES[name.slice(dot).toLowerCase()];
}

/** True for names that may be picked: images outside the reserved prefix. */
export function isPhotoName(name: string): boolean {
  return !name.startsWith(RESERVED_PREFIX) && imageType(name) !== undefined;
}

const text = (v: unknown, max = 4096): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : undefined;

const dimension = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 1_000_000 ? n : undefined;
};

/** A date the contract can carry: ISO 8601 that parses; anything else is dropped. */
export function isoDate(v: unknown): string | undefined {
  const s = text(v, 64);
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(Date.parse(s))) return undefined;
  return s;
}

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
    const name = text(item?.name, 1024);
    const width = dimension(item?.width);
    const type = text(item?.type, 64);
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
 * shown: no usable id or no dimensions.
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
    caption: text(fields.caption),
    alt: text(fields.alt),
    date: isoDate(fields.date),
    placeholder: text(fields.placeholder, 256),
    variants: variants(fields.variants),
  });
}

/** Custom metadata for an object (all values strings, as Cloud Storage requires). */
export function toMetadata(record: PhotoRecord): Record<string, string> {
  const out: Record<string, string> = { width: String(record.width), height: String(record.height) };
  if (record.caption) out.caption = record.caption;
  if (record.alt) out.alt = record.alt;
  if (record.date) out.date = record.date;
  if (record.placeholder) out.placeholder = record.placeholder;
  if (record.variants) out.variants = JSON.stringify(record.variants);
  return out;
}

/** Thrown when a manifest cannot be used: the catalog keeps its last good snapshot. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** The manifest's first line. */
export interface ManifestHeader {
  photoFrameManifest: 1;
  generatedAt: string;
  /** How many photo lines follow: a manifest cut short is detected, not half-used. */
  count: number;
}

/** The manifest as text: a header line, then one line per photo. */
export function serializeManifest(photos: readonly PhotoRecord[], generatedAt = new Date().toISOString()): string {
  const header: ManifestHeader = { photoFrameManifest: 1, generatedAt, count: photos.length };
  return [header, ...photos].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/**
 * Reads a manifest line by line, yielding each photo as it is read, so a
 * catalog of 100,000 photos never exists as 100,000 parsed objects at once.
 * Photos that cannot be shown are dropped; a bad header, a malformed line or
 * a wrong count throw (after the photos read so far: the caller must only
 * use them once the whole manifest has been read).
 */
export async function* manifestPhotos(lines: AsyncIterable<string>): AsyncGenerator<PhotoRecord> {
  const fix = `re-run "photo-frame upload" to rewrite ${MANIFEST_NAME}`;
  let header: ManifestHeader | undefined;
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ManifestError(`${MANIFEST_NAME} line ${count + (header ? 2 : 1)} is not JSON: ${fix}`);
    }
    if (!header) {
      const h = value as Partial<ManifestHeader> | null;
      if (h?.photoFrameManifest !== 1 || typeof h.count !== 'number') throw new ManifestError(`${MANIFEST_NAME} is not a version 1 manifest: ${fix}`);
      header = { photoFrameManifest: 1, generatedAt: String(h.generatedAt ?? ''), count: h.count };
      continue;
    }
    count++;
    const fields = value as Record<string, unknown> | null;
    const record = fields && typeof fields.id === 'string' ? toRecord(fields.id, fields) : undefined;
    if (record) yield record;
  }
  if (!header) throw new ManifestError(`${MANIFEST_NAME} is empty: ${fix}`);
  if (count !== header.count) throw new ManifestError(`${MANIFEST_NAME} names ${header.count} photos but holds ${count}: ${fix}`);
}

/** Validates a sidecar; a malformed one gives an error that names the fix. */
export function parseSidecar(json: unknown, file: string): Sidecar {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`${file} must hold a JSON object like {"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00+02:00"}`);
  }
  const s = json as Record<string, unknown>;
  const out: Sidecar = {};
  const caption = text(s.caption);
  const alt = text(s.alt);
  const date = isoDate(s.date);
  if (caption) out.caption = caption;
  if (alt) out.alt = alt;
  if (date) out.date = date;
  return out;
}
