import type { Config } from './parse-config.js';

const EXPOSE = { 'Access-Control-Expose-Headers': 'ETag, Retry-After' };
const ANY_ORIGIN = Object.freeze({ ...EXPOSE, 'Access-Control-Allow-Origin': '*' });
const OTHER_ORIGIN = Object.freeze({ ...EXPOSE, Vary: 'Origin' });

/**
 * Headers for cross-origin reads, on every answer, errors included (a page
 * that may not read the error cannot show why it failed): any origin with
 * `*`, else only the listed ones.
 */
export function corsHeaders(origin: string | undefined, allowed: Config['allowedOrigins']): Readonly<Record<string, string>> {
  if (allowed === '*') return ANY_ORIGIN;
  return origin && allowed.includes(origin) ? { ...OTHER_ORIGIN, 'Access-Control-Allow-Origin': origin } : OTHER_ORIGIN;
}
