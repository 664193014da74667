/**
 * `photo-frame upload --to <folder>`: what is published into a local folder
 * from the library of cli-fixtures.ts, re-runs, links and --dry-run. Changes,
 * --prune and the photo API on the folder are upload-folder-changes.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { METADATA_PREFIX } from '../../src/cli/folder-target.js';
import { upload, type UploadReport } from '../../src/cli/upload.js';
import { MANIFEST_NAME } from '../../src/format/manifest.js';
import { photoDetails } from '../../src/photo-details.js';
import { makePhoto } from '../support/make-photo.js';
import {
  assertHasLocation, assertNoLocation, BAD_FILES, FILE_TIME, files, LIBRARY, LIBRARY_IDS, makeLibrary, manifestLines, recorder, tempDir,
} from './cli-fixtures.js';

let src: string;
let out: string;
let first: UploadReport;

before(async () => {
  src = await makeLibrary({ bad: true });
  out = path.join(await tempDir('upload-out'), 'site photos'); // not there yet, with a space
  first = await upload(src, { to: out });
});

after(async () => {
  await fs.rm(src, { recursive: true, force: true });
  await fs.rm(path.dirname(out), { recursive: true, force: true });
});

describe('upload --to a folder', () => {
  test('publishes every good photo and reports every bad file by name with the reason', () => {
    assert.deepEqual(first.published, LIBRARY_IDS);
    const reported = new Map([...first.failed, ...first.skipped].map((f) => [f.file, f.reason]));
    for (const [file, { failed, reason }] of Object.entries(BAD_FILES)) {
      assert.ok(reported.get(file)?.includes(reason), `${file}: ${reported.get(file)}`);
      assert.equal(first.failed.some((f) => f.file === file), failed, `${file} ${failed ? 'fails' : 'is skipped'}`);
    }
    assert.equal(first.ok, false, 'bad photos make the run fail');
    assert.equal(first.manifest, 'written');
  });

  test('writes the manifest with metadata from sidecars, EXIF and XMP, the camera\'s details, upright sizes, file dates, placeholders and variants', async () => {
    const [header, ...photos] = await manifestLines(out);
    assert.equal(header!.count, LIBRARY_IDS.length);
    assert.deepEqual(photos.map((p) => p.id), LIBRARY_IDS);
    for (const photo of photos) {
      const expected = LIBRARY[photo.id as keyof typeof LIBRARY].expect;
      assert.equal(photo.width, expected.width, `${photo.id} width`);
      assert.equal(photo.height, expected.height, `${photo.id} height`);
      assert.equal(photo.caption, 'caption' in expected ? expected.caption : undefined, `${photo.id} caption`);
      assert.equal(photo.alt, 'alt' in expected ? expected.alt : undefined, `${photo.id} alt`);
      if ('date' in expected) assert.equal(photo.date, expected.date, `${photo.id} date`);
      assert.deepEqual(photoDetails(photo), 'details' in expected ? expected.details : {}, `${photo.id} details`);
      assert.match(String(photo.placeholder), /^[A-Za-z0-9+/]{20,}={0,2}$/, `${photo.id} placeholder`);
      const variants = (photo.variants ?? []) as { name: string; width: number; type: string }[];
      assert.deepEqual(variants.map((v) => v.width), expected.variants, `${photo.id} variants`);
    }
    // No date in the photo or its sidecar: the file's time, with an offset.
    const plain = photos.find((p) => p.id === 'sea/plain.jpg')!;
    assert.match(String(plain.date), /[+-]\d{2}:\d{2}$/);
    assert.equal(Date.parse(String(plain.date)), FILE_TIME.getTime());
  });

  test('makes WebP variants upright, of the stated width, content-named and never upscaled', async () => {
    const [, ...photos] = await manifestLines(out);
    for (const photo of photos) {
      for (const variant of (photo.variants ?? []) as { name: string; width: number; type: string }[]) {
        assert.match(variant.name, /^_photo-frame\/variants\/[0-9a-f]{16}-\d+\.webp$/);
        assert.equal(variant.type, 'image/webp');
        const meta = await sharp(path.join(out, variant.name)).metadata();
        assert.equal(meta.format, 'webp');
        assert.equal(meta.width, variant.width);
        assert.ok(variant.width < Number(photo.width), 'narrower than the photo');
        const height = (variant.width * Number(photo.height)) / Number(photo.width);
        assert.ok(Math.abs(meta.height - height) <= 1, `${variant.name} is upright: ${meta.height} high, not ${height}`);
        assert.equal(meta.exif, undefined, 'variants carry no metadata');
      }
    }
  });

  test('strips GPS and every other location from every published file, originals included', async () => {
    for (const id of ['harbour.jpg', 'mountains/sideways.jpg', 'mountains/ridge.png', 'sea/lake.webp'] as const) {
      await assertHasLocation(await fs.readFile(path.join(src, id)), id);
    }
    const published = [...(await files(out)).keys()].filter((n) => !n.startsWith(METADATA_PREFIX) && n !== MANIFEST_NAME);
    assert.ok(published.length >= LIBRARY_IDS.length + 3);
    for (const name of published) await assertNoLocation(await fs.readFile(path.join(out, name)), name);
  });

  test('keeps a JPEG original byte for byte in its image data, with its orientation and descriptive tags', async () => {
    const original = await fs.readFile(path.join(src, 'mountains/sideways.jpg'));
    const published = await fs.readFile(path.join(out, 'mountains/sideways.jpg'));
    const imageData = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));
    assert.ok(imageData(published).equals(imageData(original)), 'the compressed pixels are untouched');
    const meta = await sharp(published).metadata();
    assert.equal(meta.orientation, 6);
    assert.deepEqual(meta.autoOrient, { width: 700, height: 1000 });
    const { default: exifr } = await import('exifr');
    const tags = await exifr.parse(await fs.readFile(path.join(out, 'harbour.jpg')), { reviveValues: false });
    assert.equal(tags.Make, 'Canon');
    assert.equal(tags.Copyright, 'CC0');
    assert.equal(tags.DateTimeOriginal, '2020:01:01 10:00:00');
    assert.equal(tags.FNumber, 2.8);
    assert.equal(tags.ExifImageWidth, 1400);
  });

  test('a re-run with nothing changed writes nothing', async () => {
    const before = await files(out);
    const again = await upload(src, { to: out });
    assert.deepEqual(again.published, []);
    assert.deepEqual(again.unchanged, LIBRARY_IDS);
    assert.equal(again.manifest, 'unchanged');
    assert.deepEqual(await files(out), before, 'no file was written or touched');
  });

  test('links inside the target folder are not followed: a loop, and a photo outside', async () => {
    const elsewhere = await tempDir('elsewhere');
    await makePhoto(elsewhere, 'not-ours.jpg', { width: 20, height: 10 });
    await fs.symlink(out, path.join(out, 'loop'));
    await fs.symlink(path.join(elsewhere, 'not-ours.jpg'), path.join(out, 'not-ours.jpg'));
    try {
      const again = await upload(src, { to: out, prune: true });
      assert.deepEqual(again.unchanged, LIBRARY_IDS, 'the published photos are found once each');
      assert.deepEqual(again.published, []);
      assert.equal(again.manifest, 'unchanged');
      await fs.access(path.join(elsewhere, 'not-ours.jpg')); // --prune left the file behind the link alone
    } finally {
      await fs.rm(path.join(out, 'loop'));
      await fs.rm(path.join(out, 'not-ours.jpg'));
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  test('--dry-run plans the work and writes nothing', async () => {
    const parent = await tempDir('dry');
    const empty = path.join(parent, 'never-made');
    try {
      const { events, onEvent } = recorder();
      const plan = await upload(src, { to: empty, dryRun: true, onEvent });
      assert.deepEqual(plan.published, LIBRARY_IDS);
      assert.equal(plan.manifest, 'planned');
      const bad = Object.keys(BAD_FILES).filter((f) => BAD_FILES[f as keyof typeof BAD_FILES].failed).sort();
      assert.deepEqual(plan.failed.map((f) => f.file), bad, 'bad files are found in a dry run too');
      assert.ok(events.some((e) => e.type === 'photo' && e.outcome === 'planned' && e.detail === 'new'));
      await assert.rejects(fs.access(empty), 'the target folder was not even created');
    } finally {
      await fs.rm(parent, { recursive: true, force: true });
    }
  });
});
