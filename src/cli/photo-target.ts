import type { PhotoRecord } from '../format/photo-record.js';

/** A photo object as it is stored: its custom metadata (`toMetadata(record)` plus `sourcehash`). */
export interface StoredPhoto {
  metadata: Record<string, string>;
  /** Cloud Storage generation, so a replacement only lands on the version that was read. */
  generation?: string;
}

/** What a target holds when a run starts. */
export interface TargetState {
  /** The manifest's version as read (compared again when the new one is written); undefined when there is none. */
  manifestVersion: string | undefined;
  /** The photos the API shows now: the manifest's, or the store's own listing when there is no usable manifest. */
  current: PhotoRecord[];
  /** Why an existing manifest could not be used (it is then rewritten from the listing). */
  manifestProblem?: string;
  /** True when the catalog index (src/format/catalog-index.ts) matches the manifest; false without either. */
  indexCurrent: boolean;
  /** Photo objects whose id is in the run's scope (the album, or everything), by id. */
  objects: Map<string, StoredPhoto>;
  /** Things the reader of the target should know (an unreadable file in a local folder, say). */
  notes: string[];
}

/**
 * Where photos are published: a Cloud Storage bucket or a local folder with
 * the same object layout (`<id>`, `_photo-frame/manifest.jsonl`,
 * `_photo-frame/variants/...`). Every write is atomic: nothing half-written is
 * ever visible under a name.
 */
export interface PhotoTarget {
  /** `gs://bucket` or the folder's path, for messages. */
  readonly description: string;
  /** Reads the manifest and the photo objects whose id starts with `scope` ('' for all). */
  readState(scope: string): Promise<TargetState>;
  /** Stores a content-addressed variant; a variant already stored under that name is left as it is. */
  putVariant(name: string, bytes: Buffer, type: string): Promise<void>;
  /** Stores (or replaces) a photo with its metadata. `previous` is the object read at start, if any. */
  putPhoto(id: string, bytes: Buffer, type: string, metadata: Record<string, string>, previous?: StoredPhoto): Promise<void>;
  /** Replaces the manifest, unless it changed since `expectedVersion` was read: then throws ManifestConflictError. */
  writeManifest(text: string, expectedVersion: string | undefined): Promise<void>;
  /** Replaces the catalog index (after the manifest it indexes: an index of another manifest is never used). */
  writeIndex(text: string): Promise<void>;
  /** Every stored variant, with when it was stored (ms since epoch), for --prune. */
  listVariants(): Promise<{ name: string; created: number }[]>;
  /** Deletes a photo (with what the target keeps beside it) or a variant; a missing one is not an error. */
  remove(name: string): Promise<void>;
}

/** Cache policies: a photo keeps its name when re-published; a variant's name changes with its content. */
export const CACHE_CONTROL = {
  photo: 'public, max-age=300',
  variant: 'public, max-age=31536000, immutable',
  manifest: 'no-cache',
  index: 'no-cache',
} as const;
