import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { INDEX_NAME, indexMatches, md5Base64 } from '../format/catalog-index.js';
import { listFolderPhotos } from '../format/list-folder-photos.js';
import { MANIFEST_NAME, ManifestError, parseManifest } from '../format/manifest.js';
import { isPhotoName, RESERVED_PREFIX } from '../format/photo-name.js';
import type { PhotoRecord } from '../format/photo-record.js';
import { ManifestConflictError } from './manifest-conflict-error.js';
import { VARIANT_PREFIX } from './render-photo.js';
import { listFiles } from './scan-folder.js';
import type { PhotoTarget, StoredPhoto, TargetState } from './photo-target.js';

/**
 * Where a published photo's metadata is kept in a folder (what custom
 * metadata is in a bucket): `_photo-frame/metadata/<id>.json`. The photo API
 * never reads it (it reads the manifest); the next upload does.
 */
export const METADATA_PREFIX = `${RESERVED_PREFIX}metadata/`;

/** File names longer than this are refused by Linux, macOS and Windows file systems alike. */
const MAX_NAME_BYTES = 255;

/**
 * Where the metadata of photo `id` is kept: `<id>.json` under
 * METADATA_PREFIX, unless the photo's own name is so long (251 to 255 bytes)
 * that `.json` would pass the file system's limit; then the SHA-256 of that
 * name stands for it (a photo's name ends in its image extension, never in 64
 * hex digits, so the two cannot meet).
 */
export function metadataName(id: string): string {
  const slash = id.lastIndexOf('/') + 1;
  const base = id.slice(slash);
  const file = Buffer.byteLength(`${base}.json`) > MAX_NAME_BYTES ? sha256(Buffer.from(base)) : base;
  return `${METADATA_PREFIX}${id.slice(0, slash)}${file}.json`;
}

const TEMP_SUFFIX = '.photo-frame-tmp';
const LOCK_NAME = `${RESERVED_PREFIX}.manifest.lock`;

const exists = (error: unknown) => (error as NodeJS.ErrnoException).code !== 'ENOENT';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** True while a process with this id runs (a temp file or lock of a live run is left alone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Publishes to a local folder in the bucket's object layout, which the photo
 * API's local store serves (`PHOTOS_DIR`). Every file is written to a hidden
 * temporary file in the same folder and renamed into place, so no
 * half-written file is ever visible under a photo's name.
 */
export class FolderTarget implements PhotoTarget {
  readonly root: string;
  readonly description: string;
  #cleaned: Promise<void> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.description = this.root;
  }

  async readState(scope: string): Promise<TargetState> {
    const notes: string[] = [];
    const manifest = await this.#readManifest();
    if (manifest.problem) notes.push(`${path.join(this.root, MANIFEST_NAME)} cannot be used (${manifest.problem}): it is rewritten`);
    const objects = new Map<string, StoredPhoto>();
    for (const name of await this.#photoNames()) {
      if (!name.startsWith(scope)) continue;
      objects.set(name, { metadata: await this.#metadata(name) });
    }
    const current = manifest.photos ?? (await this.#listed(notes));
    return {
      manifestVersion: manifest.version,
      current,
      objects,
      notes,
      indexCurrent: manifest.bytes !== undefined && manifest.photos !== undefined && indexMatches(await this.#readText(INDEX_NAME), { md5: md5Base64(manifest.bytes), bytes: manifest.bytes.length }),
      ...(manifest.problem ? { manifestProblem: manifest.problem } : {}),
    };
  }

  async putVariant(name: string, bytes: Buffer): Promise<void> {
    try {
      await fs.access(this.#file(name));
      return; // content-addressed: already there
    } catch {
      await this.#write(name, bytes);
    }
  }

  async putPhoto(id: string, bytes: Buffer, _type: string, metadata: Record<string, string>): Promise<void> {
    // The photo first, its metadata last: metadata never vouches for a file that is not in place.
    await this.#write(id, bytes);
    await this.#write(metadataName(id), Buffer.from(JSON.stringify(metadata) + '\n'));
  }

  async writeManifest(text: string, expectedVersion: string | undefined): Promise<void> {
    await this.#cleanup();
    const lock = this.#file(LOCK_NAME);
    await fs.mkdir(path.dirname(lock), { recursive: true });
    await this.#lock(lock);
    try {
      const now = (await this.#readManifestBytes())?.version;
      if (now !== expectedVersion) {
        throw new ManifestConflictError(
          `Another upload changed ${this.#file(MANIFEST_NAME)} while this one ran. ` +
            'The photos of this run are in place, but the manifest naming them was not written: run the command again.',
        );
      }
      await this.#write(MANIFEST_NAME, Buffer.from(text));
    } finally {
      await fs.rm(lock, { force: true });
    }
  }

  async writeIndex(text: string): Promise<void> {
    await this.#write(INDEX_NAME, Buffer.from(text));
  }

  async listVariants(): Promise<{ name: string; created: number }[]> {
    const dir = this.#file(VARIANT_PREFIX.slice(0, -1));
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const out: { name: string; created: number }[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
      if (stat?.isFile()) out.push({ name: `${VARIANT_PREFIX}${name}`, created: stat.mtimeMs });
    }
    return out;
  }

  async remove(name: string): Promise<void> {
    const files = [this.#file(name), ...(name.startsWith(RESERVED_PREFIX) ? [] : [this.#file(metadataName(name))])];
    for (const file of files) {
      await fs.rm(file, { force: true });
      // Folders the removal emptied go too (rmdir refuses a folder that still holds anything).
      for (let dir = path.dirname(file); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
        if (!(await fs.rmdir(dir).then(() => true, () => false))) break;
      }
    }
  }

  #file(name: string): string {
    if (name.includes('\0') || path.isAbsolute(name) || name.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`Refusing to write outside ${this.root}: ${JSON.stringify(name)}`);
    }
    return path.join(this.root, ...name.split('/'));
  }

  /** Writes a hidden temporary file beside the target, then renames it into place (atomic on one file system). */
  async #write(name: string, bytes: Buffer): Promise<void> {
    await this.#cleanup();
    const file = this.#file(name);
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true });
    // Not named after the file: a photo's name may already be as long as the file system allows (255 bytes).
    const temp = path.join(dir, `.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    try {
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  /** Once per run, before the first write: removes temporary files that a killed run left behind. */
  #cleanup(): Promise<void> {
    this.#cleaned ??= (async () => {
      let names: string[];
      try {
        names = await fs.readdir(this.root, { recursive: true });
      } catch {
        return;
      }
      for (const name of names) {
        const match = /\.(\d+)-[0-9a-f]+\.photo-frame-tmp$/.exec(name);
        if (match && !alive(Number(match[1]))) await fs.rm(path.join(this.root, name), { force: true });
      }
    })();
    return this.#cleaned;
  }

  /** Takes the manifest lock (exclusive create); a lock left by a process that is gone is taken over. */
  async #lock(lock: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) await fs.rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ManifestConflictError(`Another upload is writing ${this.#file(MANIFEST_NAME)} (lock ${lock}): wait for it to finish, then run the command again`);
  }

  async #readManifestBytes(): Promise<{ bytes: Buffer; version: string } | undefined> {
    try {
      const bytes = await fs.readFile(this.#file(MANIFEST_NAME));
      return { bytes, version: sha256(bytes) };
    } catch (error) {
      if (exists(error)) throw error;
      return undefined;
    }
  }

  async #readManifest(): Promise<{ version?: string; bytes?: Buffer; photos?: PhotoRecord[]; problem?: string }> {
    const read = await this.#readManifestBytes();
    if (!read) return {};
    const photos: PhotoRecord[] = [];
    try {
      for await (const photo of parseManifest(lines(read.bytes.toString('utf8')))) photos.push(photo);
    } catch (error) {
      if (error instanceof ManifestError) return { version: read.version, problem: error.message };
      throw error;
    }
    return { version: read.version, bytes: read.bytes, photos };
  }

  /** A file of the target as text, or undefined when it cannot be read. */
  async #readText(name: string): Promise<string | undefined> {
    return fs.readFile(this.#file(name), 'utf8').catch(() => undefined);
  }

  /** The published photos: listed as the upload lists its source, so a link in the target is never followed either. */
  async #photoNames(): Promise<string[]> {
    try {
      return (await listFiles(this.root)).files.filter(isPhotoName);
    } catch (error) {
      if (exists(error)) throw error;
      return [];
    }
  }

  async #metadata(id: string): Promise<Record<string, string>> {
    try {
      const value: unknown = JSON.parse(await fs.readFile(this.#file(metadataName(id)), 'utf8'));
      const out: Record<string, string> = {};
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
      return out;
    } catch {
      return {}; // none, or unreadable: the photo is then published again
    }
  }

  /** Without a manifest, what the photo API shows is the folder's photos as its local store reads them. */
  async #listed(notes: string[]): Promise<PhotoRecord[]> {
    try {
      await fs.access(this.root);
    } catch {
      return [];
    }
    const photos: PhotoRecord[] = [];
    for await (const { record } of listFolderPhotos(this.root, { onWarning: (message) => notes.push(message) })) photos.push(record);
    return photos;
  }
}

async function* lines(text: string): AsyncGenerator<string> {
  yield* text.split('\n');
}
