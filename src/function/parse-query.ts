import { LIMITS, type ListQuery, type PickQuery } from '../contract.js';
import { albumProblem, normalizeAlbum } from '../format/normalize-album.js';
import { ApiHttpError } from './api-error.js';

const invalid = (message: string) => new ApiHttpError('invalid_parameter', message);

/**
 * Splits a raw query string strictly: malformed percent-encoding and repeated
 * parameters are errors (a lenient parser would guess), unknown parameters are
 * ignored (cache-busters like `?_=123` are common).
 */
export function parseSearch(search: string, known: readonly string[]): Map<string, string> {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw.length > LIMITS.queryLength) {
    throw invalid(`The query string is ${raw.length} characters long; the limit is ${LIMITS.queryLength}`);
  }
  const params = new Map<string, string>();
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      throw invalid('The query string has malformed percent-encoding: encode parameters with encodeURIComponent');
    }
    if (!known.includes(key)) continue;
    if (params.has(key)) throw invalid(`"${key}" is given more than once: give it once`);
    params.set(key, value);
  }
  return params;
}

/** The album asked for, by the rule upload publishes with (src/format/normalize-album.ts); undefined for every photo. */
function album(params: Map<string, string>): string | undefined {
  const value = params.get('album');
  if (value === undefined) return undefined;
  const album = normalizeAlbum(value);
  const problem = albumProblem(album);
  if (problem) throw invalid(`"album" ${JSON.stringify(value.slice(0, 200))} is not a usable folder name (${problem}): use names like "sea" or "trips/2024"`);
  return album || undefined;
}

export function parsePickQuery(search: string): PickQuery {
  const params = parseSearch(search, ['album', 'exclude', 'seed']);
  const query: PickQuery = {};
  const a = album(params);
  if (a !== undefined) query.album = a;
  const exclude = params.get('exclude');
  if (exclude !== undefined) {
    const ids = exclude.split(',').filter((id) => id !== '');
    if (ids.length > LIMITS.excludeIds) {
      throw invalid(`"exclude" lists ${ids.length} ids; send at most the ${LIMITS.excludeIds} most recent`);
    }
    if (ids.some((id) => id.length > LIMITS.idLength)) {
      throw invalid(`An id in "exclude" is longer than ${LIMITS.idLength} characters: ids are object names`);
    }
    query.exclude = ids;
  }
  const seed = params.get('seed');
  if (seed !== undefined) {
    if (seed.length > LIMITS.seedLength) throw invalid(`"seed" is longer than ${LIMITS.seedLength} characters`);
    query.seed = seed;
  }
  return query;
}

/** Cursors are opaque to clients: the base64url of the last id they saw. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

export function parseListQuery(search: string): ListQuery & { after?: string } {
  const params = parseSearch(search, ['album', 'limit', 'cursor']);
  const query: ListQuery & { after?: string } = {};
  const a = album(params);
  if (a !== undefined) query.album = a;
  const limit = params.get('limit');
  if (limit !== undefined) {
    const n = /^\d{1,7}$/.test(limit) ? Number(limit) : NaN;
    if (!(n >= 1 && n <= LIMITS.listMax)) throw invalid(`"limit" must be a whole number from 1 to ${LIMITS.listMax}`);
    query.limit = n;
  }
  const cursor = params.get('cursor');
  if (cursor !== undefined) {
    const after = /^[A-Za-z0-9_-]{1,2800}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
    if (after === '' || after.includes('\uFFFD') || encodeCursor(after) !== cursor) {
      throw invalid('"cursor" is not one this API gave out: pass the "next" value of the previous page unchanged');
    }
    query.cursor = cursor;
    query.after = after;
  }
  return query;
}
