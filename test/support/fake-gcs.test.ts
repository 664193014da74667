// Drives the fake with the real @google-cloud/storage client, so a passing run means the
// client accepts the fake's answers (hashes, pagination, upload sessions, errors).
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Storage } from '@google-cloud/storage';
import { startFakeGcs, type FakeGcs } from './fake-gcs.ts';

const BUCKET = 'photos';
const noRetry = { retryOptions: { autoRetry: false, maxRetries: 0 } };
/** Client errors carry the HTTP status as a number in `code`. */
const withCode = (code: number) => (e: unknown) => (e as { code?: unknown }).code === code;

let fake: FakeGcs;
let storage: Storage;
before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET, 'other'] });
  storage = fake.storage();
});
after(() => fake.close());
beforeEach(() => { fake.fault(null); fake.resetRequests(); });

function seedNumbered(count: number, prefix = 'p/'): string[] {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}.jpg`);
  // Seed in a scrambled order so the fake's sorting is exercised, not just insertion order.
  for (let i = 0; i < count; i++) fake.put(BUCKET, names[(i * 7919) % count]!, `bytes of ${i}`, { contentType: 'image/jpeg' });
  return names;
}

describe('listing', () => {
  before(() => { seedNumbered(2500); });
  after(() => { for (const n of fake.names(BUCKET)) fake.remove(BUCKET, n); });

  it('pages through 2,500 objects with maxResults 1000 and pageToken', async () => {
    const bucket = storage.bucket(BUCKET);
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let query: { pageToken?: string } | null = {};
    while (query) {
      const [files, next]: [{ name: string }[], { pageToken?: string } | null, unknown] =
        await bucket.getFiles({ ...query, autoPaginate: false, maxResults: 1000 });
      pageSizes.push(files.length);
      seen.push(...files.map((f) => f.name));
      query = next;
    }
    assert.deepEqual(pageSizes, [1000, 1000, 500]);
    assert.deepEqual(seen, fake.names(BUCKET));
    assert.deepEqual(seen, [...seen].sort());
  });

  it('autoPaginate fetches every page (3 list requests)', async () => {
    const [files] = await storage.bucket(BUCKET).getFiles();
    assert.equal(files.length, 2500);
    assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 3);
    assert.equal(files[0]!.metadata.size, '10'); // "bytes of 0"... sizes are strings, as in GCS
  });

  const prefixCases = [
    { prefix: 'p/0000', count: 10 },
    { prefix: 'p/01', count: 1000 },
    { prefix: 'p/024', count: 100 },
    { prefix: 'p/9', count: 0 },
    { prefix: 'q/', count: 0 },
  ];
  for (const { prefix, count } of prefixCases) {
    it(`prefix ${prefix} → ${count} objects`, async () => {
      const [files] = await storage.bucket(BUCKET).getFiles({ prefix });
      assert.equal(files.length, count);
      assert.ok(files.every((f) => f.name.startsWith(prefix)));
    });
  }

  it('delimiter rolls names up into prefixes; startOffset skips ahead', async () => {
    fake.put(BUCKET, 'top.txt', 'x');
    fake.put(BUCKET, 'z/a/1', 'x');
    const [files, , resp] = await storage.bucket(BUCKET).getFiles({ delimiter: '/', autoPaginate: false });
    assert.deepEqual(files.map((f) => f.name), ['top.txt']);
    assert.deepEqual((resp as { prefixes?: string[] }).prefixes, ['p/', 'z/']);
    const [after] = await storage.bucket(BUCKET).getFiles({ startOffset: 'p/02498', autoPaginate: false });
    assert.deepEqual(after.map((f) => f.name), ['p/02498.jpg', 'p/02499.jpg', 'top.txt', 'z/a/1']);
    fake.remove(BUCKET, 'top.txt');
    fake.remove(BUCKET, 'z/a/1');
  });
});

describe('objects', () => {
  it('round-trips custom metadata, and patches it', async () => {
    fake.put(BUCKET, 'meta/a b.jpg', 'jpeg!', { contentType: 'image/jpeg', cacheControl: 'no-cache', metadata: { caption: 'Sea', taken: '2021' } });
    const file = storage.bucket(BUCKET).file('meta/a b.jpg');
    const [meta] = await file.getMetadata();
    assert.equal(meta.contentType, 'image/jpeg');
    assert.equal(meta.cacheControl, 'no-cache');
    assert.deepEqual(meta.metadata, { caption: 'Sea', taken: '2021' });
    await file.setMetadata({ metadata: { caption: 'Lake', taken: null } });
    assert.deepEqual(fake.get(BUCKET, 'meta/a b.jpg')?.metadata, { caption: 'Lake' });
    assert.equal(fake.requests.filter((r) => r.kind === 'patch').length, 1);
  });

  it('downloads bytes with hash validation (crc32c and md5), and a range', async () => {
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) & 0xff));
    fake.put(BUCKET, 'dl/bin', data);
    const file = storage.bucket(BUCKET).file('dl/bin');
    for (const validation of [true, 'crc32c', 'md5'] as const) {
      const [got] = await file.download({ validation });
      assert.ok(got.equals(data), `validation ${validation}`);
    }
    const [part] = await file.download({ start: 10, end: 19 });
    assert.ok(part.equals(data.subarray(10, 20)));
  });

  const uploadCases = [{ resumable: true, uploadType: 'resumable' }, { resumable: false, uploadType: 'multipart' }];
  for (const { resumable, uploadType } of uploadCases) {
    it(`file.save resumable:${resumable} stores bytes and metadata`, async () => {
      const name = `up/${uploadType}/photo.jpg`;
      const data = Buffer.from(`image ${uploadType} `.repeat(5000));
      const file = storage.bucket(BUCKET).file(name);
      await file.save(data, { resumable, metadata: { contentType: 'image/jpeg', cacheControl: 'public, max-age=60', metadata: { caption: 'x' } } });
      const stored = fake.get(BUCKET, name);
      assert.ok(stored);
      assert.ok(stored.data.equals(data));
      assert.equal(stored.contentType, 'image/jpeg');
      assert.equal(stored.cacheControl, 'public, max-age=60');
      assert.deepEqual(stored.metadata, { caption: 'x' });
      assert.equal(fake.requests.find((r) => r.kind === 'upload')?.query.uploadType, uploadType);
      const [back] = await file.download();
      assert.ok(back.equals(data));
    });

    it(`ifGenerationMatch:0 fails with 412 on an existing object (resumable:${resumable})`, async () => {
      const name = `pre/${uploadType}`;
      const file = storage.bucket(BUCKET).file(name);
      await file.save('first', { resumable, preconditionOpts: { ifGenerationMatch: 0 } });
      const generation = fake.get(BUCKET, name)?.generation;
      await assert.rejects(file.save('second', { resumable, preconditionOpts: { ifGenerationMatch: 0 } }), withCode(412));
      assert.equal(fake.get(BUCKET, name)?.data.toString(), 'first');
      assert.equal(fake.get(BUCKET, name)?.generation, generation);
    });
  }

  it('deletes, honouring ifGenerationMatch, and 404s afterwards', async () => {
    fake.put(BUCKET, 'del/me', 'bye');
    const file = storage.bucket(BUCKET).file('del/me');
    await assert.rejects(file.delete({ ifGenerationMatch: 1 }), withCode(412));
    await file.delete({ ifGenerationMatch: fake.get(BUCKET, 'del/me')!.generation });
    assert.equal(fake.get(BUCKET, 'del/me'), undefined);
    assert.deepEqual(await file.exists(), [false]);
    await assert.rejects(file.delete(), (e: unknown) => withCode(404)(e) && /No such object: photos\/del\/me/.test(String(e)));
  });

  it('404s for an unknown bucket with the GCS message', async () => {
    await assert.rejects(storage.bucket('nope').getFiles(), (e: unknown) => withCode(404)(e) && /bucket does not exist/.test(String(e)));
  });

  it('refuses custom metadata past Cloud Storage\'s limits: 4 KiB a value, 8 KiB for all names and values', async () => {
    const file = storage.bucket(BUCKET).file('meta/limits.jpg');
    const save = (metadata: Record<string, string>) => file.save('x', { resumable: false, metadata: { metadata }, ...noRetry });
    await save({ caption: 'é'.repeat(2048) }); // 4,096 bytes: the most a value may hold
    await assert.rejects(save({ caption: 'é'.repeat(2048) + 'x' }), (e: unknown) => withCode(400)(e) && /"caption" is larger than 4 KiB/.test(String(e)));
    await assert.rejects(save({ caption: 'c'.repeat(4096), alt: 'a'.repeat(4096) }), (e: unknown) => withCode(400)(e) && /larger than 8 KiB/.test(String(e)));
    await assert.rejects(file.setMetadata({ metadata: { alt: 'a'.repeat(4096) } }), withCode(400));
    assert.deepEqual(fake.get(BUCKET, 'meta/limits.jpg')?.metadata, { caption: 'é'.repeat(2048) }, 'a refused change changes nothing');
  });

  it('copies objects (rewriteTo) across buckets', async () => {
    fake.put(BUCKET, 'cp/src', 'copy me', { contentType: 'text/plain', metadata: { k: 'v' } });
    await storage.bucket(BUCKET).file('cp/src').copy(storage.bucket('other').file('dst'));
    assert.equal(fake.get('other', 'dst')?.data.toString(), 'copy me');
    assert.deepEqual(fake.get('other', 'dst')?.metadata, { k: 'v' });
  });

  it('serves public URLs with headers, CORS and conditional GET', async () => {
    fake.put(BUCKET, 'pub/a b+c.jpg', 'public bytes', { contentType: 'image/jpeg', cacheControl: 'public, max-age=300' });
    const file = storage.bucket(BUCKET).file('pub/a b+c.jpg');
    const res = await fetch(file.publicUrl());
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'public bytes');
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const etag = res.headers.get('etag');
    assert.match(etag ?? '', /^"[0-9a-f]{32}"$/);
    const again = await fetch(file.publicUrl(), { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${fake.url}/${BUCKET}/missing.jpg`)).status, 404);
    assert.equal(fake.requests.filter((r) => r.kind === 'public').length, 3);
  });
});

describe('faults', () => {
  before(() => { seedNumbered(30, 'f/'); });

  const failing = [
    { name: 'status 500', fault: { status: 500 } },
    { name: 'reset', fault: { reset: true } },
    { name: 'truncated list', fault: { truncateList: true } },
  ];
  for (const { name, fault } of failing) {
    it(`${name} makes getFiles reject`, async () => {
      fake.fault(fault);
      await assert.rejects(fake.storage(noRetry).bucket(BUCKET).getFiles({ prefix: 'f/' }));
    });
  }

  it('malformed list: the client swallows the parse error and resolves with no files', async () => {
    // GCS sends "charset=UTF-8"; teeny-request only JSON-parses "charset=utf-8", so the body
    // reaches the client as text and an unparsable page reads as an empty, final page.
    fake.fault({ malformedList: true });
    const [files, next] = await fake.storage(noRetry).bucket(BUCKET).getFiles({ prefix: 'f/', autoPaginate: false });
    assert.deepEqual([files.length, next], [0, null]);
  });

  it('`only` limits which requests a fault hits, `times` how many', async () => {
    const client = fake.storage(noRetry);
    fake.fault({ status: 503, only: 'media', times: 1 });
    const [files] = await client.bucket(BUCKET).getFiles({ prefix: 'f/' });
    assert.equal(files.length, 30);
    await assert.rejects(files[0]!.download(), withCode(503));
    const [data] = await files[0]!.download();
    assert.match(data.toString(), /^bytes of /);
  });

  it('a transient 503 is retried by the client with default retry options', async () => {
    // A fresh client: the SDK flips the shared `storage.retryOptions.autoRetry` off after
    // non-idempotent calls (setMetadata, uploads without preconditions…) run on it earlier.
    fake.fault({ status: 503, only: 'list', times: 1 });
    const [files] = await fake.storage().bucket(BUCKET).getFiles({ prefix: 'f/' });
    assert.equal(files.length, 30);
    assert.equal(fake.requests.filter((r) => r.kind === 'list').length, 2);
  });

  it('a reset upload request is retried when the upload has a precondition', async () => {
    // Without a precondition the SDK treats uploads as non-idempotent and does not retry at all.
    fake.fault({ reset: true, only: 'upload', times: 1 });
    await fake.storage().bucket(BUCKET).file('f/retried').save('again', { resumable: true, preconditionOpts: { ifGenerationMatch: 0 } });
    assert.equal(fake.get(BUCKET, 'f/retried')?.data.toString(), 'again');
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.kind}`), ['POST upload', 'POST upload', 'PUT upload']);
  });

  it('delayMs slows the answer down', async () => {
    fake.fault({ delayMs: 150, only: 'get' });
    const started = Date.now();
    await storage.bucket(BUCKET).file('f/00001.jpg').getMetadata();
    assert.ok(Date.now() - started >= 140);
  });
});

describe('STORAGE_EMULATOR_HOST', () => {
  afterEach(() => { delete process.env.STORAGE_EMULATOR_HOST; });

  it('a client configured only by the environment lists, uploads and downloads', async () => {
    process.env.STORAGE_EMULATOR_HOST = fake.url;
    const client = new Storage({ projectId: 'test' });
    fake.put(BUCKET, 'env/one', 'one');
    await client.bucket(BUCKET).file('env/two').save('two', { resumable: true });
    await client.bucket(BUCKET).file('env/three').save('three', { resumable: false });
    const [files] = await client.bucket(BUCKET).getFiles({ prefix: 'env/' });
    assert.deepEqual(files.map((f) => f.name), ['env/one', 'env/three', 'env/two']);
    const [data] = await client.bucket(BUCKET).file('env/two').download();
    assert.equal(data.toString(), 'two');
    assert.ok(fake.requests.some((r) => r.path.startsWith('/b/')), 'JSON calls use /b/… without /storage/v1');
  });
});

describe('seeding at benchmark scale', () => {
  it('puts 100,000 objects and lists pages quickly', async () => {
    const fresh = await startFakeGcs({ buckets: ['big'] });
    try {
      const body = Buffer.alloc(2048, 1);
      const started = performance.now();
      for (let i = 99_999; i >= 0; i--) fresh.put('big', `img/${String(i).padStart(6, '0')}.jpg`, body);
      const [first, next] = await fresh.storage().bucket('big').getFiles({ autoPaginate: false, maxResults: 1000 });
      const [later] = await fresh.storage().bucket('big').getFiles({ autoPaginate: false, startOffset: 'img/090000', maxResults: 5 });
      const elapsed = performance.now() - started;
      assert.equal(first.length, 1000);
      assert.ok(next);
      assert.deepEqual(later.map((f) => f.name).slice(0, 2), ['img/090000.jpg', 'img/090001.jpg']);
      assert.ok(elapsed < 5000, `took ${elapsed.toFixed(0)} ms`);
    } finally {
      await fresh.close();
    }
  });
});
