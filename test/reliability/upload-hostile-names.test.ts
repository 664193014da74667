/**
 * `blog-photo-frame upload` given hostile file and folder names, table-driven,
 * to a folder and to the bucket (test/reliability/support/hostile-upload.ts):
 * spaces, accents, emoji, right-to-left text, the same name in NFC and NFD,
 * `..` inside names, a 250-byte name, a deep path, `% # ? + \`. Each is
 * published under its exact path as id, loads byte for byte through the photo
 * API's URL, keeps its id on a re-run, and nothing is written outside the
 * target.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Photo } from '../../src/contract.js';
import type { TestApi } from '../support/start-api.js';
import { assertEnded, HostileUpload, KINDS, assertOnly, kindName, listAll, manifestOf, photoFrame, type Run, type Target } from './support/hostile-upload.js';

interface NameRow {
  file: string;
  why: string;
  /** False: not published (hidden files are ignored, as the README says). */
  published?: false;
  /** False: no sidecar (a name past 250 bytes leaves no room for `.json`), so no caption. */
  sidecar?: false;
}

const NFC = 'caf\u00e9.jpg';
const NFD = 'cafe\u0301.jpg';
const LONG_NAME = `${'l'.repeat(246)}.jpg`;
const LONGEST_NAME = `${'m'.repeat(251)}.jpg`;
const DEEP = `${Array.from({ length: 40 }, (_, i) => `level-${i}`).join('/')}/deep.jpg`;

const NAME_ROWS: NameRow[] = [
  { file: 'with space.jpg', why: 'a space' },
  { file: 'folder with space/a photo.jpg', why: 'spaces in a folder and a file' },
  { file: NFC, why: 'an accent, composed (NFC)' },
  { file: NFD, why: 'the same name decomposed (NFD): another file, another id' },
  { file: 'Ελλάδα/Αθήνα.jpg', why: 'Greek with accents' },
  { file: 'sea 🌊🐚.jpg', why: 'emoji' },
  { file: 'שלום עולם.jpg', why: 'right-to-left (Hebrew)' },
  { file: 'صور/بحر.jpg', why: 'right-to-left (Arabic) folder and file' },
  { file: 'photo\u202egpj.jpg', why: 'a right-to-left override character' },
  { file: '..hidden.jpg', why: 'starts with ".." (a hidden file)', published: false },
  { file: 'a..b.jpg', why: '".." inside a name' },
  { file: 'x..y/inside.jpg', why: 'a folder named x..y' },
  { file: LONG_NAME, why: 'a 250-byte file name' },
  { file: LONGEST_NAME, why: 'a 255-byte file name, the longest there is', sidecar: false },
  { file: DEEP, why: 'a path 41 folders deep' },
  { file: '100% sure.jpg', why: '"%"' },
  { file: '%20x.jpg', why: 'a percent-encoded space, literally' },
  { file: 'a%2Fb.jpg', why: 'a percent-encoded slash, literally' },
  { file: '%2e%2e%2fup.jpg', why: 'a percent-encoded "../", literally' },
  { file: '#1 best.jpg', why: '"#"' },
  { file: 'what?.jpg', why: '"?"' },
  { file: 'a+b=c&d.jpg', why: '"+", "=" and "&"' },
  { file: 'back\\slash.jpg', why: 'a backslash' },
  { file: 'quote\'s "best".jpg', why: 'quotes' },
];

let files: HostileUpload;

before(async () => {
  files = await HostileUpload.start();
  for (const row of NAME_ROWS) await files.photo(row.file, row.sidecar === false ? undefined : JSON.stringify({ caption: `Caption of ${row.file}` }));
  files.assertPixelsDistinct();
  assert.equal(Buffer.byteLength(LONG_NAME), 250);
  assert.equal(Buffer.byteLength(LONGEST_NAME), 255);
  assert.equal(NFC.normalize('NFD'), NFD);
  assert.notEqual(NFC, NFD);
});

after(() => files?.close());

for (const kind of KINDS) {
  describe(`hostile file and folder names, ${kindName(kind)}`, () => {
    const published = NAME_ROWS.filter((r) => r.published !== false).map((r) => r.file).sort();
    let target: Target;
    let run: Run;
    let contents: Map<string, Buffer>;
    let outsideBefore: Map<string, string>;
    let api: TestApi;
    let photos: Photo[];

    before(async () => {
      // Outside the targets (`out-…`): making one does not change it.
      outsideBefore = await files.outsideTargets();
      ({ target, run, contents } = await files.uploadTo(kind));
      api = await target.startApi();
      photos = await listAll(api);
    });
    after(() => api?.close());

    test('the run ends, exits 0 and publishes every photo (the hidden one aside), with no error output', () => {
      assertEnded(run, 0, published.length);
      assert.match(run.stdout, new RegExp(`manifest +written, naming ${published.length} photos`));
    });

    test('the target holds exactly those photos under their ids, and the manifest names them', () => {
      assertOnly(contents, published, kind);
      assert.deepEqual(manifestOf(contents).map((p) => p.id), published);
    });

    test('nothing is written outside the target', async () => {
      assert.deepEqual(await files.outsideTargets(), outsideBefore);
    });

    for (const row of NAME_ROWS) {
      test(`${row.why}: ${JSON.stringify(row.file)}`, async () => {
        const photo = photos.find((p) => p.id === row.file);
        if (row.published === false) {
          assert.equal(photo, undefined, 'not published');
          assert.ok(![...contents.keys()].some((name) => name.includes(row.file)), 'nothing of it in the target');
          return;
        }
        assert.ok(photo, `the API lists it under its exact path (ids: ${photos.map((p) => JSON.stringify(p.id)).join(', ')})`);
        assert.equal(photo.caption, row.sidecar === false ? undefined : `Caption of ${row.file}`, 'its own sidecar was read');
        assert.deepEqual([photo.width, photo.height], [64, 48]);
        await files.assertLoads(photo, contents);
      });
    }

    test('a re-run finds every photo unchanged under the same id, and writes nothing', async () => {
      const again = await photoFrame(['upload', files.source, ...target.args], target.env);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, new RegExp(`published +0\\n +unchanged +${published.length}\\n`));
      assert.match(again.stdout, /manifest +unchanged/);
      assert.deepEqual(await target.contents(), contents);
    });
  });
}
