import readline from 'node:readline';
import { Storage, type File } from '@google-cloud/storage';
import { MANIFEST_NAME, parseManifest } from '../format/manifest.js';
import { isPhotoName } from '../format/photo-name.js';
import { toRecord, type PhotoRecord } from '../format/photo-record.js';
import { listObjects } from '../gcs/list-objects.js';
import type { ManifestRead, PhotoStore } from './photo-store.js';
import { encodeObjectPath } from './photo-store.js';
import { logLine } from './request-log.js';

export interface GcsStoreOptions {
  /** A client to use (tests point one at a fake); by default one honouring STORAGE_EMULATOR_HOST. */
  storage?: Storage;
  projectId?: string;
  urlMode?: 'public' | 'signed';
  /** CDN or custom domain serving the bucket; signed URLs use it as their host. */
  publicBaseUrl?: string;
  /** Signed URLs stay the same within a window of this many seconds. */
  signedUrlWindowS?: number;
  /** Objects per list page. */
  pageSize?: number;
  now?: () => number;
  /** Told about images the listing cannot show; by default a WARNING log line. */
  onWarning?: (message: string) => void;
}

const DEFAULTS = {
  urlMode: 'public',
  signedUrlWindowS: 3600,
  pageSize: 1000,
  now: Date.now,
  onWarning: (message: string) => logLine('WARNING', message),
} as const;

/**
 * Bounded retries and timeout: the catalog keeps serving its snapshot meanwhile
 * and retries on its own schedule (a cut-off answer otherwise hangs for 60 s).
 */
export const CLIENT_OPTIONS = { retryOptions: { autoRetry: true, maxRetries: 2, maxRetryDelay: 2, totalTimeout: 20 }, timeout: 10_000 };

/**
 * Photos in a Cloud Storage bucket. Reads the manifest that `blog-photo-frame upload`
 * writes when there is one (one small request when unchanged), else lists the
 * bucket page by page, keeping only the fields a photo needs.
 */
export class GcsStore implements PhotoStore {
  readonly kind = 'gcs';
  readonly #bucket;
  readonly #options;
  #signed = new Map<string, string>();
  #signedWindow = -1;

  constructor(readonly bucketName: string, options: GcsStoreOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    const storage = options.storage ?? new Storage({ ...CLIENT_OPTIONS, ...(options.projectId ? { projectId: options.projectId } : {}) });
    this.#bucket = storage.bucket(bucketName);
  }

  async readManifest(knownVersion?: string): Promise<ManifestRead | undefined> {
    const file = this.#bucket.file(MANIFEST_NAME);
    let generation: string;
    try {
      const [metadata] = await file.getMetadata();
      generation = String(metadata.generation);
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
    if (generation === knownVersion) return { version: generation };
    // Pinning the generation keeps metadata and bytes of one and the same manifest.
    const stream = this.#bucket.file(MANIFEST_NAME, { generation }).createReadStream();
    return { version: generation, photos: parseManifest(readline.createInterface({ input: stream, crlfDelay: Infinity })) };
  }

  async *list(): AsyncIterable<PhotoRecord> {
    let unpublished = 0;
    for await (const file of listObjects(this.#bucket, { pageSize: this.#options.pageSize })) {
      const record = toPhotoRecord(file);
      if (record) yield record;
      else if (record === null) unpublished++;
    }
    if (unpublished > 0) {
      // Without width and height the element cannot reserve the photo's box: say so rather than hide it silently.
      this.#options.onWarning(`${unpublished} image(s) in gs://${this.bucketName} have no width/height metadata and are not shown: publish them with "blog-photo-frame upload"`);
    }
  }

  get fixedUrls(): boolean {
    return this.#options.urlMode === 'public';
  }

  url(name: string): string | Promise<string> {
    const { urlMode, publicBaseUrl } = this.#options;
    if (urlMode === 'public') {
      return `${publicBaseUrl ?? `${this.#bucket.storage.apiEndpoint}/${this.bucketName}`}/${encodeObjectPath(name)}`;
    }
    return this.#signedUrl(name);
  }

  /**
   * A V4 signed URL whose expiry is rounded up to the end of the next window:
   * the same photo keeps the same URL for a whole window, so browsers and the
   * service worker cache it, and signing (an IAM call on Cloud Functions)
   * happens once per photo per window, not per request.
   */
  async #signedUrl(name: string): Promise<string> {
    const windowMs = this.#options.signedUrlWindowS * 1000;
    const window = Math.floor(this.#options.now() / windowMs);
    if (window !== this.#signedWindow) {
      this.#signed = new Map();
      this.#signedWindow = window;
    }
    const cached = this.#signed.get(name);
    if (cached) return cached;
    const [url] = await this.#bucket.file(name).getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: (window + 2) * windowMs,
      ...(this.#options.publicBaseUrl ? { cname: this.#options.publicBaseUrl } : {}),
    });
    this.#signed.set(name, url);
    return url;
  }
}

/**
 * A listed object as a photo; undefined for non-images, variants and
 * photo-frame's own files; null for an image without the metadata it needs.
 */
function toPhotoRecord(file: File): PhotoRecord | undefined | null {
  const { name, contentType, metadata } = file.metadata;
  if (!name || !isPhotoName(name)) return undefined;
  // Uploads without a type are stored as octet-stream: the name's extension decides then.
  if (contentType && !/^(image\/|application\/octet-stream)/.test(String(contentType))) return undefined;
  return toRecord(name, (metadata ?? {}) as Record<string, unknown>) ?? null;
}
