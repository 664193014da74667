import type { Bucket, File } from '@google-cloud/storage';

export interface ListObjectsOptions {
  /** Only the objects whose name starts with this ('' for all). */
  prefix?: string;
  /** Objects per page: one request each. */
  pageSize?: number;
}

const DEFAULTS = { prefix: '', pageSize: 1000 };

/**
 * The objects of a bucket (under `prefix`), page by page: one page in memory
 * at a time, whatever the bucket's size. The client turns a list body it
 * cannot parse into an empty last page; this throws instead, so that "no
 * photos" is never concluded from a garbled answer.
 */
export async function* listObjects(bucket: Bucket, options: ListObjectsOptions = {}): AsyncGenerator<File> {
  const { prefix, pageSize } = { ...DEFAULTS, ...options };
  let pageToken: string | undefined;
  do {
    const [files, next, response] = await bucket.getFiles({
      autoPaginate: false,
      maxResults: pageSize,
      ...(prefix ? { prefix } : {}),
      ...(pageToken ? { pageToken } : {}),
    });
    if ((response as { kind?: unknown } | undefined)?.kind !== 'storage#objects') {
      throw new Error(`Listing gs://${bucket.name} returned an unreadable page`);
    }
    yield* files;
    pageToken = (next as { pageToken?: string } | null)?.pageToken;
  } while (pageToken);
}
