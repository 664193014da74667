import readline from 'node:readline';
import type { Bucket, File, Storage } from '@google-cloud/storage';
import { INDEX_NAME, parseIndex } from '../format/catalog-index.js';
import { MANIFEST_NAME, parseManifest } from '../format/manifest.js';
import { isPhotoName } from '../format/photo-name.js';
import { toRecord, type PhotoRecord } from '../format/photo-record.js';
import { listObjects } from '../gcs/list-objects.js';
import type { GcsObjectReader } from './gcs-object-reader.js';
import { IndexedManifest } from './indexed-manifest.js';
import type { ManifestRead, PhotoStore } from './photo-store.js';
import { encodeObjectPath } from './photo-store.js';
import { logLine } from './request-log.js';

export interface GcsStoreOptions {
  /** A client to use (tests point one at a fake); by default one honouring STORAGE_EMULATOR_HOST, loaded when first needed. */
  storage?: Storage;
  /** Where the client's requests go when no client is given: the default client's endpoint (createStore passes STORAGE_EMULATOR_HOST). */
  apiEndpoint?: string;
  /** Reads the catalog index and parts of the manifest without the client, for the first picks of a cold instance (openIndex). */
  reader?: GcsObjectReader;
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
  apiEndpoint: 'https://storage.googleapis.com',
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
  readonly #options;
  /** The endpoint given (an emulator), if any. */
  readonly #endpoint: string | undefined;
  #bucketLoaded: Promise<Bucket> | undefined;
  #signed = new Map<string, string>();
  #signedWindow = -1;

  constructor(readonly bucketName: string, options: GcsStoreOptions = {}) {
    this.#options = { ...DEFAULTS, ...(options.storage ? { apiEndpoint: options.storage.apiEndpoint } : {}), ...options };
    this.#endpoint = options.apiEndpoint;
  }

  /** The client's bucket; the client library is loaded the first time (a few hundred milliseconds a cold pick from the index need not wait for). */
  #bucket(): Promise<Bucket> {
    this.#bucketLoaded ??= (async () => {
      const { storage, projectId } = this.#options;
      if (storage) return storage.bucket(this.bucketName);
      const { Storage } = await import('@google-cloud/storage');
      // An emulator needs a project id but no credentials, as the upload command's client does.
      const endpoint = this.#endpoint ? { apiEndpoint: this.#endpoint, projectId: projectId ?? 'photo-frame-emulator' } : projectId ? { projectId } : {};
      return new Storage({ ...CLIENT_OPTIONS, ...endpoint }).bucket(this.bucketName);
    })();
    return this.#bucketLoaded;
  }

  async openIndex(): Promise<IndexedManifest | undefined> {
    const { reader } = this.#options;
    if (!reader) return undefined;
    const [manifest, text] = await Promise.all([reader.stat(MANIFEST_NAME), reader.read(INDEX_NAME)]);
    if (!manifest || !text) return undefined;
    const index = parseIndex(text.toString('utf8'));
    // An index written for another manifest (an upload between its two writes, say) is not used.
    if (index.manifest.md5 !== manifest.md5Hash || index.manifest.bytes !== manifest.size) return undefined;
    return new IndexedManifest(index, async (range) => {
      const bytes = await reader.read(MANIFEST_NAME, manifest.generation, range);
      if (!bytes) throw new Error(`gs://${this.bucketName}/${MANIFEST_NAME} was replaced while it was read`);
      return bytes;
    });
  }

  async readManifest(knownVersion?: string): Promise<ManifestRead | undefined> {
    const bucket = await this.#bucket();
    const file = bucket.file(MANIFEST_NAME);
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
    const stream = bucket.file(MANIFEST_NAME, { generation }).createReadStream();
    return { version: generation, photos: parseManifest(readline.createInterface({ input: stream, crlfDelay: Infinity })) };
  }

  async *list(): AsyncIterable<PhotoRecord> {
    let unpublished = 0;
    for await (const file of listObjects(await this.#bucket(), { pageSize: this.#options.pageSize })) {
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
      return `${publicBaseUrl ?? `${this.#options.apiEndpoint}/${this.bucketName}`}/${encodeObjectPath(name)}`;
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
    const [url] = await (await this.#bucket()).file(name).getSignedUrl({
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
