import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type Exifr from 'exifr';
import type { imageSize as ImageSize } from 'image-size';
import { exifDate } from './exif-date.js';
import { isInsideFolder } from './is-inside-folder.js';
import { DETAIL_TAGS, exifDetails, mergeDetails } from './stored-details.js';
import { isPhotoName } from './photo-name.js';
import { toRecord, type PhotoRecord } from './photo-record.js';
import { parseSidecar, SIDECAR_SUFFIX, type Sidecar } from './sidecar.js';

/** A photo read from a folder, with the bytes and facts it was read from. */
export interface FolderPhoto {
  record: PhotoRecord;
  bytes: Buffer;
  stat: Stats;
}

export interface ListFolderPhotosOptions {
  /** Told about each file that is skipped or sidecar that is ignored, with why. */
  onWarning?: (message: string) => void;
}

const DEFAULTS = { onWarning: (_message: string) => {} };

/** EXIF orientations 5 to 8 turn the picture a quarter: width and height swap. */
const SIDEWAYS = new Set([5, 6, 7, 8]);

/**
 * The photos of a folder that has no manifest, as the photo API's local store
 * shows them (and as upload reads a target folder it publishes into), sorted
 * by name: dimensions from the files, upright; caption, alt, date and details
 * from each photo's sidecar (`lake.jpg.json`), else from its EXIF. Hidden files and
 * photo-frame's own folder are left out; a file that cannot be read is
 * skipped with a warning, never hiding the others. Throws when the folder
 * itself cannot be read.
 */
export async function* listFolderPhotos(root: string, options: ListFolderPhotosOptions = {}): AsyncGenerator<FolderPhoto> {
  const { onWarning } = { ...DEFAULTS, ...options };
  const names = (await fs.readdir(root, { recursive: true })).map((n) => n.split(path.sep).join('/')).sort();
  for (const name of names) {
    if (!isPhotoName(name) || name.split('/').some((part) => part.startsWith('.'))) continue;
    if (!(await isInsideFolder(root, name))) continue;
    const photo = await readPhoto(root, name, onWarning).catch((error: unknown) => {
      onWarning(`Skipping ${name}: ${(error as Error).message}`);
      return undefined;
    });
    if (photo) yield photo;
  }
}

async function readPhoto(root: string, name: string, onWarning: (message: string) => void): Promise<FolderPhoto | undefined> {
  const file = path.join(root, name);
  const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
  const { exifr, imageSize } = await imageReaders();
  const size = imageSize(bytes);
  const exif = (await exifr.parse(bytes, {
    pick: ['Orientation', 'ImageDescription', 'DateTimeOriginal', 'OffsetTimeOriginal', ...DETAIL_TAGS],
    translateValues: false,
    reviveValues: false,
  }).catch(() => undefined)) as Record<string, unknown> | undefined;
  const orientation = Number(exif?.Orientation ?? size.orientation ?? 1);
  const [width, height] = SIDEWAYS.has(orientation) ? [size.height, size.width] : [size.width, size.height];
  const sidecar = await readSidecar(root, name, onWarning);
  const record = toRecord(name, {
    width,
    height,
    caption: sidecar.caption ?? exif?.ImageDescription,
    alt: sidecar.alt,
    date: sidecar.date ?? exifDate(exif?.DateTimeOriginal, exif?.OffsetTimeOriginal),
    ...mergeDetails(exifDetails(exif ?? {}), sidecar),
  });
  return record && { record, bytes, stat };
}

/** The photo's sidecar, or nothing; a malformed one is ignored with a warning (the photo still shows). */
async function readSidecar(root: string, name: string, onWarning: (message: string) => void): Promise<Sidecar> {
  let text: string;
  try {
    text = await fs.readFile(path.join(root, name + SIDECAR_SUFFIX), 'utf8');
  } catch {
    return {};
  }
  try {
    // Windows editors start UTF-8 with a byte-order mark, which JSON.parse refuses.
    return parseSidecar(JSON.parse(text.replace(/^\uFEFF/, '')), name + SIDECAR_SUFFIX);
  } catch (error) {
    onWarning(`Ignoring ${name}${SIDECAR_SUFFIX}: ${(error as Error).message}`);
    return {};
  }
}

interface ImageReaders {
  exifr: typeof Exifr;
  imageSize: typeof ImageSize;
}
let readers: Promise<ImageReaders> | undefined;

/**
 * The image parsers, loaded on the first photo read: the photo API imports
 * this module whatever its store, and on Cloud Storage it never reads an
 * image file, so it should not carry them.
 */
function imageReaders(): Promise<ImageReaders> {
  // exifr's types name exports its CommonJS build (what Node loads) only has on `default`.
  readers ??= Promise.all([import('exifr'), import('image-size')]).then(([exifr, size]) => ({ exifr: exifr.default as typeof Exifr, imageSize: size.imageSize }));
  return readers;
}
