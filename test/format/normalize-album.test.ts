/**
 * One album rule for the three parts that read an album: upload's `--album`,
 * the photo API's `?album=` and the service worker. Each row is a case where
 * they used to disagree (or the baseline they agreed on), checked through each
 * part's public surface.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Photo } from '../../src/contract.js';
import { upload } from '../../src/cli/upload.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { albumProblem, normalizeAlbum } from '../../src/format/normalize-album.js';
import { pickParams } from '../../src/sw/photo-urls.js';
import { makePhoto } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';

interface Row {
  input: string;
  /** What it was before: upload / API / worker. */
  before: string;
  /** The album it names ('' for every photo), or undefined when it is refused. */
  album: string | undefined;
}

const ROWS: Row[] = [
  { input: '/sea/', before: 'sea / sea / sea', album: 'sea' },
  { input: ' sea ', before: 'sea / " sea " (no photos) / " sea "', album: 'sea' },
  { input: ' /trips/2024/ ', before: 'trips/2024 / " /trips/2024/ " / " /trips/2024/ "', album: 'trips/2024' },
  { input: '/ sea', before: '" sea" / " sea" / " sea"', album: 'sea' },
  { input: '  ', before: 'every photo / "  " (no photos) / "  "', album: '' },
  { input: 'x..y', before: 'x..y everywhere (a name, not a way up)', album: 'x..y' },
  { input: '../up', before: 'refused / searched (no photos) / searched', album: undefined },
  { input: 'sea/..', before: 'refused / searched / searched', album: undefined },
  { input: '.hidden', before: 'refused / searched / searched', album: undefined },
  { input: 'sea//deep', before: 'refused / searched / searched', album: undefined },
  { input: 'trips\\2024', before: 'refused / searched / searched', album: undefined },
  { input: '_photo-frame', before: 'refused / searched (no photos) / searched', album: undefined },
  { input: '_photo-frame/variants', before: 'refused / searched / searched', album: undefined },
  { input: 'sea\nside', before: 'published / 400 / searched', album: undefined },
  { input: 'sea\u007f', before: 'published / 400 / searched', album: undefined },
  { input: 'a'.repeat(1025), before: 'published (each photo then refused) / 400 / searched', album: undefined },
];

let photos: string;
let empty: string;
let target: string;
let api: TestApi;

before(async () => {
  photos = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-albums-'));
  empty = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-albums-src-'));
  target = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-albums-to-'));
  for (const name of ['sea/boat.jpg', 'trips/2024/ridge.jpg', 'x..y/inside.jpg', 'lake.jpg']) await makePhoto(photos, name);
  api = await startApi({ PHOTOS_DIR: photos });
});
after(async () => {
  await api.close();
  for (const dir of [photos, empty, target]) await fs.rm(dir, { recursive: true, force: true });
});

describe('one album rule', () => {
  for (const row of ROWS) {
    const shown = JSON.stringify(row.input.length > 40 ? `${row.input.slice(0, 10)}… (${row.input.length} characters)` : row.input);
    const outcome = row.album === undefined ? 'refused' : row.album === '' ? 'every photo' : JSON.stringify(row.album);
    test(`${shown} → ${outcome} (was ${row.before})`, async () => {
      const album = normalizeAlbum(row.input);
      assert.equal(albumProblem(album) === undefined, row.album !== undefined, `the format's rule: ${albumProblem(album)}`);
      if (row.album !== undefined) assert.equal(album, row.album);

      // The worker reads the same album from a request (it refuses nothing: a refused album holds no photo).
      assert.equal(pickParams(new URL(`https://api.example/?album=${encodeURIComponent(row.input)}`)).album, album);

      // The photo API: a photo of the album, or 400 naming the problem.
      const response = await api.get(`/?album=${encodeURIComponent(row.input)}`);
      const body = (await response.json()) as Photo & { error?: { code: string; message: string } };
      if (row.album === undefined) {
        assert.equal(response.status, 400);
        assert.equal(body.error?.code, 'invalid_parameter');
        assert.match(body.error?.message ?? '', /^"album" ".*" is not a usable folder name \(.+\): use names like "sea" or "trips\/2024"$/s);
      } else {
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.ok(row.album === '' || body.id.startsWith(`${row.album}/`), `${body.id} is in ${row.album}`);
      }

      // Upload: the album it would publish into, or a usage error naming the problem.
      const published = upload(empty, { to: target, album: row.input, dryRun: true });
      if (row.album === undefined) {
        await assert.rejects(published, (error: Error) => error instanceof UsageError && /^--album ".*" is not a usable folder name \(.+\)/s.test(error.message));
      } else {
        assert.equal((await published).album, row.album);
      }
    });
  }
});
