import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type Exifr from 'exifr';
import type { imageSize as ImageSize } from 'image-size';
import type { ManifestRead, PhotoStore } from './photo-store.js';
import { encodeObjectPath, StorageUnavailableError } from './photo-store.js';
import { logLine } from './request-log.js';
import {
  imageType, isoDate, isPhotoName, MANIFEST_NAME, parseSidecar, manifestPhotos, RESERVED_PREFIX, SIDECAR_SUFFIX, toRecord,
  type PhotoRecord, type Sidecar,
} from './photo-record.js';

export interface LocalStoreOptions {
  /** Base URL of the images instead of the API's own `/images/` (a CDN in front of the folder). */
  publicBaseUrl?: string;
}

/** An image file ready to be sent. */
export interface LocalImage {
  stream: () => ReadStream;
  size: number;
  type: string;
  etag: string;
  lastModified: Date;
}

/** EXIF orientations 5 to 8 turn the picture a quarter: width and height swap. */
const SIDEWAYS = new Set([5, 6, 7, 8]);

/** EXIF date "2024:06:01 18:30:00" plus offset "+02:00" as ISO 8601 (without an offset it stays local time). */
export function exifDate(value: unknown, offset?: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return undefined;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  return isoDate(typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? local + offset : local);
}

const strongEtag = (bytes: Buffer) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

/**
 * The embedded default store: a folder on disk (the repo's `demo/photos`).
 * Dimensions come from the files, captions and dates from each photo's sidecar
 * (`lake.jpg.json`), falling back to its EXIF; a manifest written by
 * `photo-frame upload --to` is read instead when present. It also serves the
 * image bytes itself, and only files it listed: no path outside the catalog,
 * let alone outside the folder, can be read.
 */
export class LocalStore implements PhotoStore {
  readonly kind = 'local';
  readonly root: string;
  readonly #options: LocalStoreOptions;
  /** Names this store may serve (photos and their variants), replaced on each load. */
  #servable = new Set<string>();
  #etags = new Map<string, { size: number; mtimeMs: number; etag: string }>();

  constructor(root: string, options: LocalStoreOptions = {}) {
    this.root = path.resolve(root);
    this.#options = options;
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
    return { version, photos: this.#present(manifestPhotos(lines)) };
  }

  /** The manifest's photos whose files are really there; they become the servable names once all are read. */
  async *#present(photos: AsyncIterable<PhotoRecord>): AsyncIterable<PhotoRecord> {
    const servable = new Set<string>();
    for await (const photo of photos) {
      if (!(await this.#isInside(photo.id))) continue;
      servable.add(photo.id);
      for (const variant of photo.variants ?? []) servable.add(variant.name);
      yield photo;
    }
    this.#servable = servable;
  }

  async *list(): AsyncIterable<PhotoRecord> {
    let names: string[];
    try {
      names = (await fs.readdir(this.root, { recursive: true })).map((n) => n.split(path.sep).join('/')).sort();
    } catch (error) {
      throw this.#unavailable(error);
    }
    const servable = new Set<string>();
    for (const name of names) {
      if (!isPhotoName(name) || name.split('/').some((part) => part.startsWith('.'))) continue;
      const record = await this.#read(name);
      if (record) {
        servable.add(name);
        yield record;
      }
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
    if (!this.#servable.has(name) || !(await this.#isInside(name))) return undefined;
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

  /** True when the name is a regular file whose real path (links resolved) is inside the folder. */
  async #isInside(name: string): Promise<boolean> {
    if (name.includes('\0') || path.isAbsolute(name) || name.split('/').includes('..')) return false;
    try {
      const [root, real] = await Promise.all([fs.realpath(this.root), fs.realpath(path.join(this.root, name))]);
      return real.startsWith(root + path.sep) && (await fs.stat(real)).isFile();
    } catch {
      return false;
    }
  }

  async #read(name: string): Promise<PhotoRecord | undefined> {
    if (!(await this.#isInside(name)) || name.startsWith(RESERVED_PREFIX)) return undefined;
    const file = path.join(this.root, name);
    try {
      const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
      this.#etags.set(name, { size: stat.size, mtimeMs: stat.mtimeMs, etag: strongEtag(bytes) });
      const { exifr, imageSize } = await imageReaders();
      const size = imageSize(bytes);
      const exif = (await exifr.parse(bytes, {
        pick: ['Orientation', 'ImageDescription', 'DateTimeOriginal', 'OffsetTimeOriginal'],
        translateValues: false,
        reviveValues: false,
      }).catch(() => undefined)) as Record<string, unknown> | undefined;
      const orientation = Number(exif?.Orientation ?? size.orientation ?? 1);
      const [width, height] = SIDEWAYS.has(orientation) ? [size.height, size.width] : [size.width, size.height];
      const sidecar = await this.#sidecar(name);
      return toRecord(name, {
        width,
        height,
        caption: sidecar.caption ?? exif?.ImageDescription,
        alt: sidecar.alt,
        date: sidecar.date ?? exifDate(exif?.DateTimeOriginal, exif?.OffsetTimeOriginal),
      });
    } catch (error) {
      // One unreadable file must not hide the others.
      logLine('WARNING', `Skipping ${name}: ${(error as Error).message}`);
      return undefined;
    }
  }

  async #sidecar(name: string): Promise<Sidecar> {
    const file = path.join(this.root, name + SIDECAR_SUFFIX);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return {};
    }
    try {
      // Windows editors start UTF-8 with a byte-order mark, which JSON.parse refuses.
      return parseSidecar(JSON.parse(text.replace(/^\uFEFF/, '')), name + SIDECAR_SUFFIX);
    } catch (error) {
      logLine('WARNING', `Ignoring ${name}${SIDECAR_SUFFIX}: ${(error as Error).message}`);
      return {};
    }
  }

  #unavailable(error: unknown): StorageUnavailableError {
    return new StorageUnavailableError(`The photo folder ${this.root} cannot be read: check PHOTOS_DIR`, 5, { cause: error });
  }
}

interface ImageReaders {
  exifr: typeof Exifr;
  imageSize: typeof ImageSize;
}
let readers: Promise<ImageReaders> | undefined;

/**
 * The image parsers, loaded on the first photo read. The function's entry
 * point imports this store whatever the configuration, and a deployment on
 * Cloud Storage never reads an image file: loaded up front they cost it about
 * 0.7 MB of JavaScript heap (which every full collection walks) and 5 MB of
 * memory (measured on the built function at start-up, after a full GC).
 */
function imageReaders(): Promise<ImageReaders> {
  // exifr's types name exports its CommonJS build (what Node loads) only has on `default`.
  readers ??= Promise.all([import('exifr'), import('image-size')]).then(([exifr, size]) => ({ exifr: exifr.default as typeof Exifr, imageSize: size.imageSize }));
  return readers;
}
