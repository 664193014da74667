import { cleanText } from './clean-text.js';
import { isoDate } from './iso-date.js';

/** Suffix of the sidecar file that carries a photo's caption, alt text and date: `lake.jpg.json`. */
export const SIDECAR_SUFFIX = '.json';

/** What a photographer writes next to a photo (`lake.jpg.json`); every field optional. */
export interface Sidecar {
  caption?: string;
  alt?: string;
  /** ISO 8601, ideally with the offset: `2024-06-01T18:30:00+02:00`. */
  date?: string;
}

/** Validates a sidecar; a malformed one gives an error that names the fix. */
export function parseSidecar(json: unknown, file: string): Sidecar {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`${file} must hold a JSON object like {"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00+02:00"}`);
  }
  const s = json as Record<string, unknown>;
  const out: Sidecar = {};
  const caption = cleanText(s.caption);
  const alt = cleanText(s.alt);
  const date = isoDate(s.date);
  if (caption) out.caption = caption;
  if (alt) out.alt = alt;
  if (date) out.date = date;
  return out;
}
