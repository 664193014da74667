/**
 * The bucket the Cloud Storage store's tests serve: the HTTP fake of the GCS
 * JSON API (test/support/fake-gcs.ts) with published photos (one in an album
 * with a space and an ampersand in its name, one with variants), files that
 * are not photos and an image dropped in by hand; and the photo API started
 * on it.
 */
import { after, before, beforeEach } from 'node:test';
import type { Photo, PhotoList } from '../../../src/contract.js';
import { toMetadata, type PhotoRecord } from '../../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs } from '../../support/fake-gcs.js';
import { startApi, type TestApi } from '../../support/start-api.js';
import { waitFor } from '../../support/wait-for.js';

export const BUCKET = 'blog-photos';
export const JPEG = Buffer.from('fake jpeg bytes');

export const PHOTOS: PhotoRecord[] = [
  { id: '2024/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour', alt: 'Boats moored at a stone quay', date: '2024-06-01T21:40:00+02:00', placeholder: 'HBkSHYSIeHiPiHh8eJd4eIfwdoB3', variants: [{ name: '_photo-frame/variants/harbour-1280.webp', width: 1280, type: 'image/webp' }, { name: '_photo-frame/variants/harbour-640.webp', width: 640, type: 'image/webp' }] },
  { id: '2024/ridge.jpg', width: 1067, height: 1600, caption: 'Ridge' },
  { id: '2025/dunes.jpg', width: 2000, height: 850 },
  { id: 'lake.jpg', width: 1200, height: 1200, date: '2023-01-02T03:04:05Z' },
  { id: 'night sky/stars & moon.jpg', width: 1600, height: 1067, caption: 'Stars' },
];

/** The fake and the bucket in it, for the tests of one file. */
export class GcsPhotos {
  /** Set once the file's tests start. */
  fake!: FakeGcs;

  /** A client that fails at once instead of retrying, so fault tests are quick. */
  noRetry() {
    return this.fake.storage({ retryOptions: { autoRetry: false }, timeout: 2000 });
  }

  publish(record: PhotoRecord, contentType = 'image/jpeg'): void {
    this.fake.put(BUCKET, record.id, JPEG, { contentType, metadata: toMetadata(record) });
  }

  /** Removes every object from the bucket. */
  empty(): void {
    for (const name of this.fake.names(BUCKET)) this.fake.remove(BUCKET, name);
  }

  /** The bucket as every test starts with it: PHOTOS, and what must not be shown. */
  seed(): void {
    this.empty();
    for (const photo of PHOTOS) this.publish(photo);
    this.fake.put(BUCKET, 'README.txt', 'not a photo', { contentType: 'text/plain' });
    this.fake.put(BUCKET, 'notes.jpg', 'a text file with an image name', { contentType: 'text/plain' });
    this.fake.put(BUCKET, '_photo-frame/variants/harbour-640.webp', JPEG, { contentType: 'image/webp', metadata: { width: '640', height: '427' } });
    this.fake.put(BUCKET, 'dropped-by-hand.jpg', JPEG, { contentType: 'image/jpeg' });
  }
}

/**
 * The fake for the tests of the calling file (with BUCKET and an empty bucket):
 * started before them, closed after; before each test the bucket is seeded
 * again, with no fault and an empty request log.
 */
export function useGcsPhotos(): GcsPhotos {
  const gcs = new GcsPhotos();
  before(async () => {
    gcs.fake = await startFakeGcs({ buckets: [BUCKET, 'empty-bucket'] });
  });
  beforeEach(() => {
    gcs.seed();
    gcs.fake.fault(null);
    gcs.fake.resetRequests();
  });
  after(() => gcs.fake.close());
  return gcs;
}

/** Runs `run` against the photo API on BUCKET (with `env` and `options`), and closes it. */
export async function withApi<T>(env: NodeJS.ProcessEnv, options: Parameters<typeof startApi>[1], run: (api: TestApi) => Promise<T>): Promise<T> {
  const api = await startApi({ BUCKET, ...env }, options);
  try {
    return await run(api);
  } finally {
    await api.close();
  }
}

export async function listAll(api: TestApi): Promise<Photo[]> {
  return ((await (await api.get('/photos?limit=1000')).json()) as PhotoList).photos;
}

/**
 * Asks for a photo until one is answered from a fresh catalog (its request log
 * line says so): the refresh a stale catalog started has finished.
 */
export async function untilFresh(api: TestApi): Promise<void> {
  await waitFor(async () => {
    await api.get('/');
    return api.logs.filter((l) => l.httpRequest).at(-1)?.catalog === 'fresh';
  });
}

