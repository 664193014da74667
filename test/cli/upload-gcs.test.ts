/**
 * `photo-frame upload --bucket`: the real Cloud Storage client against the
 * HTTP fake of the JSON API, then the photo API reading what was published.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { runCli } from '../../src/cli/run-cli.js';
import { upload } from '../../src/cli/upload.js';
import { isPhotoList, type PhotoList } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { INDEX_NAME, indexManifest } from '../../src/format/catalog-index.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import { toRecord, type PhotoRecord } from '../../src/format/photo-record.js';
import { photoDetails } from '../../src/photo-details.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { startApi } from '../support/start-api.js';
import { assertNoLocation, BAD_FILES, LIBRARY, LIBRARY_IDS, makeLibrary, recorder, tempDir, writePhoto } from './cli-fixtures.js';

const BUCKET = 'blog-photos';
let fake: FakeGcs;
let src: string;
let firstOutput = '';
let firstCode: number;

/** A client that does not retry, so injected faults fail at once. */
const storage = () => fake.storage({ retryOptions: { autoRetry: false } });
const writes = () => fake.requests.filter((r) => r.kind === 'upload' || r.kind === 'delete' || r.kind === 'patch');

function manifestOf(bucket: string): { header: Record<string, unknown>; photos: PhotoRecord[] } {
  const object = fake.get(bucket, MANIFEST_NAME);
  assert.ok(object, 'the manifest exists');
  const [header, ...photos] = object.data.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { header, photos };
}

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET] });
  src = await makeLibrary({ bad: true });
  firstCode = await runCli(['upload', src, '--bucket', BUCKET, '--concurrency', '3'], {
    storage: storage(),
    stdout: { write: (text: string) => (firstOutput += text) },
  });
});

after(async () => {
  await fake.close();
  await fs.rm(src, { recursive: true, force: true });
});

describe('upload --bucket', () => {
  test('exits 1 because of the bad files, naming each with its reason, and publishes the rest', () => {
    assert.equal(firstCode, 1);
    for (const [file, { reason }] of Object.entries(BAD_FILES)) assert.ok(firstOutput.includes(`${file}: `) && firstOutput.includes(reason), file);
    assert.match(firstOutput, /published\s+6\n/);
    assert.match(firstOutput, /manifest\s+written, naming 6 photos/);
  });

  test('stores each photo with its metadata, type, cache policy and source hash, and the manifest naming exactly them', () => {
    const { header, photos } = manifestOf(BUCKET);
    assert.equal(header.count, LIBRARY_IDS.length);
    assert.deepEqual(photos.map((p) => p.id), LIBRARY_IDS);
    const types: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };
    for (const photo of photos) {
      const object = fake.get(BUCKET, photo.id)!;
      assert.equal(object.contentType, types[path.extname(photo.id)]);
      assert.equal(object.cacheControl, 'public, max-age=300');
      assert.match(object.metadata.sourcehash!, /^[0-9a-f]{64}$/);
      assert.deepEqual(toRecord(photo.id, object.metadata), photo, 'custom metadata and manifest agree');
      const expected = LIBRARY[photo.id as keyof typeof LIBRARY].expect;
      assert.deepEqual([photo.width, photo.height, photo.caption], [expected.width, expected.height, 'caption' in expected ? expected.caption : undefined]);
      assert.deepEqual(photoDetails(photo), 'details' in expected ? expected.details : {}, `${photo.id} details`);
      for (const variant of photo.variants ?? []) {
        const stored = fake.get(BUCKET, variant.name)!;
        assert.equal(stored.contentType, 'image/webp');
        assert.equal(stored.cacheControl, 'public, max-age=31536000, immutable');
      }
    }
    assert.equal(fake.get(BUCKET, MANIFEST_NAME)!.cacheControl, 'no-cache');
    assert.ok(!fake.names(BUCKET).some((n) => n.includes('empty') || n.includes('broken') || (n.endsWith('.json') && n !== INDEX_NAME) || n.endsWith('.txt')));
  });

  test('no GPS tag or place survives in any published object', async () => {
    const objects = fake.names(BUCKET).filter((n) => n !== MANIFEST_NAME);
    assert.ok(objects.length > LIBRARY_IDS.length, 'variants too');
    for (const name of objects) await assertNoLocation(fake.get(BUCKET, name)!.data, name);
  });

  test('a re-run with nothing changed uploads nothing', async () => {
    fake.resetRequests();
    const report = await upload(src, { bucket: BUCKET, storage: storage() });
    assert.deepEqual(report.unchanged, LIBRARY_IDS);
    assert.deepEqual(report.published, []);
    assert.equal(report.manifest, 'unchanged');
    assert.deepEqual(writes(), []);
    assert.ok(fake.requests.length <= 4, `${fake.requests.length} requests: ${fake.requests.map((r) => r.kind).join(', ')}`);
  });

  test('publishes the catalog index of the manifest beside it, written after it', () => {
    const manifest = fake.get(BUCKET, MANIFEST_NAME)!;
    const index = fake.get(BUCKET, INDEX_NAME);
    assert.ok(index, 'the index exists');
    assert.equal(index.data.toString('utf8'), indexManifest(manifest.data.toString('utf8')));
    assert.equal(index.cacheControl, 'no-cache');
    assert.ok(index.generation > manifest.generation, 'written after the manifest');
  });

  test('a manifest without its index (published by an older version) is written again with one, and nothing else is', async () => {
    fake.remove(BUCKET, INDEX_NAME);
    fake.resetRequests();
    const report = await upload(src, { bucket: BUCKET, storage: storage() });
    assert.deepEqual(report.published, []);
    assert.equal(report.manifest, 'written');
    assert.deepEqual(writes().map((r) => r.query.name).sort(), [INDEX_NAME, MANIFEST_NAME]);
    assert.equal(fake.get(BUCKET, INDEX_NAME)!.data.toString('utf8'), indexManifest(fake.get(BUCKET, MANIFEST_NAME)!.data.toString('utf8')));
  });

  test('--dry-run sends no write', async () => {
    fake.createBucket('dry-bucket');
    fake.resetRequests();
    const report = await upload(src, { bucket: 'dry-bucket', storage: storage(), dryRun: true });
    assert.deepEqual(report.published, LIBRARY_IDS);
    assert.deepEqual(writes(), []);
    assert.deepEqual(fake.names('dry-bucket'), []);
  });

  test('the photo API on the bucket lists exactly the published photos, and their images and variants load', async () => {
    const api = await startApi({ BUCKET }, { store: new GcsStore(BUCKET, { storage: fake.storage() }) });
    try {
      const body = (await (await api.get('/photos?limit=1000')).json()) as PhotoList;
      assert.ok(isPhotoList(body));
      const { photos: records } = manifestOf(BUCKET);
      assert.deepEqual(body.photos.map((p) => p.id), LIBRARY_IDS);
      for (const photo of body.photos) {
        const record = records.find((r) => r.id === photo.id)!;
        assert.deepEqual(
          [photo.caption, photo.alt, photo.date, photo.placeholder, photo.width, photo.height],
          [record.caption, record.alt, record.date, record.placeholder, record.width, record.height],
        );
        const image = await fetch(photo.url);
        assert.equal(image.status, 200, photo.url);
        assert.ok(Buffer.from(await image.arrayBuffer()).equals(fake.get(BUCKET, photo.id)!.data));
        assert.deepEqual((photo.variants ?? []).map((v) => v.width), record.variants?.map((v) => v.width) ?? []);
        for (const variant of photo.variants ?? []) {
          const res = await fetch(variant.url);
          assert.equal(res.status, 200, variant.url);
          assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width, variant.width);
        }
      }
    } finally {
      await api.close();
    }
  });
});

describe('upload --bucket, run after run', () => {
  const bucket = 'album-bucket';
  let lib: string;

  before(async () => {
    fake.createBucket(bucket);
    // Another album, published earlier: every run must carry it over.
    fake.put(bucket, 'other/old.jpg', await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123' } }).jpeg().toBuffer(), {
      contentType: 'image/jpeg', metadata: { width: '40', height: '30', caption: 'Published by hand' },
    });
    lib = await tempDir('gcs-lib');
    await writePhoto(lib, 'a.jpg', { width: 700, height: 500, sidecar: { caption: 'A' } });
    await writePhoto(lib, 'b.jpg', { width: 700, height: 500, colour: '#b00' });
    const report = await upload(lib, { bucket, album: 'sea', storage: storage() });
    assert.deepEqual(report.published, ['sea/a.jpg', 'sea/b.jpg']);
    assert.deepEqual(manifestOf(bucket).photos.map((p) => p.id), ['other/old.jpg', 'sea/a.jpg', 'sea/b.jpg']);
  });

  after(() => fs.rm(lib, { recursive: true, force: true }));

  test('a changed caption uploads the photo and the manifest only', async () => {
    await fs.writeFile(path.join(lib, 'a.jpg.json'), JSON.stringify({ caption: 'A, again' }));
    fake.resetRequests();
    const report = await upload(lib, { bucket, album: 'sea', storage: storage() });
    assert.deepEqual(report.published, ['sea/a.jpg']);
    const uploads = writes().map((r) => r.query.name);
    assert.deepEqual(uploads.sort(), [INDEX_NAME, MANIFEST_NAME, 'sea/a.jpg'], 'the variants are the same and not sent again');
    assert.equal(fake.get(bucket, 'sea/a.jpg')!.metadata.caption, 'A, again');
    assert.equal(manifestOf(bucket).photos.find((p) => p.id === 'sea/a.jpg')!.caption, 'A, again');
  });

  test('an interrupted run leaves the old manifest valid, and the next run completes the work', async () => {
    for (const name of ['c.jpg', 'd.jpg', 'e.jpg']) await writePhoto(lib, name, { width: 700, height: 500, colour: `#${name[0]}${name[0]}0` });
    const before = fake.get(bucket, MANIFEST_NAME)!;
    const { events, onEvent } = recorder();
    const interrupted = await upload(lib, {
      bucket, album: 'sea', storage: storage(), concurrency: 1,
      onEvent: (event) => {
        onEvent(event);
        // Storage goes down once the first new photo is in place.
        if (event.type === 'photo' && event.outcome === 'published') fake.fault({ status: 503, only: 'upload' });
      },
    });
    fake.fault(null);
    assert.deepEqual(interrupted.published, ['sea/c.jpg']);
    assert.deepEqual(interrupted.failed.map((f) => f.file), ['d.jpg', 'e.jpg']);
    assert.match(interrupted.failed[0]!.reason, /could not be published: .*503/);
    assert.equal(interrupted.manifest, 'not written');
    assert.equal(interrupted.ok, false);
    assert.ok(events.some((e) => e.type === 'manifest' && e.status === 'failed'));

    const after = fake.get(bucket, MANIFEST_NAME)!;
    assert.equal(after.generation, before.generation, 'the old manifest is untouched');
    for (const photo of manifestOf(bucket).photos) {
      assert.ok(fake.get(bucket, photo.id), `${photo.id} is there`);
      for (const variant of photo.variants ?? []) assert.ok(fake.get(bucket, variant.name), `${variant.name} is there`);
    }

    fake.resetRequests();
    const resumed = await upload(lib, { bucket, album: 'sea', storage: storage() });
    assert.deepEqual(resumed.published, ['sea/d.jpg', 'sea/e.jpg'], 'c.jpg is not sent again');
    assert.deepEqual(resumed.unchanged, ['sea/a.jpg', 'sea/b.jpg', 'sea/c.jpg']);
    assert.equal(resumed.manifest, 'written');
    assert.deepEqual(manifestOf(bucket).photos.map((p) => p.id), ['other/old.jpg', 'sea/a.jpg', 'sea/b.jpg', 'sea/c.jpg', 'sea/d.jpg', 'sea/e.jpg']);
  });

  test('another run writing the manifest meanwhile: nothing is overwritten, exit code 1 says to run again', async () => {
    await writePhoto(lib, 'f.jpg', { width: 100, height: 100 });
    let output = '';
    const code = await runCli(['upload', lib, '--bucket', bucket, '--album', 'sea'], {
      storage: storage(),
      stdout: {
        write: (text: string) => {
          output += text;
          if (text.startsWith('published')) fake.put(bucket, MANIFEST_NAME, serializeManifest([]), { contentType: 'application/jsonl' });
          return true;
        },
      },
    });
    assert.equal(code, 1);
    assert.match(output, /Another upload changed gs:\/\/album-bucket\/_photo-frame\/manifest\.jsonl .*run the command again/);
    assert.equal(manifestOf(bucket).photos.length, 0, "the other run's manifest stays");
    const again = await upload(lib, { bucket, album: 'sea', storage: storage() });
    assert.deepEqual(again.published, []);
    assert.equal(again.manifest, 'written');
    assert.ok(manifestOf(bucket).photos.some((p) => p.id === 'sea/f.jpg'));
  });

  test('a deleted photo is removed only with --prune: manifest first, then the object and its variants', async () => {
    await fs.rm(path.join(lib, 'b.jpg'));
    const variants = fake.get(bucket, 'sea/b.jpg')!.metadata.variants!;
    const kept = await upload(lib, { bucket, album: 'sea', storage: storage() });
    assert.deepEqual(kept.kept, ['sea/b.jpg']);
    assert.ok(fake.get(bucket, 'sea/b.jpg'));

    fake.resetRequests();
    const pruned = await upload(lib, { bucket, album: 'sea', storage: storage(), prune: true, unusedVariantAgeMs: 0 });
    assert.deepEqual(pruned.removed, ['sea/b.jpg']);
    const order = writes().map((r) => `${r.kind} ${r.query.name ?? decodeURIComponent(r.path.split('/o/')[1] ?? '')}`);
    assert.equal(order[0], `upload ${MANIFEST_NAME}`, `the manifest goes first: ${order.join(', ')}`);
    assert.equal(fake.get(bucket, 'sea/b.jpg'), undefined);
    for (const v of JSON.parse(variants) as { name: string }[]) assert.equal(fake.get(bucket, v.name), undefined, v.name);
    assert.ok(!manifestOf(bucket).photos.some((p) => p.id === 'sea/b.jpg'));
    assert.ok(fake.get(bucket, 'other/old.jpg'), 'other albums are never pruned');
  });

  test('a bucket that does not exist is an error that says how to create it', async () => {
    let errors = '';
    const code = await runCli(['upload', lib, '--bucket', 'no-such-bucket'], { storage: storage(), stdout: { write: () => true }, stderr: { write: (t: string) => (errors += t) } });
    assert.equal(code, 1);
    assert.match(errors, /gs:\/\/no-such-bucket does not exist: create it \(gcloud storage buckets create/);
  });
});
