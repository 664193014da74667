import { createHash, randomInt } from 'node:crypto';
import { inAlbum } from '../format/normalize-album.js';
import { pickUnseen } from '../format/pick-unseen.js';
import type { PhotoRecord } from '../format/photo-record.js';
import type { IndexedManifest } from './indexed-manifest.js';
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

/** A stable choice from a seed, the same on every machine and every run. */
function seeded(seed: string): (max: number) => number {
  const n = createHash('sha256').update(seed).digest().readUIntBE(0, 6);
  return (max) => n % max;
}

/**
 * Picks one photo's index: at random, or by seed; inside an album; avoiding
 * the excluded ids by the shuffle-bag rule of src/format/pick-unseen.ts (when
 * they cover the album, only the newest is still avoided). O(log n + e log e),
 * so a 100,000-photo catalog costs what a 10-photo one does.
 */
export function pickPhoto(ids: SortedIds, options: PickOptions = {}): number | undefined {
  const [lo, hi] = albumRange(ids, options.album);
  if (hi <= lo) return undefined;
  return pickInRange(lo, hi, options.exclude?.length ? options.exclude.map((id) => ids.indexOf(id)) : [], options);
}

/**
 * The same pick from a catalog read through its index, before the whole
 * catalog is in memory: the same album range, the same excluded positions,
 * the same rule, so the same seed gives the same photo cold and warm. Reads
 * the chunks that hold the excluded ids of the album and the picked photo.
 */
export async function pickIndexed(index: IndexedManifest, options: PickOptions = {}): Promise<PhotoRecord | undefined> {
  const [lo, hi] = index.albumRange(options.album);
  if (hi <= lo) return undefined;
  const album = options.album ?? '';
  const excluded = await Promise.all((options.exclude ?? []).map((id) => (inAlbum(id, album) ? index.positionOf(id) : -1)));
  return index.recordAt(pickInRange(lo, hi, excluded, options));
}

/** The rule of src/format/pick-unseen.ts over the positions [lo, hi), given the excluded photos' positions (-1 for an unknown id) in `exclude` order. */
function pickInRange(lo: number, hi: number, excluded: readonly number[], options: PickOptions): number {
  // Positions in the album; one outside it (or unknown) falls outside [0, hi - lo) and counts for nothing.
  const random = options.seed !== undefined ? seeded(options.seed) : (options.random ?? randomInt);
  return lo + pickUnseen(hi - lo, excluded.map((p) => (p < 0 ? -1 : p - lo)), random);
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
