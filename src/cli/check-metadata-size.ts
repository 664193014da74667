import { PhotoError } from './photo-error.js';

/** Cloud Storage's limits on an object's custom metadata, in bytes of UTF-8. */
export const METADATA_LIMITS = { value: 4096, total: 8192 } as const;

/**
 * Refuses, before anything of the photo is written, metadata Cloud Storage
 * would refuse: a value past 4 KiB, or names and values past 8 KiB in all.
 * A caption within its 4,096 characters can still be 12 KiB of accented or
 * non-Latin text. Checked for a folder target too, so what publishes to a
 * folder publishes to a bucket.
 */
export function checkMetadataSize(metadata: Readonly<Record<string, string>>): void {
  let total = 0;
  for (const [name, value] of Object.entries(metadata)) {
    const bytes = Buffer.byteLength(value);
    if (bytes > METADATA_LIMITS.value) {
      throw new PhotoError(
        `its ${name} takes ${bytes.toLocaleString('en')} bytes in UTF-8 and Cloud Storage keeps at most ${METADATA_LIMITS.value.toLocaleString('en')} per field: shorten it`,
      );
    }
    total += Buffer.byteLength(name) + bytes;
  }
  if (total > METADATA_LIMITS.total) {
    throw new PhotoError(
      `its metadata (caption, alt and the rest) takes ${total.toLocaleString('en')} bytes in UTF-8 and Cloud Storage keeps at most ` +
        `${METADATA_LIMITS.total.toLocaleString('en')} per photo: shorten the caption or the alt`,
    );
  }
}
