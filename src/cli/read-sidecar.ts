import { parseSidecar, type Sidecar } from '../format/sidecar.js';
import { PhotoError } from './photo-error.js';

const EXAMPLE = '{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00+02:00"}';

/** Strict: bytes that are not UTF-8 would be published as replacement characters. Drops a leading byte-order mark. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const kind = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === true || value === false ? 'true or false' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

const absent = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * A photo's sidecar (`harbour.jpg.json`) as the caption, alt and date to
 * publish, and its text (for the source hash). Stricter than the photo API,
 * which ignores what it cannot use: a caption, alt or date the photographer
 * wrote that would not be published as written (another encoding, a number,
 * a date that does not parse, a caption too long and cut) is a PhotoError
 * naming the fix, since publishing without it would go unnoticed. A UTF-8
 * byte-order mark, as Windows editors write, is fine; fields other than
 * caption, alt and date are the photographer's own and are left alone.
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
    const shown = JSON.stringify(written.date) ?? String(written.date);
    throw new PhotoError(
      `its sidecar ${name} has a "date" that is not a date (${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}): write it as ISO 8601, e.g. "date": "2024-06-01T18:30:00+02:00"`,
    );
  }
  return { text, sidecar };
}
