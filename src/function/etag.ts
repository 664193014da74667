import { createHash } from 'node:crypto';

/** A strong ETag for these bytes: 27 base64url characters of their SHA-256 (160 bits), quoted. */
export function strongEtag(bytes: Buffer | string): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches `etag`, with the weak comparison it calls for (`W/"x"` matches `"x"`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
