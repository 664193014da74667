import type { PhotoStore } from './photo-store.js';
import { StorageUnavailableError } from './photo-store.js';
import type { PhotoRecord } from './photo-record.js';

/**
 * What the catalog holds between refreshes: every photo, sorted by id. Each
 * photo is kept as one compact JSON string (parsed again only when it is
 * answered), which holds 100,000 photos in a fraction of the memory that as
 * many objects would take; the ids alone are searched.
 */
export interface CatalogSnapshot {
  /** Every photo's id, sorted: albums are ranges, seeds are stable. */
  readonly ids: readonly string[];
  /** `JSON.stringify(record)` of each photo, in the order of `ids`. */
  readonly records: readonly string[];
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
}

const DEFAULTS = { ttlMs: 60_000, staleIfErrorMs: 86_400_000, retryMs: 1_000, maxRetryMs: 60_000, now: Date.now };

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
  #refreshing: Promise<CatalogSnapshot> | undefined;
  #failures = 0;
  #retryAt = 0;
  /** Refreshes started so far (tests and logs read it). */
  refreshes = 0;

  constructor(store: PhotoStore, options: CatalogOptions = {}) {
    this.#store = store;
    this.#options = { ...DEFAULTS, ...options };
  }

  get snapshot(): CatalogSnapshot | undefined {
    return this.#snapshot;
  }

  /** The snapshot to answer from, and whether it is fresh. Throws StorageUnavailableError when there is none to serve. */
  async current(): Promise<{ snapshot: CatalogSnapshot; freshness: Freshness }> {
    const { ttlMs, staleIfErrorMs, now } = this.#options;
    const snapshot = this.#snapshot;
    const age = snapshot ? now() - snapshot.loadedAt : Infinity;
    if (snapshot && age < ttlMs) return { snapshot, freshness: 'fresh' };
    if (snapshot && age < ttlMs + staleIfErrorMs) {
      this.#refreshInBackground();
      return { snapshot, freshness: 'stale' };
    }
    return { snapshot: await this.#refreshNow(), freshness: 'fresh' };
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
    this.refreshes++;
    const run = this.#load().then(
      (snapshot) => {
        this.#snapshot = snapshot;
        this.#failures = 0;
        this.#retryAt = 0;
        return snapshot;
      },
      (error: unknown) => {
        const { retryMs, maxRetryMs, now } = this.#options;
        const delay = Math.min(retryMs * 2 ** this.#failures, maxRetryMs);
        this.#failures++;
        this.#retryAt = now() + delay;
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
    const { ids, records } = await compact(read?.photos ?? this.#store.list());
    const snapshot: CatalogSnapshot = { ids, records, loadedAt: this.#options.now(), source };
    return read?.photos ? { ...snapshot, manifestVersion: read.version } : snapshot;
  }
}

/** The photo at `index` of a snapshot, as a record. */
export function recordAt(snapshot: CatalogSnapshot, index: number): PhotoRecord {
  return JSON.parse(snapshot.records[index]!) as PhotoRecord;
}

/** Reads the photos as they come, keeping each as one string; sorted by id, one per id. */
async function compact(photos: AsyncIterable<PhotoRecord>): Promise<{ ids: string[]; records: string[] }> {
  const entries: [string, string][] = [];
  for await (const record of photos) entries.push([record.id, JSON.stringify(record)]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const ids: string[] = [];
  const records: string[] = [];
  for (const [id, json] of entries) {
    if (ids[ids.length - 1] === id) continue;
    ids.push(id);
    records.push(json);
  }
  return { ids, records };
}
