import type { PhotoStore } from './photo-store.js';
import { StorageUnavailableError } from './photo-store.js';
import { compareCodePoints } from '../format/compare-code-points.js';
import type { PhotoRecord } from '../format/photo-record.js';
import type { IndexedManifest } from './indexed-manifest.js';
import { SortedIds } from './sorted-ids.js';

/**
 * What the catalog holds between refreshes: every photo, sorted by id. Each
 * photo is one JSON text (its record, or its whole API answer when the store's
 * URLs never change) in Buffers outside the JavaScript heap: 100,000 photos
 * cost about their bytes, and the garbage collector never walks them; so are
 * the ids, for searching.
 */
export interface CatalogSnapshot {
  /** Every photo's id, sorted: albums are ranges, seeds are stable. */
  readonly ids: SortedIds;
  /** The photos' JSON texts, in the order they were read; one text never spans two chunks. */
  readonly chunks: readonly Buffer[];
  /** Where photo i (in id order) is: `chunks[chunk[i]]` from `start[i]` to `end[i]`. */
  readonly chunk: Uint32Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** When storage was last read successfully (ms since epoch). */
  readonly loadedAt: number;
  readonly source: 'manifest' | 'list';
  /** The manifest's version, so an unchanged manifest is not downloaded again. */
  readonly manifestVersion?: string;
}

export interface CatalogOptions {
  /** How long a snapshot is fresh. */
  ttlMs?: number;
  /** How long past its freshness a snapshot is still served while storage fails. */
  staleIfErrorMs?: number;
  /** First wait after a failed refresh; doubles up to `maxRetryMs`, so a dead bucket is not hammered. */
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
  /** Told about failed and slow refreshes (the handler logs them). */
  onRefreshError?: (error: unknown) => void;
  /** The JSON kept for each photo; by default its record. */
  render?: (record: PhotoRecord) => string;
}

const DEFAULTS = {
  ttlMs: 60_000,
  staleIfErrorMs: 86_400_000,
  retryMs: 1_000,
  maxRetryMs: 60_000,
  now: Date.now,
  render: (record: PhotoRecord) => JSON.stringify(record),
};

export type Freshness = 'fresh' | 'stale';

/**
 * The photo catalog, kept warm in memory across requests. Requests never wait
 * for storage once a snapshot exists: an old snapshot is served while one
 * refresh at a time runs in the background, and a failing storage leaves the
 * last good snapshot in service for `staleIfErrorMs`.
 */
export class Catalog {
  readonly #store: PhotoStore;
  readonly #options: Required<Omit<CatalogOptions, 'onRefreshError'>> & Pick<CatalogOptions, 'onRefreshError'>;
  #snapshot: CatalogSnapshot | undefined;
  /** Until the first snapshot: the store's index, for picks that need not wait for it. */
  #index: Promise<IndexedManifest | undefined> | undefined;
  #refreshing: Promise<CatalogSnapshot> | undefined;
  #failures = 0;
  #retryAt = 0;

  constructor(store: PhotoStore, options: CatalogOptions = {}) {
    this.#store = store;
    this.#options = { ...DEFAULTS, ...options };
  }

  /**
   * The snapshot to answer from without waiting, and whether it is fresh
   * (a stale one starts a background refresh); undefined when storage must
   * be read first. Requests answered from it need no promise at all.
   */
  peek(): { snapshot: CatalogSnapshot; freshness: Freshness } | undefined {
    const { ttlMs, staleIfErrorMs, now } = this.#options;
    const snapshot = this.#snapshot;
    if (!snapshot) return undefined;
    const age = now() - snapshot.loadedAt;
    if (age < ttlMs) return { snapshot, freshness: 'fresh' };
    if (age >= ttlMs + staleIfErrorMs) return undefined;
    this.#refreshInBackground();
    return { snapshot, freshness: 'stale' };
  }

  /**
   * Starts reading the store's catalog index, when it has one, so that the
   * first pick of a cold instance waits for the index and one part of the
   * manifest, not the whole catalog. Call it once, at start-up; the whole
   * catalog loads after the first pick (loadInBackground) or at the first
   * request that needs it.
   */
  warmUp(): void {
    if (this.#snapshot || this.#refreshing || !this.#store.openIndex) return;
    this.#index = this.#store.openIndex().then(
      (index) => {
        index?.prefetch();
        return index;
      },
      (error: unknown) => {
        this.#options.onRefreshError?.(error);
        return undefined;
      },
    );
  }

  /** The index to pick from while no snapshot is loaded, or undefined: then wait for current(). */
  async index(): Promise<IndexedManifest | undefined> {
    return this.#snapshot ? undefined : this.#index;
  }

  /** Stops picking from an index that turned out not to match its manifest (told to onRefreshError). */
  dropIndex(error: unknown): void {
    this.#index = undefined;
    this.#options.onRefreshError?.(error);
  }

  /** Starts loading the whole catalog unless it is loaded or loading (after a pick from the index). */
  loadInBackground(): void {
    if (!this.#snapshot) this.#refreshInBackground();
  }

  /** The snapshot to answer from, reading storage when needed. Throws StorageUnavailableError when there is none to serve. */
  async current(): Promise<{ snapshot: CatalogSnapshot; freshness: Freshness }> {
    return this.peek() ?? { snapshot: await this.#refreshNow(), freshness: 'fresh' };
  }

  /** Starts a refresh unless one is running or the last failure asks to wait. */
  #refreshInBackground(): void {
    if (this.#refreshing || this.#options.now() < this.#retryAt) return;
    this.#refresh().catch(() => {
      // Already reported through onRefreshError; the stale snapshot stays in service.
    });
  }

  async #refreshNow(): Promise<CatalogSnapshot> {
    if (this.#refreshing) return this.#refreshing;
    const wait = this.#retryAt - this.#options.now();
    if (wait > 0) {
      throw new StorageUnavailableError('Photo storage failed recently; retrying shortly', Math.ceil(wait / 1000));
    }
    return this.#refresh();
  }

  #refresh(): Promise<CatalogSnapshot> {
    const run = this.#load().then(
      (snapshot) => {
        this.#snapshot = snapshot;
        this.#index = undefined;
        this.#failures = 0;
        this.#retryAt = 0;
        return snapshot;
      },
      (error: unknown) => {
        const { retryMs, maxRetryMs, now } = this.#options;
        const delay = Math.min(retryMs * 2 ** this.#failures, maxRetryMs);
        this.#failures++;
        this.#retryAt = now() + delay;
        // A catalog that cannot be read is not picked from through its index either.
        this.#index = undefined;
        this.#options.onRefreshError?.(error);
        throw error instanceof StorageUnavailableError
          ? error
          : new StorageUnavailableError('Photo storage cannot be read right now', Math.max(1, Math.ceil(delay / 1000)), { cause: error });
      },
    );
    this.#refreshing = run.finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #load(): Promise<CatalogSnapshot> {
    const previous = this.#snapshot;
    const read = await this.#store.readManifest(previous?.source === 'manifest' ? previous.manifestVersion : undefined);
    if (read && !read.photos && previous) {
      return { ...previous, loadedAt: this.#options.now() };
    }
    const source = read?.photos ? 'manifest' : 'list';
    const packed = await pack(read?.photos ?? this.#store.list(), this.#options.render);
    const snapshot: CatalogSnapshot = { ...packed, loadedAt: this.#options.now(), source };
    return read?.photos ? { ...snapshot, manifestVersion: read.version } : snapshot;
  }
}

/** Photo i's JSON bytes (no copy). */
export function bytesAt(snapshot: CatalogSnapshot, index: number): Buffer {
  return snapshot.chunks[snapshot.chunk[index]!]!.subarray(snapshot.start[index]!, snapshot.end[index]!);
}

/** Photo i's JSON, parsed. */
export function entryAt<T = PhotoRecord>(snapshot: CatalogSnapshot, index: number): T {
  return JSON.parse(bytesAt(snapshot, index).toString('utf8')) as T;
}

/** Chunk size: big enough for few allocations, small enough that the last one's slack does not matter. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Writes the photos' JSON into chunks as they stream in (no per-photo object
 * or buffer outlives the loop, and nothing is ever copied twice), then orders
 * an index of them by id, keeping the first of any duplicate id.
 */
async function pack(photos: AsyncIterable<PhotoRecord>, render: (record: PhotoRecord) => string) {
  const ids: string[] = [];
  const chunkOf: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const chunks: Buffer[] = [];
  let current = Buffer.alloc(0);
  let used = 0;
  for await (const record of photos) {
    const json = render(record);
    const length = Buffer.byteLength(json);
    if (used + length > current.length) {
      current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, length));
      chunks.push(current);
      used = 0;
    }
    current.write(json, used);
    ids.push(record.id);
    chunkOf.push(chunks.length - 1);
    starts.push(used);
    used += length;
    ends.push(used);
  }
  const order = ids.map((_, i) => i).sort((a, b) => compareCodePoints(ids[a]!, ids[b]!) || a - b);
  const kept = order.filter((index, i) => i === 0 || ids[order[i - 1]!] !== ids[index]);
  return {
    ids: new SortedIds(kept.map((i) => ids[i]!)),
    chunks,
    chunk: Uint32Array.from(kept, (i) => chunkOf[i]!),
    start: Uint32Array.from(kept, (i) => starts[i]!),
    end: Uint32Array.from(kept, (i) => ends[i]!),
  };
}
