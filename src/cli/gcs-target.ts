import readline from 'node:readline';
import { Storage, type Bucket } from '@google-cloud/storage';
import { INDEX_NAME, indexMatches, md5Base64 } from '../format/catalog-index.js';
import { MANIFEST_NAME, ManifestError, parseManifest } from '../format/manifest.js';
import { isPhotoName } from '../format/photo-name.js';
import { toRecord, type PhotoRecord } from '../format/photo-record.js';
import { listObjects } from '../gcs/list-objects.js';
import { ManifestConflictError } from './manifest-conflict-error.js';
import { VARIANT_PREFIX } from './render-photo.js';
import { CACHE_CONTROL, type PhotoTarget, type StoredPhoto, type TargetState } from './photo-target.js';

export interface GcsTargetOptions {
  /** A client to use (tests point one at the fake); by default Application Default Credentials, honouring STORAGE_EMULATOR_HOST. */
  storage?: Storage;
  /** Objects per list page. */
  pageSize?: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULTS = { pageSize: 1000, env: process.env };

/** Retries for transient failures; uploads carry generation preconditions, so the client may retry them safely. */
const RETRY_OPTIONS = { autoRetry: true, maxRetries: 4, maxRetryDelay: 8, totalTimeout: 120 };

/** The default client: ADC, or the emulator named by STORAGE_EMULATOR_HOST (which needs a project id but no credentials). */
export function defaultStorage(env: NodeJS.ProcessEnv = process.env): Storage {
  const projectId = env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || (env.STORAGE_EMULATOR_HOST ? 'photo-frame-emulator' : undefined);
  return new Storage({ retryOptions: RETRY_OPTIONS, ...(projectId ? { projectId } : {}) });
}

const codeOf = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** Publishes to a Cloud Storage bucket. */
export class GcsTarget implements PhotoTarget {
  readonly description: string;
  readonly #bucket: Bucket;
  readonly #options: typeof DEFAULTS;

  constructor(readonly bucketName: string, options: GcsTargetOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    this.description = `gs://${bucketName}`;
    this.#bucket = (options.storage ?? defaultStorage(this.#options.env)).bucket(bucketName);
  }

  async readState(scope: string): Promise<TargetState> {
    const notes: string[] = [];
    const manifest = await this.#readManifest().catch((error: unknown) => {
      throw this.#explain(error, 'read');
    });
    if (manifest.problem) notes.push(`${this.description}/${MANIFEST_NAME} cannot be used (${manifest.problem}): it is rewritten from the bucket's objects`);
    // Without a usable manifest, the whole bucket is listed: what the API shows is then every photo object.
    const listed = await this.#list(manifest.photos ? scope : '').catch((error: unknown) => {
      throw this.#explain(error, 'list');
    });
    const objects = new Map<string, StoredPhoto>();
    const current: PhotoRecord[] = manifest.photos ?? [];
    for (const [name, stored] of listed) {
      if (name.startsWith(scope)) objects.set(name, stored);
      if (!manifest.photos) {
        const record = toRecord(name, stored.metadata);
        if (record) current.push(record);
      }
    }
    return {
      manifestVersion: manifest.generation,
      current,
      objects,
      notes,
      indexCurrent: manifest.photos !== undefined && indexMatches(await this.#readIndex(), manifest.facts!),
      ...(manifest.problem ? { manifestProblem: manifest.problem } : {}),
    };
  }

  async putVariant(name: string, bytes: Buffer, type: string): Promise<void> {
    try {
      await this.#bucket.file(name).save(bytes, {
        resumable: false,
        metadata: { contentType: type, cacheControl: CACHE_CONTROL.variant },
        // Content-addressed: an object already there holds these very bytes.
        preconditionOpts: { ifGenerationMatch: 0 },
      });
    } catch (error) {
      if (codeOf(error) !== 412) throw this.#explain(error, 'write');
    }
  }

  async putPhoto(id: string, bytes: Buffer, type: string, metadata: Record<string, string>, previous?: StoredPhoto): Promise<void> {
    try {
      await this.#bucket.file(id).save(bytes, {
        resumable: false,
        metadata: { contentType: type, cacheControl: CACHE_CONTROL.photo, metadata },
        // Only over the version read at start (or only if still absent): a retry is safe, and a concurrent change is not overwritten.
        preconditionOpts: { ifGenerationMatch: previous?.generation ?? 0 },
      });
    } catch (error) {
      if (codeOf(error) === 412) {
        throw new Error(`${this.description}/${id} was changed by someone else while this run worked: run the command again`, { cause: error });
      }
      throw this.#explain(error, 'write');
    }
  }

  async writeManifest(text: string, expectedVersion: string | undefined): Promise<void> {
    const bytes = Buffer.from(text);
    const file = this.#bucket.file(MANIFEST_NAME);
    try {
      await file.save(bytes, {
        resumable: false,
        metadata: { contentType: 'application/jsonl; charset=utf-8', cacheControl: CACHE_CONTROL.manifest },
        preconditionOpts: { ifGenerationMatch: expectedVersion ?? 0 },
      });
    } catch (error) {
      if (codeOf(error) !== 412) throw this.#explain(error, 'write');
      // A retried write whose first attempt landed fails its precondition too: then the manifest is ours.
      const [metadata] = await file.getMetadata().catch(() => [undefined]);
      if (metadata?.md5Hash === md5Base64(bytes)) return;
      throw new ManifestConflictError(
        `Another upload changed ${this.description}/${MANIFEST_NAME} while this one ran. ` +
          'The photos of this run are in place, but the manifest naming them was not written: run the command again.',
        { cause: error },
      );
    }
  }

  async writeIndex(text: string): Promise<void> {
    try {
      await this.#bucket.file(INDEX_NAME).save(Buffer.from(text), {
        resumable: false,
        metadata: { contentType: 'application/json; charset=utf-8', cacheControl: CACHE_CONTROL.index },
      });
    } catch (error) {
      throw this.#explain(error, 'write');
    }
  }

  async listVariants(): Promise<{ name: string; created: number }[]> {
    const out: { name: string; created: number }[] = [];
    try {
      for await (const file of listObjects(this.#bucket, { prefix: VARIANT_PREFIX, pageSize: this.#options.pageSize })) {
        out.push({ name: file.name, created: Date.parse(String(file.metadata.timeCreated ?? '')) || 0 });
      }
    } catch (error) {
      throw this.#explain(error, 'list');
    }
    return out;
  }

  async remove(name: string): Promise<void> {
    try {
      await this.#bucket.file(name).delete({ ignoreNotFound: true });
    } catch (error) {
      throw this.#explain(error, 'delete');
    }
  }

  /** The catalog index's text, or undefined when there is none (or it cannot be read: it is then written again). */
  async #readIndex(): Promise<string | undefined> {
    try {
      const [bytes] = await this.#bucket.file(INDEX_NAME).download();
      return bytes.toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** The manifest's generation, MD5 and length, and photos; `problem` when it exists but cannot be read as a manifest. */
  async #readManifest(): Promise<{ generation?: string; facts?: { md5: string; bytes: number }; photos?: PhotoRecord[]; problem?: string }> {
    let generation: string;
    let facts: { md5: string; bytes: number };
    try {
      const [metadata] = await this.#bucket.file(MANIFEST_NAME).getMetadata();
      generation = String(metadata.generation);
      facts = { md5: String(metadata.md5Hash ?? ''), bytes: Number(metadata.size) };
    } catch (error) {
      if (codeOf(error) === 404) return {};
      throw error;
    }
    const input = this.#bucket.file(MANIFEST_NAME, { generation }).createReadStream();
    const photos: PhotoRecord[] = [];
    try {
      for await (const photo of parseManifest(readline.createInterface({ input, crlfDelay: Infinity }))) photos.push(photo);
    } catch (error) {
      if (error instanceof ManifestError) return { generation, problem: error.message };
      throw error;
    }
    return { generation, facts, photos };
  }

  /** Photo objects under `prefix`, with their custom metadata and generation (photo-frame's own objects left out). */
  async #list(prefix: string): Promise<Map<string, StoredPhoto>> {
    const out = new Map<string, StoredPhoto>();
    for await (const file of listObjects(this.#bucket, { prefix, pageSize: this.#options.pageSize })) {
      const { name, metadata, generation } = file.metadata;
      if (!name || !isPhotoName(name)) continue;
      const custom: Record<string, string> = {};
      for (const [key, value] of Object.entries(metadata ?? {})) if (typeof value === 'string') custom[key] = value;
      out.set(name, { metadata: custom, ...(generation !== undefined ? { generation: String(generation) } : {}) });
    }
    return out;
  }

  /** A storage failure as a message that says what to do about it. */
  #explain(error: unknown, action: 'read' | 'list' | 'write' | 'delete'): Error {
    const code = codeOf(error);
    const message = (error as Error)?.message ?? String(error);
    const bucket = this.description;
    if (code === 404 && (action === 'list' || /bucket does not exist/i.test(message))) {
      return new Error(`The bucket ${bucket} does not exist: create it (gcloud storage buckets create ${bucket} --uniform-bucket-level-access) or check --bucket`, { cause: error });
    }
    if (code === 401 || code === 403) {
      return new Error(
        `Cloud Storage refused to ${action} ${bucket} (${code}): sign in with "gcloud auth application-default login", and give the account roles/storage.objectAdmin on the bucket`,
        { cause: error },
      );
    }
    if (/default credentials|Could not load the default credentials/i.test(message)) {
      return new Error(
        'No Google Cloud credentials were found: run "gcloud auth application-default login" (or set GOOGLE_APPLICATION_CREDENTIALS); to publish to a local folder instead use --to <folder>',
        { cause: error },
      );
    }
    return new Error(`Could not ${action} ${bucket}: ${message}`, { cause: error });
  }
}
