import { createHash } from 'node:crypto';
import { compareCodePoints } from './compare-code-points.js';
import { MANIFEST_NAME, manifestRecord } from './manifest.js';
import { RESERVED_PREFIX } from './photo-name.js';
import type { PhotoRecord } from './photo-record.js';

/**
 * The catalog index: a small object beside the manifest, so that a cold
 * instance can pick a photo before it has read the whole manifest. It tells
 * how many photos the manifest holds, where each album's photos are, and
 * where each chunk of `chunkPhotos` consecutive photos starts in the
 * manifest's bytes, with its first id: a photo at position p is then one
 * ranged read away, and an id's position a search of the first ids plus one
 * ranged read. The manifest lists its photos in code point order of id
 * (serializeManifest), the order the catalog keeps them in, so positions mean
 * the same thing cold and warm.
 */
export const INDEX_NAME = `${RESERVED_PREFIX}index.json`;

/** Photos per chunk: a chunk is about 64 kB of manifest, one quick ranged read. */
export const CHUNK_PHOTOS = 128;

export interface CatalogIndex {
  photoFrameIndex: 1;
  /** The manifest indexed: its MD5 (base64, as Cloud Storage reports it) and length, so a stale index is never used. */
  manifest: { md5: string; bytes: number };
  /** Photos in the manifest, in id order. */
  count: number;
  chunkPhotos: number;
  /** Byte offset where each chunk's first line starts, then the end of the last line: one more than there are chunks. */
  offsets: number[];
  /** Each chunk's first id. */
  firstIds: string[];
  /** Every folder that holds photos (at any depth) with the positions of its photos: [folder, first, end]. */
  albums: Array<[string, number, number]>;
}

/** Thrown for an index, or a chunk it points at, that cannot be trusted: the catalog then reads the whole manifest. */
export class IndexError extends Error {
  override name = 'IndexError';
}

/** The base64 MD5 of some bytes, as Cloud Storage reports an object's `md5Hash`. */
export function md5Base64(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}

/**
 * The index of a manifest's text as serializeManifest writes it (a header
 * line, then one photo per line, ids in code point order), or undefined for
 * one that is not in that shape (a hand-edited manifest is then simply read
 * whole).
 */
export function indexManifest(text: string): string | undefined {
  const bytes = Buffer.from(text);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let offset = Buffer.byteLength(lines[0] ?? '') + 1;
  const offsets: number[] = [];
  const firstIds: string[] = [];
  const albums = new Map<string, [number, number]>();
  let previous: string | undefined;
  for (let position = 0; position < lines.length - 1; position++) {
    const line = lines[position + 1]!;
    const id = recordOf(line)?.id;
    if (id === undefined || (previous !== undefined && compareCodePoints(previous, id) >= 0)) return undefined;
    if (position % CHUNK_PHOTOS === 0) {
      offsets.push(offset);
      firstIds.push(id);
    }
    for (let slash = id.indexOf('/'); slash > 0; slash = id.indexOf('/', slash + 1)) {
      const range = albums.get(id.slice(0, slash));
      if (range) range[1] = position + 1;
      else albums.set(id.slice(0, slash), [position, position + 1]);
    }
    offset += Buffer.byteLength(line) + 1;
    previous = id;
  }
  const index: CatalogIndex = {
    photoFrameIndex: 1,
    manifest: { md5: md5Base64(bytes), bytes: bytes.length },
    count: lines.length - 1,
    chunkPhotos: CHUNK_PHOTOS,
    offsets: [...offsets, offset],
    firstIds,
    albums: [...albums].map(([album, [first, end]]) => [album, first, end]),
  };
  return JSON.stringify(index);
}

function recordOf(line: string): PhotoRecord | undefined {
  try {
    return manifestRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/** True when `text` is an index of the manifest with this MD5 (base64) and length. */
export function indexMatches(text: string | undefined, manifest: { md5: string; bytes: number }): boolean {
  if (text === undefined) return false;
  try {
    const index = parseIndex(text);
    return index.manifest.md5 === manifest.md5 && index.manifest.bytes === manifest.bytes;
  } catch {
    return false;
  }
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Reads an index, checking that its parts agree with each other; throws IndexError otherwise. */
export function parseIndex(text: string): CatalogIndex {
  let value: Partial<CatalogIndex> | null;
  try {
    value = JSON.parse(text) as Partial<CatalogIndex> | null;
  } catch {
    throw new IndexError(`${INDEX_NAME} is not JSON`);
  }
  const { manifest, count, chunkPhotos, offsets, firstIds, albums } = value ?? {};
  const chunks = isCount(count) && isCount(chunkPhotos) && chunkPhotos > 0 ? Math.ceil(count / chunkPhotos) : -1;
  const valid =
    value?.photoFrameIndex === 1 &&
    typeof manifest?.md5 === 'string' &&
    isCount(manifest.bytes) &&
    chunks >= 0 &&
    Array.isArray(offsets) &&
    offsets.length === chunks + 1 &&
    offsets.every((o, i) => isCount(o) && (i === 0 || o > offsets[i - 1]!) && o <= manifest.bytes) &&
    Array.isArray(firstIds) &&
    firstIds.length === chunks &&
    firstIds.every((id, i) => typeof id === 'string' && (i === 0 || compareCodePoints(firstIds[i - 1]!, id) < 0)) &&
    Array.isArray(albums) &&
    albums.every((a) => Array.isArray(a) && typeof a[0] === 'string' && isCount(a[1]) && isCount(a[2]) && a[1] < a[2] && a[2] <= count!);
  if (!valid) throw new IndexError(`${INDEX_NAME} is not a version 1 index of ${MANIFEST_NAME}`);
  return value as CatalogIndex;
}

/** The chunk that holds position `p`. */
export const chunkOf = (index: CatalogIndex, position: number): number => Math.floor(position / index.chunkPhotos);

/** The chunk that would hold `id`: the last one whose first id is not above it (-1 when the id sorts before every photo). */
export function chunkFor(index: CatalogIndex, id: string): number {
  let lo = 0;
  let hi = index.firstIds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCodePoints(index.firstIds[mid]!, id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The photos of chunk `c`, from the manifest's bytes between its offsets:
 * exactly as many as the index says, each a photo that can be shown, in
 * strict id order from the index's first id. Anything else throws IndexError:
 * the bytes are not those the index was made from.
 */
export function parseChunk(index: CatalogIndex, c: number, bytes: Buffer): PhotoRecord[] {
  const expected = Math.min(index.chunkPhotos, index.count - c * index.chunkPhotos);
  const lines = bytes.toString('utf8').split('\n');
  if (lines.pop() !== '' || lines.length !== expected) throw new IndexError(`chunk ${c} of ${MANIFEST_NAME} does not match ${INDEX_NAME}`);
  const records: PhotoRecord[] = [];
  for (const line of lines) {
    const record = recordOf(line);
    const previous = records.at(-1)?.id ?? index.firstIds[c];
    const ordered = record !== undefined && (records.length === 0 ? record.id === previous : compareCodePoints(previous!, record.id) < 0);
    if (!ordered) throw new IndexError(`chunk ${c} of ${MANIFEST_NAME} does not match ${INDEX_NAME}`);
    records.push(record);
  }
  return records;
}
