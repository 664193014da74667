import { httpGet } from './http-get.js';

/** What a cold instance needs to know about an object. */
export interface ObjectFacts {
  generation: string;
  size: number;
  /** Base64 MD5 of the bytes (absent for composite objects). */
  md5Hash?: string;
}

export interface GcsObjectReaderOptions {
  /** Where the JSON API is: https://storage.googleapis.com, or an emulator (STORAGE_EMULATOR_HOST). */
  apiEndpoint?: string;
  /** An OAuth access token for each request; none against an emulator. */
  token?: () => Promise<string>;
  timeoutMs?: number;
}

const DEFAULTS = { apiEndpoint: 'https://storage.googleapis.com', timeoutMs: 10_000 };

/**
 * Reads single objects of a bucket with plain HTTP requests to the Cloud
 * Storage JSON API: an object's metadata, and its bytes or a range of them,
 * pinned to a generation. What the first pick of a cold instance needs, and
 * nothing more: the client library (a few hundred milliseconds to load)
 * does the rest once that answer is sent.
 */
export class GcsObjectReader {
  readonly #base: string;
  readonly #options;

  constructor(readonly bucketName: string, options: GcsObjectReaderOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
    this.#base = `${this.#options.apiEndpoint.replace(/\/+$/, '')}/storage/v1/b/${encodeURIComponent(bucketName)}/o/`;
  }

  /** The object's generation, size and MD5; undefined when there is no such object. */
  async stat(name: string): Promise<ObjectFacts | undefined> {
    const answer = await this.#get(`${this.#base}${encodeURIComponent(name)}`, {});
    if (answer.status === 404) return undefined;
    this.#check(answer.status === 200, name, answer.status);
    const facts = JSON.parse(answer.body.toString('utf8')) as { generation?: unknown; size?: unknown; md5Hash?: unknown };
    const size = Number(facts.size);
    this.#check(typeof facts.generation === 'string' && Number.isSafeInteger(size), name, answer.status);
    return { generation: facts.generation as string, size, ...(typeof facts.md5Hash === 'string' ? { md5Hash: facts.md5Hash } : {}) };
  }

  /**
   * Bytes [start, end) of an object (all of it without a range), of one
   * generation (the latest without one); undefined when there is no such
   * object. Throws unless exactly the bytes asked for arrive.
   */
  async read(name: string, generation?: string, range?: readonly [number, number]): Promise<Buffer | undefined> {
    const url = `${this.#base}${encodeURIComponent(name)}?alt=media${generation ? `&generation=${encodeURIComponent(generation)}` : ''}`;
    const answer = await this.#get(url, range ? { Range: `bytes=${range[0]}-${range[1] - 1}` } : {});
    if (answer.status === 404) return undefined;
    this.#check(answer.status === (range ? 206 : 200), name, answer.status);
    if (range && answer.body.length !== range[1] - range[0]) {
      throw new Error(`gs://${this.bucketName}/${name}: ${answer.body.length} bytes arrived of the ${range[1] - range[0]} asked for`);
    }
    return answer.body;
  }

  async #get(url: string, headers: Record<string, string>) {
    const token = await this.#options.token?.();
    return httpGet(url, token ? { ...headers, Authorization: `Bearer ${token}` } : headers, this.#options.timeoutMs);
  }

  #check(ok: boolean, name: string, status: number): void {
    if (!ok) throw new Error(`gs://${this.bucketName}/${name} could not be read (HTTP ${status})`);
  }
}
