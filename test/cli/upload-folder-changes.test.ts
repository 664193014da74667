/**
 * `photo-frame upload --to <folder>` over time: a changed caption or photo,
 * deletions with and without --prune, other albums, a manifest changed by
 * another run meanwhile, and the photo API's local store serving the folder
 * (a round trip over HTTP).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { METADATA_PREFIX } from '../../src/cli/folder-target.js';
import { runCli } from '../../src/cli/run-cli.js';
import { upload } from '../../src/cli/upload.js';
import { isPhotoList, type Photo, type PhotoList } from '../../src/contract.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import { startApi } from '../support/start-api.js';
import { files, manifestLines, tempDir, writePhoto } from './cli-fixtures.js';

async function listAll(url: string): Promise<Photo[]> {
  const body = (await (await fetch(`${url}/photos?limit=1000`)).json()) as PhotoList;
  assert.ok(isPhotoList(body));
  return body.photos;
}

describe('changes, --prune and the photo API on the folder', () => {
  let lib: string;
  let site: string;

  before(async () => {
    lib = await tempDir('lib');
    site = await tempDir('site');
    await writePhoto(lib, 'a.jpg', { width: 800, height: 600, sidecar: { caption: 'First' } });
    await writePhoto(lib, 'b.jpg', { width: 900, height: 600, colour: '#a00' });
    await writePhoto(lib, 'c.jpg', { width: 300, height: 200 });
    const report = await upload(lib, { to: site, album: 'trips/2024' });
    assert.deepEqual(report.published, ['trips/2024/a.jpg', 'trips/2024/b.jpg', 'trips/2024/c.jpg']);
  });

  after(async () => {
    await fs.rm(lib, { recursive: true, force: true });
    await fs.rm(site, { recursive: true, force: true });
  });

  test('a changed caption or photo is published again, alone', async () => {
    await fs.writeFile(path.join(lib, 'a.jpg.json'), JSON.stringify({ caption: 'Second' }));
    const oldB = (await manifestLines(site)).find((p) => p.id === 'trips/2024/b.jpg')!;
    await writePhoto(lib, 'b.jpg', { width: 900, height: 600, colour: '#0a0' });
    const report = await upload(lib, { to: site, album: 'trips/2024' });
    assert.deepEqual(report.published, ['trips/2024/a.jpg', 'trips/2024/b.jpg']);
    assert.deepEqual(report.unchanged, ['trips/2024/c.jpg']);
    const photos = await manifestLines(site);
    assert.equal(photos.find((p) => p.id === 'trips/2024/a.jpg')!.caption, 'Second');
    const newB = photos.find((p) => p.id === 'trips/2024/b.jpg')!;
    assert.notDeepEqual(newB.variants, oldB.variants, 'new pixels, new variant names');
    // Without --prune the old variants stay (a page may still name them).
    for (const v of oldB.variants as { name: string }[]) await fs.access(path.join(site, v.name));
  });

  test('a deleted photo stays published without --prune and is removed with it, manifest first', async () => {
    await fs.rm(path.join(lib, 'b.jpg'));
    const kept = await upload(lib, { to: site, album: 'trips/2024' });
    assert.deepEqual(kept.kept, ['trips/2024/b.jpg']);
    assert.ok((await manifestLines(site)).some((p) => p.id === 'trips/2024/b.jpg'));
    await fs.access(path.join(site, 'trips/2024/b.jpg'));

    const variantsBefore = [...(await files(site)).keys()].filter((n) => n.includes('/variants/'));
    const pruned = await upload(lib, { to: site, album: 'trips/2024', prune: true, unusedVariantAgeMs: 0 });
    assert.deepEqual(pruned.removed, ['trips/2024/b.jpg']);
    assert.equal(pruned.manifest, 'written');
    const left = await files(site);
    assert.ok(!(await manifestLines(site)).some((p) => p.id === 'trips/2024/b.jpg'));
    assert.equal(left.has('trips/2024/b.jpg'), false);
    assert.equal(left.has(`${METADATA_PREFIX}trips/2024/b.jpg.json`), false);
    // Only a.jpg's variant is still used: b's old and new variants are gone.
    const variantsAfter = [...left.keys()].filter((n) => n.includes('/variants/'));
    const used = (await manifestLines(site)).flatMap((p) => ((p.variants ?? []) as { name: string }[]).map((v) => v.name));
    assert.deepEqual(variantsAfter.sort(), [...used].sort());
    assert.ok(variantsBefore.length > variantsAfter.length);
  });

  test('photos outside the album are kept, even with --prune', async () => {
    const other = await tempDir('other');
    await writePhoto(other, 'x.jpg', { width: 120, height: 80 });
    try {
      const report = await upload(other, { to: site, album: 'sea', prune: true });
      assert.deepEqual(report.removed, []);
      const ids = (await manifestLines(site)).slice(1).map((p) => p.id);
      assert.deepEqual(ids, ['sea/x.jpg', 'trips/2024/a.jpg', 'trips/2024/c.jpg']);
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });

  test('a manifest changed by another run meanwhile is not overwritten: exit code 1 and the fix', async () => {
    await writePhoto(lib, 'd.jpg', { width: 100, height: 80 });
    const manifest = path.join(site, MANIFEST_NAME);
    let output = '';
    let meddled = false;
    const code = await runCli(['upload', lib, '--to', site, '--album', 'trips/2024'], {
      stdout: {
        write: (text: string) => {
          output += text;
          // Another upload writes the manifest while this one is publishing.
          if (text.startsWith('published') && !meddled) {
            meddled = true;
            writeFileSync(manifest, serializeManifest([]));
          }
          return true;
        },
      },
    });
    assert.equal(code, 1);
    assert.match(output, /Another upload changed .*manifest\.jsonl.*run the command again/s);
    assert.equal((await manifestLines(site)).length, 1, "the other run's manifest stays");
    const rerun = await upload(lib, { to: site, album: 'trips/2024' });
    assert.deepEqual(rerun.published, [], 'the photos were in place');
    assert.equal(rerun.manifest, 'written');
    assert.deepEqual((await manifestLines(site)).slice(1).map((p) => p.id), ['trips/2024/a.jpg', 'trips/2024/c.jpg', 'trips/2024/d.jpg']);
  });

  test('the photo API on the folder lists exactly the published photos and serves their images and variants', async () => {
    const api = await startApi({ PHOTOS_DIR: site });
    try {
      const photos = await listAll(api.url);
      const manifest = (await manifestLines(site)).slice(1);
      assert.deepEqual(photos.map((p) => p.id), manifest.map((p) => p.id));
      for (const photo of photos) {
        const record = manifest.find((p) => p.id === photo.id)!;
        assert.deepEqual(
          { caption: photo.caption, date: photo.date, placeholder: photo.placeholder, width: photo.width, height: photo.height },
          { caption: record.caption, date: record.date, placeholder: record.placeholder, width: record.width, height: record.height },
        );
        const image = await fetch(photo.url);
        assert.equal(image.status, 200, photo.url);
        assert.ok(Buffer.from(await image.arrayBuffer()).equals(await fs.readFile(path.join(site, photo.id))));
        for (const variant of photo.variants ?? []) {
          const res = await fetch(variant.url);
          assert.equal(res.status, 200, variant.url);
          assert.equal(res.headers.get('content-type'), 'image/webp');
          await res.arrayBuffer();
        }
      }
      assert.ok(photos.some((p) => (p.variants?.length ?? 0) > 0));
    } finally {
      await api.close();
    }
  });
});
