import { createReadStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { imageType } from '../format/image-type.js';
import { isInsideFolder } from '../format/is-inside-folder.js';
import { listFolderPhotos } from '../format/list-folder-photos.js';
import { MANIFEST_NAME, parseManifest } from '../format/manifest.js';
import type { PhotoRecord } from '../format/photo-record.js';
import { strongEtag } from './etag.js';
import type { ManifestRead, PhotoStore } from './photo-store.js';
import { encodeObjectPath, StorageUnavailableError } from './photo-store.js';
import { logLine } from './request-log.js';

export interface LocalStoreOptions {
  /** Base URL of the images instead of the API's own `/images/` (a CDN in front of the folder). */
  publicBaseUrl?: string;
  /** Told about a photo file that is skipped or a sidecar that is ignored, with why; by default a WARNING log line. */
  onWarning?: (message: string) => void;
}

const DEFAULTS = { onWarning: (message: string) => logLine('WARNING', message) };

/** An image file ready to be sent. */
export interface LocalImage {
  stream: () => ReadStream;
  size: number;
  type: string;
  etag: string;
  lastModified: Date;
}

/**
 * The embedded default store: a folder on disk (the repo's `demo/photos`).
 * It reads the manifest written by `blog-photo-frame upload --to` when there is
 * one, else the folder's photos with their sidecars (`listFolderPhotos`). It
 * also serves the image bytes itself, and only files it listed: no path
 * outside the catalog, let alone outside the folder, can be read.
 */
export class LocalStore implements PhotoStore {
  readonly kind = 'local';
  readonly root: string;
  readonly #options: LocalStoreOptions & typeof DEFAULTS;
  /** Names this store may serve (photos and their variants), replaced on each load. */
  #servable = new Set<string>();
  #etags = new Map<string, { size: number; mtimeMs: number; etag: string }>();

  constructor(root: string, options: LocalStoreOptions = {}) {
    this.root = path.resolve(root);
    this.#options = { ...DEFAULTS, ...options };
  }

  async readManifest(knownVersion?: string): Promise<ManifestRead | undefined> {
    const file = path.join(this.root, MANIFEST_NAME);
    let stat;
    try {
      stat = await fs.stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw this.#unavailable(error);
    }
    const version = `${stat.size}-${stat.mtimeMs}`;
    if (version === knownVersion) return { version };
    const lines = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    return { version, photos: this.#present(parseManifest(lines)) };
  }

  /** The manifest's photos whose files are really there; they become the servable names once all are read. */
  async *#present(photos: AsyncIterable<PhotoRecord>): AsyncIterable<PhotoRecord> {
    const servable = new Set<string>();
    for await (const photo of photos) {
      if (!(await isInsideFolder(this.root, photo.id))) continue;
      servable.add(photo.id);
      for (const variant of photo.variants ?? []) servable.add(variant.name);
      yield photo;
    }
    this.#servable = servable;
  }

  async *list(): AsyncIterable<PhotoRecord> {
    const servable = new Set<string>();
    const photos = listFolderPhotos(this.root, { onWarning: this.#options.onWarning });
    try {
      for await (const { record, bytes, stat } of photos) {
        // Hashed now, from the bytes just read: serving the image needs no second read.
        this.#etags.set(record.id, { size: stat.size, mtimeMs: stat.mtimeMs, etag: strongEtag(bytes) });
        servable.add(record.id);
        yield record;
      }
    } catch (error) {
      throw this.#unavailable(error);
    }
    this.#servable = servable;
  }

  /** Fixed only behind PUBLIC_BASE_URL: otherwise the images come from the API's own origin, as the request names it. */
  get fixedUrls(): boolean {
    return this.#options.publicBaseUrl !== undefined;
  }

  url(name: string, requestBaseUrl: string): string {
    return `${this.#options.publicBaseUrl ?? `${requestBaseUrl}/images`}/${encodeObjectPath(name)}`;
  }

  /** The image to send for a name from the catalog, or undefined for anything else. */
  async open(name: string): Promise<LocalImage | undefined> {
    if (!this.#servable.has(name) || !(await isInsideFolder(this.root, name))) return undefined;
    const file = path.join(this.root, name);
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return undefined;
    }
    let etag = this.#etags.get(name);
    if (etag?.size !== stat.size || etag.mtimeMs !== stat.mtimeMs) {
      // Changed since listed (or a variant, never hashed): hash once more.
      etag = { size: stat.size, mtimeMs: stat.mtimeMs, etag: strongEtag(await fs.readFile(file)) };
      this.#etags.set(name, etag);
    }
    return {
      stream: () => createReadStream(file),
      size: stat.size,
      type: imageType(name) ?? 'application/octet-stream',
      etag: etag.etag,
      lastModified: stat.mtime,
    };
  }

  #unavailable(error: unknown): StorageUnavailableError {
    return new StorageUnavailableError(`The photo folder ${this.root} cannot be read: check PHOTOS_DIR`, 5, { cause: error });
  }
}
