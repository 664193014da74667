/**
 * How a photo is stored, as opposed to how the API answers it (`src/contract.ts`):
 * the catalog keeps these compact records, the manifest lists them, and
 * Cloud Storage carries them as custom metadata. The upload command writes all
 * three with the functions below, so reader and writer cannot drift apart.
 */

/** Objects under this prefix belong to photo-frame itself (manifest, variants) and are never picked. */
export const RESERVED_PREFIX = '_photo-frame/';

/** The manifest object: one read instead of listing the whole bucket. */
export const MANIFEST_NAME = `${RESERVED_PREFIX}manifest.json`;

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

/** Everything the API needs to answer for one photo, and nothing more (100,000 of these stay in memory). */
export interface PhotoRecord {
  id: string;
  width: number;
  height: number;
  caption?: string;
  alt?: string;
  date?: string;
  placeholder?: string;
  variants?: StoredVariant[];
}

/** What a photographer writes next to a photo (`lake.jpg.json`); every field optional. */
export interface Sidecar {
  caption?: string;
  alt?: string;
  /** ISO 8601, ideally with the offset: `2024-06-01T18:30:00+02:00`. */
  date?: string;
}

export interface Manifest {
  version: 1;
  generatedAt: string;
  photos: PhotoRecord[];
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
  if (!isPhotoName(id) || id.length > 1024 || width === undefined || height === undefined) return undefined;
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

/** Thrown when a manifest cannot be used; the catalog then lists instead. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Validates a parsed manifest; photos that cannot be shown are dropped, not fatal. */
export function parseManifest(json: unknown): Manifest {
  const m = json as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || m.version !== 1 || !Array.isArray(m.photos)) {
    throw new ManifestError(`${MANIFEST_NAME} is not a version 1 manifest: re-run "photo-frame upload" to rewrite it`);
  }
  const photos: PhotoRecord[] = [];
  for (const entry of m.photos as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const fields = entry as Record<string, unknown>;
    const record = typeof fields.id === 'string' ? toRecord(fields.id, fields) : undefined;
    if (record) photos.push(record);
  }
  return { version: 1, generatedAt: typeof m.generatedAt === 'string' ? m.generatedAt : '', photos };
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
