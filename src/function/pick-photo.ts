import { createHash, randomInt } from 'node:crypto';
import type { PhotoRecord } from './photo-record.js';

/** First index in `photos` (sorted by id) whose id is not below `id`. */
export function lowerBound(photos: readonly PhotoRecord[], id: string): number {
  let lo = 0;
  let hi = photos.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (photos[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The photo with this id, found by binary search. */
export function findPhoto(photos: readonly PhotoRecord[], id: string): PhotoRecord | undefined {
  const photo = photos[lowerBound(photos, id)];
  return photo?.id === id ? photo : undefined;
}

/**
 * The index range of an album: its photos' ids all start with `album/`, so in
 * a sorted catalog they are one contiguous run, found in O(log n).
 */
export function albumRange(photos: readonly PhotoRecord[], album: string | undefined): [number, number] {
  if (!album) return [0, photos.length];
  const prefix = `${album}/`;
  // '/' + 1 is '0': every id with the prefix sorts below prefix-with-'0'-instead-of-'/'.
  return [lowerBound(photos, prefix), lowerBound(photos, `${album}0`)];
}

export interface PickOptions {
  album?: string;
  exclude?: readonly string[];
  seed?: string;
  /** Uniform integer in [0, max); injectable for tests. */
  random?: (max: number) => number;
}

/** A stable number from a seed, the same on every machine and every run. */
function seedNumber(seed: string): number {
  return createHash('sha256').update(seed).digest().readUIntBE(0, 6);
}

/**
 * Picks one photo: at random, or by seed; inside an album; avoiding the
 * excluded ids unless they would leave nothing. O(log n + e log e), so a
 * 100,000-photo catalog costs what a 10-photo one does.
 */
export function pickPhoto(photos: readonly PhotoRecord[], options: PickOptions = {}): PhotoRecord | undefined {
  const [lo, hi] = albumRange(photos, options.album);
  if (hi <= lo) return undefined;
  const excluded = new Set<number>();
  for (const id of options.exclude ?? []) {
    const i = lowerBound(photos, id);
    if (i >= lo && i < hi && photos[i]!.id === id) excluded.add(i);
  }
  const skip = excluded.size < hi - lo ? [...excluded].sort((a, b) => a - b) : [];
  const count = hi - lo - skip.length;
  const k = options.seed !== undefined ? seedNumber(options.seed) % count : (options.random ?? randomInt)(count);
  // The k-th index of the range that is not excluded.
  let index = lo + k;
  for (const e of skip) if (e <= index) index++;
  return photos[index];
}

export interface ListPage {
  photos: readonly PhotoRecord[];
  /** Id of the last photo when more follow. */
  lastId: string | undefined;
}

/** One page of an album, starting after the id `after`. */
export function listPhotos(photos: readonly PhotoRecord[], album: string | undefined, limit: number, after?: string): ListPage {
  const [lo, hi] = albumRange(photos, album);
  const start = after === undefined ? lo : Math.max(lo, lowerBound(photos, after) + (findPhoto(photos, after) ? 1 : 0));
  const end = Math.min(hi, start + limit);
  const page = photos.slice(start, end);
  return { photos: page, lastId: end < hi ? page[page.length - 1]?.id : undefined };
}
