import { randomInt } from 'node:crypto';
import { chunkFor, chunkOf, parseChunk, type CatalogIndex } from '../format/catalog-index.js';
import type { PhotoRecord } from '../format/photo-record.js';

/** Bytes [start, end) of the manifest the index was made from (one and the same generation). */
export type ReadManifestRange = (range: readonly [number, number]) => Promise<Buffer>;

/**
 * The catalog as a cold instance sees it before the manifest is in memory:
 * the index (src/format/catalog-index.ts) plus the chunks of the manifest
 * read so far. Positions are those the loaded catalog will have (the
 * manifest is in id order), so a pick made here is the pick a warm instance
 * makes. A chunk whose bytes do not match the index throws IndexError.
 */
export class IndexedManifest {
  readonly count: number;
  readonly #index: CatalogIndex;
  readonly #read: ReadManifestRange;
  readonly #albums: Map<string, readonly [number, number]>;
  readonly #chunks = new Map<number, Promise<PhotoRecord[]>>();
  /** A uniform number in [0, 1) drawn ahead for the next pick, whose chunk is read before it is asked for. */
  #drawn: number | undefined;

  constructor(index: CatalogIndex, read: ReadManifestRange) {
    this.#index = index;
    this.#read = read;
    this.count = index.count;
    this.#albums = new Map(index.albums.map(([album, first, end]) => [album, [first, end]]));
  }

  /** The positions of an album's photos, [first, end); of every photo without one. */
  albumRange(album: string | undefined): readonly [number, number] {
    if (!album) return [0, this.count];
    return this.#albums.get(album) ?? [0, 0];
  }

  /** The position of the photo `id`, or -1 when the catalog has none. */
  async positionOf(id: string): Promise<number> {
    const c = chunkFor(this.#index, id);
    if (c < 0) return -1;
    const offset = (await this.#chunk(c)).findIndex((record) => record.id === id);
    return offset < 0 ? -1 : c * this.#index.chunkPhotos + offset;
  }

  /**
   * Draws the next pick's random number now and reads the chunk it points at
   * in the whole catalog, so the first reader's photo is often read before
   * its request arrives. Any pick stays uniform: random() uses that number once.
   */
  prefetch(): void {
    if (this.count === 0) return;
    this.#drawn = randomInt(2 ** 47) / 2 ** 47;
    this.#chunk(chunkOf(this.#index, Math.floor(this.#drawn * this.count))).catch(() => {
      // The pick that needs it reads it again, and fails there if it must.
    });
  }

  /** A uniform integer in [0, max): the number drawn by prefetch() the first time, then fresh ones. */
  readonly random = (max: number): number => {
    const drawn = this.#drawn;
    this.#drawn = undefined;
    return drawn === undefined ? randomInt(max) : Math.floor(drawn * max);
  };

  /** The photo at a position. */
  async recordAt(position: number): Promise<PhotoRecord> {
    const c = chunkOf(this.#index, position);
    return (await this.#chunk(c))[position - c * this.#index.chunkPhotos]!;
  }

  /** Chunk c, read once (a failed read is tried again by the next caller). */
  #chunk(c: number): Promise<PhotoRecord[]> {
    let chunk = this.#chunks.get(c);
    if (!chunk) {
      const { offsets } = this.#index;
      chunk = this.#read([offsets[c]!, offsets[c + 1]!]).then((bytes) => parseChunk(this.#index, c, bytes));
      chunk.catch(() => this.#chunks.delete(c));
      this.#chunks.set(c, chunk);
    }
    return chunk;
  }
}
