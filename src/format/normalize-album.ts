/**
 * An album is a folder of ids: `sea` holds `sea/boat.jpg` and
 * `sea/2024/wave.jpg`. The upload command (`--album`), the photo API
 * (`?album=`) and the service worker all read an album through this one rule,
 * so what one accepts the others find. Environment-neutral: the worker imports
 * it.
 */
import { LIMITS } from '../contract.js';
import { RESERVED_PREFIX } from './photo-name.js';

/** White space and slashes at either end. */
const ENDS = /^[\s/]+|[\s/]+$/g;
/** Control characters (U+0000 to U+001F, U+007F) never belong in a folder name a photographer chose. */
const isControl = (char: string) => char < ' ' || char === '\u007f';

/** Whether `id` is in `album` (normalised; '' for every photo): in its folder, at any depth. */
export const inAlbum = (id: string, album: string): boolean => !album || id.startsWith(`${album}/`);

/**
 * The album's canonical form: white space and slashes at either end ignored
 * (`/sea/ ` is `sea`); '' when there is none (every photo). Never throws: the
 * worker matches with it as it is; the API and upload also ask albumProblem.
 */
export function normalizeAlbum(value: string | null | undefined): string {
  return (value ?? '').replace(ENDS, '');
}

/**
 * Why a normalised album cannot be a folder that upload publishes and the API
 * serves, or undefined when it can: at most LIMITS.idLength characters, no
 * control character, no backslash, no empty, hidden, `.` or `..` part, and not
 * photo-frame's own folder.
 */
export function albumProblem(album: string): string | undefined {
  if (album === '') return undefined;
  if (album.length > LIMITS.idLength) return `it is longer than ${LIMITS.idLength} characters`;
  if ([...album].some(isControl)) return 'it holds a control character';
  if (album.includes('\\')) return 'it holds a backslash (separate folders with "/")';
  const parts = album.split('/');
  if (parts.includes('')) return 'it has an empty folder name ("//")';
  if (parts.some((part) => part.startsWith('.'))) return 'it has a hidden folder, "." or ".."';
  if (`${album}/`.startsWith(RESERVED_PREFIX)) return `"${RESERVED_PREFIX.slice(0, -1)}" is photo-frame's own folder`;
  return undefined;
}
