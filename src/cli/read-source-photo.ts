import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { SIDECAR_SUFFIX, type Sidecar } from '../format/sidecar.js';
import { readSidecar } from './read-sidecar.js';
import type { SourceEntry } from './scan-folder.js';

/** A photo read from the folder, with the hash that tells whether it must be published again. */
export interface SourcePhoto extends SourceEntry {
  bytes: Buffer;
  sidecar: Sidecar;
  mtime: Date;
  /** SHA-256 (hex) of the photo's bytes, its sidecar's text and the settings that change what is published. */
  sourcehash: string;
}

/** Bumped whenever what is published for the same input changes, so every photo is published again. */
const PIPELINE_VERSION = 'photo-frame-upload/2';

/**
 * Reads a photo and its sidecar. `settings` is a text form of the options
 * that change the output (`--keep-location`, the variant widths...): a photo
 * published with other settings is published again. A malformed sidecar is
 * a PhotoError (see readSidecar).
 */
export async function readSourcePhoto(entry: SourceEntry, settings: string): Promise<SourcePhoto> {
  const [bytes, stat, sidecarBytes] = await Promise.all([
    fs.readFile(entry.file),
    fs.stat(entry.file),
    entry.sidecarFile ? fs.readFile(entry.sidecarFile) : undefined,
  ]);
  const { text: sidecarText, sidecar } = sidecarBytes ? readSidecar(sidecarBytes, `${entry.rel}${SIDECAR_SUFFIX}`) : { text: undefined, sidecar: {} };
  const hash = createHash('sha256');
  for (const part of [PIPELINE_VERSION, settings, sidecarText ?? '\0no sidecar']) hash.update(`${Buffer.byteLength(part)}:${part}\n`);
  hash.update(bytes);
  return { ...entry, bytes, sidecar, mtime: stat.mtime, sourcehash: hash.digest('hex') };
}
