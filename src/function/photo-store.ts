import type { PhotoRecord } from '../format/photo-record.js';
import type { IndexedManifest } from './indexed-manifest.js';

/** The manifest a store holds, with a version that changes whenever it is rewritten. */
export interface ManifestRead {
  version: string;
  /**
   * The photos, read as they are iterated; undefined when `version` equals the
   * one the caller already has (nothing to download). Throws at the end of a
   * manifest that turns out to be broken.
   */
  photos?: AsyncIterable<PhotoRecord>;
}

/**
 * Where photos live: the embedded local folder or a Cloud Storage bucket.
 * The catalog calls these on refresh only, never per request.
 */
export interface PhotoStore {
  readonly kind: 'local' | 'gcs';
  /**
   * The manifest written by `blog-photo-frame upload`, or undefined when there is none.
   * Given the version the caller holds, an unchanged manifest is not read again.
   */
  readManifest(knownVersion?: string): Promise<ManifestRead | undefined>;
  /**
   * The catalog through its index (`blog-photo-frame upload` writes one beside
   * the manifest), for the picks a cold instance makes before the whole
   * manifest is read; undefined when there is no index that matches the
   * manifest, or the store cannot read parts of objects.
   */
  openIndex?(): Promise<IndexedManifest | undefined>;
  /** Every photo, by listing (used when there is no manifest). */
  list(): AsyncIterable<PhotoRecord>;
  /** The URL a browser loads a stored object (photo or variant) from. */
  url(name: string, requestBaseUrl: string): string | Promise<string>;
  /**
   * True when `url()` returns a string that depends neither on the request nor
   * on the time (public URLs): each photo's answer is then rendered once, when
   * the catalog loads, and sent as it is.
   */
  readonly fixedUrls: boolean;
}

/** Storage could not be read: the API answers 503 with Retry-After. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(message: string, readonly retryAfterS: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/** URL-encodes an object name segment by segment, so folders stay readable paths. */
export function encodeObjectPath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}
