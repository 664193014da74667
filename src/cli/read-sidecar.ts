import { DETAIL_FIELDS, DETAIL_LIMITS } from '../photo-details.js';
import { parseSidecar, type Sidecar } from '../format/sidecar.js';
import { PhotoError } from './photo-error.js';

const EXAMPLE = '{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00+02:00"}';

/** Strict: bytes that are not UTF-8 would be published as replacement characters. Drops a leading byte-order mark. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const kind = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === true || value === false ? 'true or false' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

const absent = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const n = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 6 });
const range = (field: Exclude<(typeof DETAIL_FIELDS)[number], 'camera' | 'lens'>) => `${n(DETAIL_LIMITS[field][0])} to ${n(DETAIL_LIMITS[field][1])}`;
const TEXT = `text of at most ${DETAIL_LIMITS.textLength} characters, without control characters`;

/** What each detail must be, as the fix to write. */
const DETAIL_FIX: Record<(typeof DETAIL_FIELDS)[number], string> = {
  camera: `${TEXT}, e.g. "camera": "X100V"`,
  lens: `${TEXT}, e.g. "lens": "XF23mmF2 R WR"`,
  focalLength: `millimetres from ${range('focalLength')}, e.g. "focalLength": 23`,
  aperture: `an f-number from ${range('aperture')}, e.g. "aperture": 2.8`,
  exposureTime: `seconds from ${range('exposureTime')}, e.g. "exposureTime": "1/500" or 0.002`,
  iso: `a whole number from ${range('iso')}, e.g. "iso": 160`,
};

/** A value as the message quotes it: JSON, cut short, with invisible and bidi control characters escaped so that the terminal line reads as printed. */
function shown(value: unknown): string {
  const text = (typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value)) ?? String(value);
  const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return cut.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A photo's sidecar (`harbour.jpg.json`) as the caption, alt, date and
 * details to publish, and its text (for the source hash). Stricter than the
 * photo API, which ignores what it cannot use: a field the photographer wrote
 * that would not be published as written (another encoding, a number, a date
 * that does not parse, a caption too long and cut, an ISO of -5) is a
 * PhotoError naming the fix, since publishing without it would go unnoticed.
 * A UTF-8 byte-order mark, as Windows editors write, is fine; a detail set to
 * null or "" publishes none; other fields are the photographer's own and are
 * left alone.
 */
export function readSidecar(bytes: Buffer, name: string): { text: string; sidecar: Sidecar } {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new PhotoError(`its sidecar ${name} is not UTF-8 text: save it as UTF-8 (in another encoding its accents would be published garbled)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PhotoError(`its sidecar ${name} is not valid JSON (${(error as Error).message}): fix it, e.g. ${EXAMPLE}`);
  }
  let sidecar: Sidecar;
  try {
    sidecar = parseSidecar(json, name);
  } catch (error) {
    throw new PhotoError(`its sidecar ${(error as Error).message}`);
  }
  const written = json as Record<string, unknown>;
  for (const field of ['caption', 'alt'] as const) {
    const value = written[field];
    if (absent(value)) continue;
    const a = field === 'alt' ? 'an' : 'a';
    if (typeof value !== 'string') {
      throw new PhotoError(`its sidecar ${name} has ${a} "${field}" that is ${kind(value)}, not text: write it in quotes, e.g. "${field}": "…"`);
    }
    // parseSidecar keeps a bounded length: what it kept differs from what was written only when it was cut.
    const kept = sidecar[field] ?? '';
    if (kept !== value.trim()) {
      throw new PhotoError(
        `its sidecar ${name} has ${a} "${field}" of ${value.trim().length.toLocaleString('en')} characters: at most ${kept.length.toLocaleString('en')} are published; shorten it`,
      );
    }
  }
  if (!absent(written.date) && sidecar.date === undefined) {
    throw new PhotoError(`its sidecar ${name} has a "date" that is not a date (${shown(written.date)}): write it as ISO 8601, e.g. "date": "2024-06-01T18:30:00+02:00"`);
  }
  for (const field of DETAIL_FIELDS) {
    const value = written[field];
    // A blank one (null, white space) was kept as null by parseSidecar: publish none.
    if (absent(value) || sidecar[field] !== undefined) continue;
    throw new PhotoError(`its sidecar ${name} has ${/^[aeiou]/.test(field) ? 'an' : 'a'} "${field}" that cannot be published (${shown(value)}): write ${DETAIL_FIX[field]}, or null to publish none`);
  }
  return { text, sidecar };
}
