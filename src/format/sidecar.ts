import { DETAIL_FIELDS } from '../photo-details.js';
import { cleanText } from './clean-text.js';
import { isoDate } from './iso-date.js';
import { storedDetails, type SidecarDetails } from './stored-details.js';

/** Suffix of the sidecar file that carries a photo's caption, alt text, date and details: `lake.jpg.json`. */
export const SIDECAR_SUFFIX = '.json';

/**
 * What a photographer writes next to a photo (`lake.jpg.json`); every field
 * optional. A detail (`camera`, `lens`, `focalLength`, `aperture`,
 * `exposureTime`, `iso`) replaces what the camera recorded; null or blank
 * text publishes none.
 */
export interface Sidecar extends SidecarDetails {
  caption?: string;
  alt?: string;
  /** ISO 8601, ideally with the offset: `2024-06-01T18:30:00+02:00`. */
  date?: string;
}

/** True for a value that blanks a detail: null, or text that is only white space. */
const blanksDetail = (value: unknown): boolean => value === null || (typeof value === 'string' && value.trim() === '');

/** Validates a sidecar; a malformed one gives an error that names the fix. Details that are not valid are left out. */
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
  const details: SidecarDetails = storedDetails(s);
  for (const field of DETAIL_FIELDS) if (blanksDetail(s[field])) details[field] = null;
  return { ...out, ...details };
}
