// The fake's buckets and objects, and the JSON API's rules on them: generations and
// preconditions, metadata limits, hash checks on upload, object and list resources.
import { Bucket, type StoredObject } from './bucket.js';
import { fail } from './gcs-error.js';
import { computeHashes, objectHashes } from './object-hashes.js';

/** The fields of an object resource that a client sends (JSON body, multipart part or patch). */
export interface ObjectFields { name?: string; contentType?: string; cacheControl?: string; metadata?: Record<string, string | null>; md5Hash?: string; crc32c?: string }

export const parseJson = (body: Buffer): ObjectFields => (body.length ? JSON.parse(body.toString('utf8')) : {});

function checkPreconditions(q: Record<string, string>, o: StoredObject | undefined): void {
  const gen = o ? o.generation : 0; // ifGenerationMatch=0 means "only if it does not exist"
  const failed =
    (q.ifGenerationMatch !== undefined && Number(q.ifGenerationMatch) !== gen) ||
    (q.ifGenerationNotMatch !== undefined && Number(q.ifGenerationNotMatch) === gen) ||
    (q.ifMetagenerationMatch !== undefined && Number(q.ifMetagenerationMatch) !== o?.metageneration) ||
    (q.ifMetagenerationNotMatch !== undefined && Number(q.ifMetagenerationNotMatch) === o?.metageneration);
  if (failed) fail(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
}

/** Cloud Storage's limits on custom metadata: 4 KiB per value, 8 KiB for all names and values (UTF-8 bytes). */
function checkMetadataSize(metadata: Record<string, string>): void {
  let total = 0;
  for (const [k, v] of Object.entries(metadata)) {
    if (Buffer.byteLength(v) > 4096) fail(400, 'invalid', `The value of custom metadata field "${k}" is larger than 4 KiB.`);
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (total > 8192) fail(400, 'invalid', 'Custom metadata is larger than 8 KiB.');
}

export class ObjectStore {
  private readonly buckets = new Map<string, Bucket>();
  private lastGeneration = Date.now() * 1000; // GCS generations are microsecond timestamps; ours only need to increase

  /** `url` is the fake's own address, for the links in object resources. */
  constructor(readonly url: string) {}

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Bucket(name));
  }

  /** The bucket, or undefined: for seeding and public URLs, which do not answer in JSON. */
  find(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  bucket(name: string): Bucket {
    return this.buckets.get(name) ?? fail(404, 'notFound', 'The specified bucket does not exist.');
  }

  object(b: Bucket, name: string): StoredObject {
    return b.objects.get(name) ?? fail(404, 'notFound', `No such object: ${b.name}/${name}`);
  }

  /** The object a request names, once the request's preconditions hold for it. */
  found(bucket: string, name: string, q: Record<string, string>): StoredObject {
    const o = this.object(this.bucket(bucket), name);
    checkPreconditions(q, o);
    return o;
  }

  put(b: Bucket, name: string, data: Buffer, fields: ObjectFields): StoredObject {
    const now = new Date().toISOString();
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields.metadata ?? {})) if (v !== null) metadata[k] = String(v);
    checkMetadataSize(metadata);
    const o: StoredObject = {
      name, data, metadata, generation: ++this.lastGeneration, metageneration: 1, timeCreated: now, updated: now,
      contentType: fields.contentType || 'application/octet-stream',
      ...(fields.cacheControl ? { cacheControl: fields.cacheControl } : {}),
    };
    b.set(o);
    return o;
  }

  resource(bucket: string, o: StoredObject) {
    const h = objectHashes(o);
    const enc = encodeURIComponent(o.name);
    return {
      kind: 'storage#object', id: `${bucket}/${o.name}/${o.generation}`,
      selfLink: `${this.url}/storage/v1/b/${bucket}/o/${enc}`,
      mediaLink: `${this.url}/download/storage/v1/b/${bucket}/o/${enc}?generation=${o.generation}&alt=media`,
      name: o.name, bucket, generation: String(o.generation), metageneration: String(o.metageneration),
      contentType: o.contentType, storageClass: 'STANDARD', size: String(o.data.length), md5Hash: h.md5, crc32c: h.crc32c,
      etag: Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64'), timeCreated: o.timeCreated, updated: o.updated,
      ...(o.cacheControl ? { cacheControl: o.cacheControl } : {}),
      ...(Object.keys(o.metadata).length ? { metadata: { ...o.metadata } } : {}),
    };
  }

  list(bucket: string, q: Record<string, string>) {
    const { items, prefixes, nextPageToken } = this.bucket(bucket).page(q);
    // Like GCS, empty `items` / `prefixes` are left out rather than sent as [].
    return {
      kind: 'storage#objects', ...(nextPageToken && { nextPageToken }), ...(prefixes.length && { prefixes }),
      ...(items.length && { items: items.map((o) => this.resource(bucket, o)) }),
    };
  }

  /** Validates client-sent hashes (X-Goog-Hash header or resource fields) the way GCS does, then stores. */
  commitUpload(bucket: string, name: string, data: Buffer, fields: ObjectFields, q: Record<string, string>, hashHeader?: string) {
    const b = this.bucket(bucket);
    checkPreconditions(q, b.objects.get(name));
    const sent: Partial<Record<'crc32c' | 'md5', string>> = { crc32c: fields.crc32c, md5: fields.md5Hash };
    for (const pair of (hashHeader ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) sent[pair.slice(0, eq).trim() as 'crc32c' | 'md5'] = pair.slice(eq + 1).trim();
    }
    const actual = computeHashes(data);
    for (const k of ['crc32c', 'md5'] as const) {
      if (sent[k] && sent[k] !== actual[k]) fail(400, 'invalid', `Provided ${k} "${sent[k]}" doesn't match calculated ${k} "${actual[k]}".`);
    }
    const o = this.put(b, name, data, fields);
    o.hashes = actual;
    return this.resource(bucket, o);
  }

  /** `file.copy()`; this rewrite is always done in one call. */
  rewrite(from: [string, string], to: [string, string], body: Buffer, q: Record<string, string>) {
    const src = this.object(this.bucket(from[0]), from[1]);
    const { contentType = src.contentType, cacheControl = src.cacheControl, metadata = src.metadata } = parseJson(body);
    const resource = this.commitUpload(to[0], to[1], src.data, { contentType, cacheControl, metadata }, q);
    const size = String(src.data.length);
    return { kind: 'storage#rewriteResponse', totalBytesRewritten: size, objectSize: size, done: true, resource };
  }

  patch(bucket: string, o: StoredObject, body: Buffer) {
    const patch = parseJson(body);
    const metadata = { ...o.metadata };
    for (const [k, v] of Object.entries(patch.metadata ?? {})) if (v === null) delete metadata[k]; else metadata[k] = String(v);
    checkMetadataSize(metadata);
    o.metadata = metadata;
    if (patch.contentType !== undefined) o.contentType = patch.contentType || 'application/octet-stream';
    if (patch.cacheControl !== undefined) { if (patch.cacheControl) o.cacheControl = patch.cacheControl; else delete o.cacheControl; }
    o.metageneration++;
    o.updated = new Date().toISOString();
    return this.resource(bucket, o);
  }

  /** `bucket.exists()`, `getMetadata()`. */
  bucketResource(bucket: string) {
    const { name, created } = this.bucket(bucket);
    return { kind: 'storage#bucket', id: name, name, timeCreated: created, updated: created, location: 'US', storageClass: 'STANDARD', metageneration: '1' };
  }
}
