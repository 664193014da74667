/**
 * `blog-photo-frame upload` given symbolic links and special files, to a
 * folder and to the bucket (test/reliability/support/hostile-upload.ts):
 * links to a photo, a folder and a sidecar outside the photo folder, link
 * loops, a named pipe. None is followed or read: each is reported as skipped,
 * the run ends, and the outside photo's bytes and caption appear nowhere in
 * the target.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertEnded, HostileUpload, KINDS, SECRET, assertOnly, kindName, listAll, manifestOf, reported, type Run, type Target } from './support/hostile-upload.js';

interface LinkRow {
  /** What is in the photo folder. */
  file: string;
  why: string;
  make(src: string, outside: string): Promise<void>;
  /** Reported as skipped with a reason matching this. */
  reason: RegExp;
}

const LINK_REASON = /^a symbolic link, not followed \(it may lead outside the folder\): copy the file or folder itself into the folder to publish it$/;

const LINK_ROWS: LinkRow[] = [
  {
    file: 'link-to-photo.jpg', why: 'a link to a photo outside', reason: LINK_REASON,
    make: (src, outside) => fs.symlink(path.join(outside, 'secret.jpg'), path.join(src, 'link-to-photo.jpg')),
  },
  {
    file: 'link-to-folder', why: 'a link to a folder of photos outside', reason: LINK_REASON,
    make: (src, outside) => fs.symlink(path.join(outside, 'secret-folder'), path.join(src, 'link-to-folder')),
  },
  {
    file: 'kept-caption.jpg.json', why: "a link to a sidecar outside, beside a real photo", reason: LINK_REASON,
    make: (src, outside) => fs.symlink(path.join(outside, 'secret.jpg.json'), path.join(src, 'kept-caption.jpg.json')),
  },
  {
    file: 'self.jpg', why: 'a link to itself', reason: LINK_REASON,
    make: (src) => fs.symlink('self.jpg', path.join(src, 'self.jpg')),
  },
  {
    file: 'ping.jpg', why: 'two links to each other (1)', reason: LINK_REASON,
    make: (src) => fs.symlink('pong.jpg', path.join(src, 'ping.jpg')),
  },
  {
    file: 'pong.jpg', why: 'two links to each other (2)', reason: LINK_REASON,
    make: (src) => fs.symlink('ping.jpg', path.join(src, 'pong.jpg')),
  },
  {
    file: 'album/up', why: 'a link to its own parent (a loop through the folder)', reason: LINK_REASON,
    make: (src) => fs.symlink('..', path.join(src, 'album/up')),
  },
  {
    file: 'album/root', why: 'a link to the root of the file system', reason: LINK_REASON,
    make: (src) => fs.symlink('/', path.join(src, 'album/root')),
  },
  {
    file: 'pipe.jpg', why: 'a named pipe (reading it would wait forever)',
    reason: /^not a regular file \(a pipe, socket or device\): move it out of the folder$/,
    make: async (src) => void execFileSync('mkfifo', [path.join(src, 'pipe.jpg')]),
  },
];

/** The real photos of the links folder, with the caption each must have. */
const LINK_PHOTOS: Record<string, string | undefined> = {
  'album/inside.jpg': 'Inside the album',
  'kept-caption.jpg': undefined, // its sidecar is a link: not read
  'real.jpg': 'A real photo',
};

let files: HostileUpload;

before(async () => {
  files = await HostileUpload.start();
  for (const [file, caption] of Object.entries(LINK_PHOTOS)) await files.photo(file, caption === undefined ? undefined : JSON.stringify({ caption }));
  for (const row of LINK_ROWS) await row.make(files.source, files.outside);
  files.assertPixelsDistinct();
});

after(() => files?.close());

for (const kind of KINDS) {
  describe(`symbolic links and special files, ${kindName(kind)}`, () => {
    const published = Object.keys(LINK_PHOTOS).sort();
    let target: Target;
    let run: Run;
    let contents: Map<string, Buffer>;
    let outsideBefore: Map<string, string>;

    before(async () => {
      outsideBefore = await files.outsideTargets();
      ({ target, run, contents } = await files.uploadTo(kind));
    });

    test('the run ends, exits 0 and publishes the real photos only', () => {
      assertEnded(run, 0, published.length);
      assert.match(run.stdout, new RegExp(`skipped +${LINK_ROWS.length}\\n`));
      assertOnly(contents, published, kind);
      assert.deepEqual(manifestOf(contents).map((p) => p.id), published);
    });

    for (const row of LINK_ROWS) {
      test(`${row.why} (${row.file}) is reported as skipped, never followed`, () => {
        const reason = reported(run.stdout, 'skipped', row.file);
        assert.ok(reason, `"skipped    ${row.file}: …" is printed:\n${run.stdout}`);
        assert.match(reason, row.reason);
        assert.ok(![...contents.keys()].some((name) => name.startsWith(`${row.file}/`) || name === row.file), 'nothing published through it');
      });
    }

    test("the outside photos' bytes and captions appear nowhere in the target", () => {
      for (const [name, bytes] of contents) {
        assert.equal(bytes.includes(SECRET), false, `${name} holds the outside caption`);
        for (const scan of files.outsideScans) assert.equal(bytes.includes(scan), false, `${name} holds an outside photo's pixels`);
      }
      assert.equal(target.metadataText().includes(SECRET), false, 'no object metadata holds the outside caption');
    });

    test('the real photos keep their own captions; the one whose sidecar is a link has none', async () => {
      const api = await target.startApi();
      try {
        const photos = await listAll(api);
        assert.deepEqual(photos.map((p) => p.id).sort(), published);
        for (const photo of photos) {
          assert.equal(photo.caption, LINK_PHOTOS[photo.id], photo.id);
          assert.equal(photo.alt, undefined, photo.id);
          await files.assertLoads(photo, contents);
        }
      } finally {
        await api.close();
      }
    });

    test('nothing is written outside the target, and the links are left as they were', async () => {
      assert.deepEqual(await files.outsideTargets(), outsideBefore);
    });
  });
}
