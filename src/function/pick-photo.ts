import { createHash, randomInt } from 'node:crypto';
import type { SortedIds } from './sorted-ids.js';

/**
 * The index range of an album: its photos' ids all start with `album/`, so in
 * a sorted catalog they are one contiguous run, found in O(log n).
 */
export function albumRange(ids: SortedIds, album: string | undefined): [number, number] {
  if (!album) return [0, ids.length];
  // '/' + 1 is '0': every id with the prefix sorts below prefix-with-'0'-instead-of-'/'.
  return [ids.lowerBound(`${album}/`), ids.lowerBound(`${album}0`)];
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
 * Picks one photo's index: at random, or by seed; inside an album; avoiding
 * the excluded ids unless they would leave nothing. O(log n + e log e), so a
 * 100,000-photo catalog costs what a 10-photo one does.
 */
export function pickPhoto(ids: SortedIds, options: PickOptions = {}): number | undefined {
  const [lo, hi] = albumRange(ids, options.album);
  if (hi <= lo) return undefined;
  let skip: number[] = [];
  if (options.exclude?.length) {
    const excluded = new Set<number>();
    for (const id of options.exclude) {
      const i = ids.indexOf(id);
      if (i >= lo && i < hi) excluded.add(i);
    }
    if (excluded.size < hi - lo) skip = [...excluded].sort((a, b) => a - b);
  }
  const count = hi - lo - skip.length;
  const k = options.seed !== undefined ? seedNumber(options.seed) % count : (options.random ?? randomInt)(count);
  // The k-th index of the range that is not excluded.
  let index = lo + k;
  for (const e of skip) if (e <= index) index++;
  return index;
}

export interface ListPage {
  /** Indexes of the page's photos: [start, end). */
  start: number;
  end: number;
  /** Id of the last photo when more follow. */
  lastId: string | undefined;
}

/** One page of an album, starting after the id `after`. */
export function listPhotos(ids: SortedIds, album: string | undefined, limit: number, after?: string): ListPage {
  const [lo, hi] = albumRange(ids, album);
  const from = after === undefined ? lo : ids.lowerBound(after);
  const start = Math.max(lo, after !== undefined && ids.at(from) === after ? from + 1 : from);
  const end = Math.min(hi, start + limit);
  return { start, end, lastId: end < hi && end > start ? ids.at(end - 1) : undefined };
}
