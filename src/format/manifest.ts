import { compareCodePoints } from './compare-code-points.js';
import { RESERVED_PREFIX } from './photo-name.js';
import { toRecord, type PhotoRecord } from './photo-record.js';

/**
 * The manifest object: one read instead of listing the whole bucket. JSON
 * Lines (a header line, then one photo per line), so 100,000 photos are read
 * as a stream, line by line, never held as one 50 MB string.
 */
export const MANIFEST_NAME = `${RESERVED_PREFIX}manifest.jsonl`;

/** Thrown when a manifest cannot be used: the catalog keeps its last good snapshot. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** The manifest's first line. */
export interface ManifestHeader {
  photoFrameManifest: 1;
  generatedAt: string;
  /** How many photo lines follow: a manifest cut short is detected, not half-used. */
  count: number;
}

/**
 * The manifest as text: a header line, then one line per photo, in code point
 * order of id (the catalog's order, which the catalog index relies on).
 */
export function serializeManifest(photos: readonly PhotoRecord[], generatedAt = new Date().toISOString()): string {
  const header: ManifestHeader = { photoFrameManifest: 1, generatedAt, count: photos.length };
  const sorted = [...photos].sort((a, b) => compareCodePoints(a.id, b.id));
  return [header, ...sorted].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/**
 * Reads a manifest line by line, yielding each photo as it is read, so a
 * catalog of 100,000 photos never exists as 100,000 parsed objects at once.
 * Photos that cannot be shown are dropped; a bad header, a malformed line or
 * a wrong count throw ManifestError (after the photos read so far: the caller
 * must only use them once the whole manifest has been read).
 */
/** The photo a manifest line's parsed JSON names, or undefined when it names none this version can serve (the line is skipped). */
export function manifestRecord(value: unknown): PhotoRecord | undefined {
  const fields = value as Record<string, unknown> | null;
  return fields && typeof fields.id === 'string' ? toRecord(fields.id, fields) : undefined;
}

export async function* parseManifest(lines: AsyncIterable<string>): AsyncGenerator<PhotoRecord> {
  const fix = `re-run "blog-photo-frame upload" to rewrite ${MANIFEST_NAME}`;
  let header: ManifestHeader | undefined;
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ManifestError(`${MANIFEST_NAME} line ${count + (header ? 2 : 1)} is not JSON: ${fix}`);
    }
    if (!header) {
      const h = value as Partial<ManifestHeader> | null;
      if (h?.photoFrameManifest !== 1 || typeof h.count !== 'number') throw new ManifestError(`${MANIFEST_NAME} is not a version 1 manifest: ${fix}`);
      header = { photoFrameManifest: 1, generatedAt: String(h.generatedAt ?? ''), count: h.count };
      continue;
    }
    count++;
    const record = manifestRecord(value);
    if (record) yield record;
  }
  if (!header) throw new ManifestError(`${MANIFEST_NAME} is empty: ${fix}`);
  if (count !== header.count) throw new ManifestError(`${MANIFEST_NAME} names ${header.count} photos but holds ${count}: ${fix}`);
}
