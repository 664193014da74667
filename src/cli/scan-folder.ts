import fs from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_TYPES } from '../format/image-type.js';
import { isPhotoName, RESERVED_PREFIX } from '../format/photo-name.js';
import { SIDECAR_SUFFIX } from '../format/sidecar.js';

/** A photo file found in the folder. */
export interface SourceEntry {
  /** Its id once published: `<album>/<path in the folder>`, with `/` separators. */
  id: string;
  /** Its path in the folder, with `/` separators. */
  rel: string;
  file: string;
  /** `<photo>.json` beside it, when there is one. */
  sidecarFile?: string;
}

/** A file that is not published, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ScanResult {
  /** Sorted by id. */
  photos: SourceEntry[];
  skipped: SkippedFile[];
}

/** Image formats cameras and phones write that photo-frame does not publish (browsers cannot show most of them). */
const UNSUPPORTED_IMAGES = new Set([
  '.heic', '.heif', '.tif', '.tiff', '.bmp', '.jxl', '.svg', '.psd',
  '.dng', '.cr2', '.cr3', '.crw', '.nef', '.nrw', '.arw', '.srf', '.sr2', '.raf', '.orf', '.rw2', '.pef', '.srw', '.x3f', '.raw',
]);
const PUBLISHED = Object.keys(IMAGE_TYPES).join(', ');

/** Why a link or a special file in the folder is not read. */
const LINK = 'a symbolic link, not followed (it may lead outside the folder): copy the file or folder itself into the folder to publish it';
const SPECIAL = 'not a regular file (a pipe, socket or device): move it out of the folder';

/**
 * The regular files under `root`, `/`-separated and sorted, walked without
 * following a symbolic link: a link could publish files from outside the
 * folder, or loop (Node 20's recursive readdir follows links to folders).
 * Links and special files (a pipe would block the read forever) come back as
 * `skipped`, with the reason. Hidden files and folders, and photo-frame's own
 * `_photo-frame/`, are left out unread.
 */
export async function listFiles(root: string): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(rel ? path.join(root, rel) : root, { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.') || `${name}/`.startsWith(RESERVED_PREFIX)) continue;
      if (entry.isSymbolicLink()) skipped.push({ file: name, reason: LINK });
      else if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) files.push(name);
      else skipped.push({ file: name, reason: SPECIAL });
    }
  };
  await walk('');
  return { files: files.sort(), skipped };
}

/**
 * The photos in a folder and its subfolders, with their sidecars, and the
 * files that are not photos with the reason. Hidden files and folders, and
 * photo-frame's own `_photo-frame/`, are ignored; links are reported, never
 * followed.
 */
export async function scanFolder(root: string, album = ''): Promise<ScanResult> {
  // Both lists are new for this call: adding to `skipped` touches nobody else's.
  const { files: listed, skipped } = await listFiles(root);
  const files = new Set(listed);
  const photos: SourceEntry[] = [];
  for (const rel of files) {
    const file = path.join(root, rel);
    if (isPhotoName(rel)) {
      const sidecar = `${rel}${SIDECAR_SUFFIX}`;
      photos.push({ id: album ? `${album}/${rel}` : rel, rel, file, ...(files.has(sidecar) ? { sidecarFile: path.join(root, sidecar) } : {}) });
      continue;
    }
    if (rel.endsWith(SIDECAR_SUFFIX) && isPhotoName(rel.slice(0, -SIDECAR_SUFFIX.length))) {
      if (!files.has(rel.slice(0, -SIDECAR_SUFFIX.length))) skipped.push({ file: rel, reason: `a sidecar without its photo (${rel.slice(0, -SIDECAR_SUFFIX.length)} is not in the folder)` });
      continue;
    }
    const ext = path.extname(rel).toLowerCase();
    skipped.push({
      file: rel,
      reason: UNSUPPORTED_IMAGES.has(ext)
        ? `unsupported format (${ext}): photo-frame publishes ${PUBLISHED}; export it as JPEG to publish it`
        : `not a photo (photo-frame publishes ${PUBLISHED})`,
    });
  }
  photos.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { photos, skipped };
}
