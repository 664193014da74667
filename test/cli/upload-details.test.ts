/**
 * The photographer's details from the camera to the API: JPEGs with the EXIF
 * cameras write (test/support/make-photo.ts, CAMERA_TAGS: serial numbers, an
 * owner, an artist and a GPS position beside the details), sidecars that
 * replace or blank details, EXIF values that cannot be published; uploaded by
 * the command (runCli) to a folder and to the Cloud Storage fake through the
 * real client (test/support/fake-gcs.ts), then served by the photo API (GET / and GET /photos). And the
 * photos published before the details existed: an old manifest line and old
 * object metadata still serve, without details.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { metadataName } from '../../src/cli/folder-target.js';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { isPhoto, isPhotoList, type Photo, type PhotoDetails, type PhotoList } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { MANIFEST_NAME } from '../../src/format/manifest.js';
import { toRecord } from '../../src/format/photo-record.js';
import { DETAIL_FIELDS, photoDetails } from '../../src/photo-details.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { CAMERA_TAGS, makePhoto, NEVER_PUBLISHED, type PhotoSpec } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';
import { tempDir } from './cli-fixtures.js';

interface Row {
  file: string;
  why: string;
  spec: PhotoSpec;
  /** Exactly the details published and served. */
  details: PhotoDetails;
}

const X100V = { camera: 'X100V', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 };
const A7III = { camera: 'ILCE-7M3', lens: 'FE 24-70mm F2.8 GM', focalLength: 35, aperture: 8, exposureTime: 2, iso: 100 };
const MARKUP = '<img src=x onerror="alert(1)">';

const ROWS: Row[] = [
  { file: 'solo/x100v.jpg', why: 'a fixed-lens camera (no lens), with serials, owner, artist and GPS beside', spec: { exif: CAMERA_TAGS.x100v }, details: X100V },
  { file: 'a7.jpg', why: 'a body and its lens, a two-second exposure', spec: { exif: CAMERA_TAGS.a7iii }, details: A7III },
  {
    file: 'overridden.jpg', why: 'a sidecar that replaces the camera and the exposure, and blanks the lens (null) and the ISO ("")',
    spec: { exif: CAMERA_TAGS.a7iii, sidecar: { caption: 'Dusk', camera: 'Sony A7 III', lens: null, iso: '', exposureTime: '1/250' } },
    details: { camera: 'Sony A7 III', focalLength: 35, aperture: 8, exposureTime: 0.004 },
  },
  {
    file: 'sidecar-only.jpg', why: 'no EXIF, the details from the sidecar alone',
    spec: { sidecar: { camera: 'Pinhole box', aperture: 200, exposureTime: 30 } },
    details: { camera: 'Pinhole box', aperture: 200, exposureTime: 30 },
  },
  { file: 'plain.jpg', why: 'no EXIF, no sidecar: no details', spec: {}, details: {} },
  { file: 'exif-markup.jpg', why: 'markup in the EXIF model: published as text', spec: { exif: { IFD0: { Model: MARKUP } } }, details: { camera: MARKUP } },
  {
    file: 'exif-huge.jpg', why: 'a 5,000-character EXIF model: dropped, the rest kept',
    spec: { exif: { IFD0: { Model: 'M'.repeat(5000) }, IFD2: { ISOSpeedRatings: '400' } } }, details: { iso: 400 },
  },
  {
    file: 'exif-control.jpg', why: 'a line break in the EXIF model and lens: dropped',
    spec: { exif: { IFD0: { Model: 'X100V\nSerial: 1234' }, IFD2: { LensModel: 'XF\r23', FNumber: '56/10' } } }, details: { aperture: 5.6 },
  },
  {
    file: 'exif-zero.jpg', why: 'EXIF numbers that are 0/0, 1/0 and 0: dropped',
    spec: { exif: { IFD0: { Model: 'Broken' }, IFD2: { FNumber: '0/0', ExposureTime: '1/0', ISOSpeedRatings: '0', FocalLength: '0/1' } } },
    details: { camera: 'Broken' },
  },
  {
    file: 'exif-two-isos.jpg', why: 'two ISO values in the EXIF: the first',
    spec: { exif: { IFD2: { ISOSpeedRatings: '160 320' } } }, details: { iso: 160 },
  },
];

const ARTIST = CAMERA_TAGS.x100v.IFD0.Artist;

interface Target {
  args: string[];
  io: CliIo;
  /** Every published file or object: name → bytes. */
  contents(): Promise<Map<string, Buffer>>;
  /** A photo's stored custom metadata (a bucket's object metadata, a folder's metadata file). */
  metadata(id: string): Promise<Record<string, string>>;
  startApi(): Promise<TestApi>;
}

let fake: FakeGcs;
let src: string;
let base: string;

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of await fs.readdir(dir, { recursive: true })) {
    const file = path.join(dir, name);
    if ((await fs.stat(file)).isFile()) out.set(name.split(path.sep).join('/'), await fs.readFile(file));
  }
  return out;
}

function makeTarget(kind: 'folder' | 'bucket'): Target {
  if (kind === 'folder') {
    const out = path.join(base, 'out');
    return {
      args: ['--to', out], io: {},
      contents: () => tree(out),
      metadata: async (id) => JSON.parse(await fs.readFile(path.join(out, metadataName(id)), 'utf8')) as Record<string, string>,
      startApi: () => startApi({ PHOTOS_DIR: out }),
    };
  }
  const bucket = 'details';
  fake.createBucket(bucket);
  return {
    args: ['--bucket', bucket], io: { storage: fake.storage() },
    contents: async () => new Map(fake.names(bucket).map((n) => [n, fake.get(bucket, n)!.data])),
    metadata: async (id) => fake.get(bucket, id)!.metadata,
    startApi: () => startApi({ BUCKET: bucket }, { store: new GcsStore(bucket, { storage: fake.storage() }) }),
  };
}

before(async () => {
  fake = await startFakeGcs();
  base = await tempDir('details');
  src = path.join(base, 'photos');
  for (const [i, row] of ROWS.entries()) await makePhoto(src, row.file, { ...row.spec, colour: `#${(i * 23 + 20).toString(16).padStart(2, '0')}4080` });
});

after(async () => {
  await fake?.close();
  if (base) await fs.rm(base, { recursive: true, force: true });
});

for (const kind of ['folder', 'bucket'] as const) {
  describe(`details, upload ${kind === 'folder' ? '--to a folder' : '--bucket'} and the photo API`, () => {
    let target: Target;
    let code: number;
    let output = '';
    let contents: Map<string, Buffer>;
    let api: TestApi;
    let photos: Photo[];

    before(async () => {
      target = makeTarget(kind);
      code = await runCli(['upload', src, ...target.args], { ...target.io, stdout: { write: (t: string) => (output += t) } });
      contents = await target.contents();
      api = await target.startApi();
      const list = (await (await api.get('/photos?limit=1000')).json()) as PhotoList;
      assert.ok(isPhotoList(list));
      photos = list.photos;
    });
    after(() => api?.close());

    test('every photo is published, none refused for its EXIF', () => {
      assert.equal(code, 0, output);
      assert.deepEqual(photos.map((p) => p.id), ROWS.map((r) => r.file).sort());
    });

    for (const row of ROWS) {
      test(`${row.why}: manifest, stored metadata and the API carry exactly ${JSON.stringify(row.details)}`, async () => {
        const line = contents.get(MANIFEST_NAME)!.toString('utf8').split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((p) => p.id === row.file);
        assert.ok(line, 'a manifest line');
        assert.deepEqual(pick(line), row.details, 'the manifest line');
        const metadata = await target.metadata(row.file);
        for (const field of DETAIL_FIELDS) assert.equal(metadata[field], row.details[field] === undefined ? undefined : String(row.details[field]), `metadata ${field}, as text`);
        assert.deepEqual(pick(toRecord(row.file, metadata)!), row.details, 'read back from the metadata');
        const served = photos.find((p) => p.id === row.file)!;
        assert.deepEqual(pick(served), row.details, 'GET /photos');
        assert.deepEqual(photoDetails(served), pick(served), 'every detail served is one the contract keeps');
      });
    }

    test('GET / answers a pick with its details', async () => {
      const answer = (await (await api.get('/?album=solo')).json()) as Photo;
      assert.ok(isPhoto(answer));
      assert.deepEqual({ id: answer.id, ...pick(answer) }, { id: 'solo/x100v.jpg', ...X100V });
    });

    test('no serial number or owner in anything published; no artist in any metadata, manifest or answer', async () => {
      for (const row of ROWS.filter((r) => r.spec.exif === CAMERA_TAGS.x100v || r.spec.exif === CAMERA_TAGS.a7iii)) {
        const source = await fs.readFile(path.join(src, row.file));
        assert.ok(NEVER_PUBLISHED.some((secret) => source.includes(secret)), `${row.file}: the test photo carries them`);
      }
      const answers = [JSON.stringify(photos), ...(await Promise.all(ROWS.map((r) => target.metadata(r.file)))).map((m) => JSON.stringify(m))];
      for (const [name, bytes] of contents) {
        for (const secret of NEVER_PUBLISHED) assert.equal(bytes.includes(secret), false, `${name} holds ${secret}`);
        if (name === MANIFEST_NAME || name.endsWith('.json')) assert.equal(bytes.includes(ARTIST), false, `${name} names the artist`);
      }
      for (const text of answers) {
        for (const secret of [...NEVER_PUBLISHED, ARTIST, 'GPS']) assert.equal(text.includes(secret), false, `${secret} in ${text.slice(0, 200)}`);
      }
    });
  });
}

describe('photos published before the details existed', () => {
  const OLD = { id: 'sea/old.jpg', width: 60, height: 40, caption: 'The harbour', date: '2024-06-01T21:40:00+02:00' };
  const oldManifest = `{"photoFrameManifest":1,"generatedAt":"2024-01-01T00:00:00.000Z","count":1}\n${JSON.stringify(OLD)}\n`;

  test('an old manifest line in a folder: served as before, without details', async () => {
    const dir = path.join(base, 'old-folder');
    await makePhoto(dir, OLD.id, { exif: CAMERA_TAGS.x100v });
    await fs.mkdir(path.join(dir, '_photo-frame'), { recursive: true });
    await fs.writeFile(path.join(dir, MANIFEST_NAME), oldManifest);
    const api = await startApi({ PHOTOS_DIR: dir });
    try {
      const answer = (await (await api.get('/')).json()) as Photo;
      assert.deepEqual({ ...answer, url: undefined }, { ...OLD, url: undefined }, 'the manifest is what is served: no details, nothing else changed');
    } finally {
      await api.close();
    }
  });

  test('old object metadata in a bucket, listed, then named by an old manifest line: served as before, without details', async () => {
    const bucket = 'old-objects';
    fake.createBucket(bucket);
    const bytes = await fs.readFile(await makePhoto(path.join(base, 'old-bucket'), 'old.jpg', { exif: CAMERA_TAGS.x100v }));
    fake.put(bucket, OLD.id, bytes, { contentType: 'image/jpeg', metadata: { width: '60', height: '40', caption: OLD.caption, date: OLD.date, sourcehash: 'f'.repeat(64) } });
    for (const manifest of [undefined, oldManifest]) {
      if (manifest) fake.put(bucket, MANIFEST_NAME, manifest, { contentType: 'application/jsonl' });
      const api = await startApi({ BUCKET: bucket }, { store: new GcsStore(bucket, { storage: fake.storage() }) });
      try {
        const list = (await (await api.get('/photos')).json()) as PhotoList;
        assert.ok(isPhotoList(list));
        assert.deepEqual(list.photos.map((p) => ({ ...p, url: undefined })), [{ ...OLD, url: undefined }], manifest ? 'from the manifest' : 'from the listing');
      } finally {
        await api.close();
      }
    }
  });
});

/** The details among a photo's fields, as they are (not checked: the test compares what is there). */
function pick(photo: object): Record<string, unknown> {
  return Object.fromEntries(DETAIL_FIELDS.filter((f) => (photo as Record<string, unknown>)[f] !== undefined).map((f) => [f, (photo as Record<string, unknown>)[f]]));
}
