/**
 * Hostile input for `photo-frame upload` (issue 6), table-driven, through the
 * built command (`dist/cli/photo-frame.js` in a child process, as a user runs
 * it) into both targets: `--to` a folder and `--bucket` on the Cloud Storage
 * fake (test/support/fake-gcs.ts) with the real client (STORAGE_EMULATOR_HOST).
 *
 * Three folders of small (64×48) photos:
 *   - names: spaces, accents, emoji, right-to-left text, the same name in NFC
 *     and NFD, `..` inside names, a 250-byte name, a deep path, `% # ? + \`.
 *     Each is published under its exact path as id, loads byte for byte through
 *     the photo API's URL, keeps its id on a re-run, and nothing is written
 *     outside the target.
 *   - links: symbolic links to a photo, a folder and a sidecar outside, link
 *     loops, a named pipe. None is followed or read: each is reported as
 *     skipped, the run ends, and the outside photo's bytes and caption appear
 *     nowhere in the target.
 *   - refused: malformed sidecars (not JSON, not UTF-8, an array, null, wrong
 *     types, a date that is not one, a 1 MB caption; details that are huge,
 *     negative, not numbers, not whole, of the wrong type, with a bidi
 *     control or a line break) and an id past 1,024
 *     characters. Each photo is reported by name with the reason and the fix,
 *     the exit code is 1, nothing of it is written, the manifest is valid JSON
 *     Lines naming only the good photos; what is accepted (a byte-order mark,
 *     markup, details and their blanking, unknown fields, deep nesting) is
 *     published as written.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { isPhotoList, type Photo, type PhotoDetails, type PhotoList } from '../../src/contract.js';
import { DETAIL_FIELDS } from '../../src/photo-details.js';
import { metadataName } from '../../src/cli/folder-target.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { INDEX_NAME, indexManifest } from '../../src/format/catalog-index.js';
import { MANIFEST_NAME } from '../../src/format/manifest.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { makePhoto } from '../support/make-photo.js';
import { startApi, type TestApi } from '../support/start-api.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'dist/cli/photo-frame.js');
/** A run that takes longer has hung (a link loop followed, a pipe read): it is killed and the test fails. */
const RUN_TIMEOUT_MS = 60_000;
const SECRET = `outside-secret-${process.pid}`;
const VARIANTS = '_photo-frame/variants/';

// ---------------------------------------------------------------- the tables

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

interface SidecarRow {
  photo: string;
  why: string;
  sidecar: string | Buffer;
  /** Refused: the reason after "<photo>: " matches. */
  refused?: RegExp;
  /** Published with exactly these (the width and height are always the file's). */
  published?: { caption?: string; alt?: string; date?: string } & PhotoDetails;
}

const HUGE = 'x'.repeat(1024 * 1024);
const MARKUP = { caption: '<img src=x onerror="alert(1)"><script>alert(`caption`)</script> & </p>', alt: '"><svg onload=alert(2)> \u202e' };
const DETAILS_MARKUP = { camera: '<script>alert(`camera`)</script>', lens: '"><img src=x onerror=alert(3)> &amp;' };
const TEXT_FIX = 'text of at most 100 characters, without control characters';
const LONG_ID = `${Array.from({ length: 5 }, (_, i) => `${i}`.repeat(250)).join('/')}/too-long.jpg`;
/** 611 characters, 1,211 bytes: Cloud Storage counts the bytes. */
const LONG_UTF8_ID = `${Array.from({ length: 5 }, () => '\u00e9'.repeat(120)).join('/')}/accents.jpg`;
const EXAMPLE = /e\.g\. \{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00\+02:00"\}/;

const SIDECAR_ROWS: SidecarRow[] = [
  {
    photo: 'good.jpg', why: 'a well-formed sidecar (the control row)',
    sidecar: JSON.stringify({ caption: 'Good', alt: 'A good photo', date: '2024-06-01T18:30:00+02:00' }),
    published: { caption: 'Good', alt: 'A good photo', date: '2024-06-01T18:30:00+02:00' },
  },
  {
    photo: 'not-json.jpg', why: 'not JSON', sidecar: '{"caption": "unterminated',
    refused: new RegExp(`^its sidecar not-json\\.jpg\\.json is not valid JSON \\(.+\\): fix it, ${EXAMPLE.source}$`),
  },
  {
    photo: 'empty-sidecar.jpg', why: 'an empty file', sidecar: '',
    refused: /^its sidecar empty-sidecar\.jpg\.json is not valid JSON \(.+\): fix it, e\.g\./,
  },
  {
    photo: 'array.jpg', why: 'a JSON array', sidecar: '[{"caption": "in a list"}]',
    refused: /^its sidecar array\.jpg\.json must hold a JSON object like \{"caption": "…", "alt": "…", "date": "2024-06-01T18:30:00\+02:00"\}$/,
  },
  { photo: 'null.jpg', why: 'null', sidecar: 'null', refused: /^its sidecar null\.jpg\.json must hold a JSON object like \{/ },
  {
    photo: 'caption-number.jpg', why: 'a caption that is a number', sidecar: '{"caption": 42}',
    refused: /^its sidecar caption-number\.jpg\.json has a "caption" that is a number, not text: write it in quotes, e\.g\. "caption": "…"$/,
  },
  {
    photo: 'alt-object.jpg', why: 'an alt that is an object', sidecar: '{"alt": {"en": "A boat"}}',
    refused: /^its sidecar alt-object\.jpg\.json has an "alt" that is an object, not text: write it in quotes, e\.g\. "alt": "…"$/,
  },
  {
    photo: 'date-words.jpg', why: 'a date that is not a date', sidecar: '{"caption": "Dated in words", "date": "last summer"}',
    refused: /^its sidecar date-words\.jpg\.json has a "date" that is not a date \("last summer"\): write it as ISO 8601, e\.g\. "date": "2024-06-01T18:30:00\+02:00"$/,
  },
  {
    photo: 'date-number.jpg', why: 'a date as milliseconds', sidecar: '{"date": 1717259400000}',
    refused: /^its sidecar date-number\.jpg\.json has a "date" that is not a date \(1717259400000\): write it as ISO 8601/,
  },
  {
    photo: 'huge-caption.jpg', why: 'a 1 MB caption', sidecar: JSON.stringify({ caption: HUGE }),
    refused: /^its sidecar huge-caption\.jpg\.json has a "caption" of 1,048,576 characters: at most 4,096 are published; shorten it$/,
  },
  {
    photo: 'latin1.jpg', why: 'saved in Latin-1, not UTF-8', sidecar: Buffer.from('{"caption": "Caf\u00e9 au bord de l\u2019eau"}', 'latin1'),
    refused: /^its sidecar latin1\.jpg\.json is not UTF-8 text: save it as UTF-8 \(in another encoding its accents would be published garbled\)$/,
  },
  {
    photo: 'utf16.jpg', why: 'saved as UTF-16 (Notepad\'s "Unicode")',
    sidecar: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"caption": "Sixteen bits"}', 'utf16le')]),
    refused: /^its sidecar utf16\.jpg\.json is not UTF-8 text: save it as UTF-8/,
  },
  {
    photo: LONG_ID, why: 'an id past 1,024 characters', sidecar: '{"caption": "Too deep"}',
    refused: /^cannot be published under the id ".+" \(ids are at most 1,024 bytes in UTF-8\): shorten its path or the album$/,
  },
  {
    photo: LONG_UTF8_ID, why: 'an id of 611 characters but 1,211 bytes', sidecar: '{"caption": "Too wide"}',
    refused: /^cannot be published under the id ".+" \(ids are at most 1,024 bytes in UTF-8\): shorten its path or the album$/,
  },
  {
    photo: 'wide-caption.jpg', why: 'a caption of 3,000 characters but 6,000 bytes (past Cloud Storage\'s 4 KiB per field)',
    sidecar: JSON.stringify({ caption: '\u00e9'.repeat(3000) }),
    refused: /^its caption takes 6,000 bytes in UTF-8 and Cloud Storage keeps at most 4,096 per field: shorten it$/,
  },
  {
    photo: 'wordy.jpg', why: 'a caption and an alt of 4,090 characters each (past Cloud Storage\'s 8 KiB per object)',
    sidecar: JSON.stringify({ caption: 'c'.repeat(4090), alt: 'a'.repeat(4090) }),
    refused: /^its metadata \(caption, alt and the rest\) takes [\d,]+ bytes in UTF-8 and Cloud Storage keeps at most 8,192 per photo: shorten the caption or the alt$/,
  },
  {
    photo: 'bom.jpg', why: 'a UTF-8 byte-order mark (Windows editors write one)', sidecar: '\ufeff{"caption": "Saved with a BOM"}',
    published: { caption: 'Saved with a BOM' },
  },
  {
    photo: 'markup.jpg', why: 'markup in the caption and alt', sidecar: JSON.stringify(MARKUP),
    published: MARKUP,
  },
  {
    photo: 'unknown-fields.jpg', why: 'fields the sidecar format does not have (a width as text)',
    sidecar: '{"caption": "Width stays the file\'s", "width": "wide", "height": -1, "id": "../../elsewhere.jpg"}',
    published: { caption: 'Width stays the file\'s' },
  },
  {
    photo: 'prototype.jpg', why: '"__proto__" and "constructor" keys',
    sidecar: '{"caption": "Own caption", "__proto__": {"alt": "polluted"}, "constructor": {"prototype": {"alt": "polluted"}}}',
    published: { caption: 'Own caption' },
  },
  {
    photo: 'null-fields.jpg', why: 'fields set to null (as absent)', sidecar: '{"caption": "Only a caption", "alt": null, "date": null}',
    published: { caption: 'Only a caption' },
  },
  {
    photo: 'details.jpg', why: 'the photographer\'s details, the exposure as a fraction',
    sidecar: JSON.stringify({ camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: 23, aperture: 2, exposureTime: '1/500', iso: 160 }),
    published: { camera: 'X100V', lens: 'XF23mmF2 R WR', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 },
  },
  {
    photo: 'details-markup.jpg', why: 'markup in the camera and lens', sidecar: JSON.stringify(DETAILS_MARKUP), published: DETAILS_MARKUP,
  },
  {
    photo: 'details-blank.jpg', why: 'details blanked with null and ""', sidecar: '{"caption": "No details", "camera": null, "lens": "", "iso": null}',
    published: { caption: 'No details' },
  },
  {
    photo: 'camera-huge.jpg', why: 'a 1 MB camera', sidecar: JSON.stringify({ camera: HUGE }),
    refused: new RegExp(`^its sidecar camera-huge\\.jpg\\.json has a "camera" that cannot be published \\("${'x'.repeat(59)}…\\): write ${TEXT_FIX}, e\\.g\\. "camera": "X100V", or null to publish none$`),
  },
  {
    photo: 'lens-bidi.jpg', why: 'a right-to-left override in the lens (shown escaped)', sidecar: JSON.stringify({ lens: 'XF23\u202eRW' }),
    refused: new RegExp(`^its sidecar lens-bidi\\.jpg\\.json has a "lens" that cannot be published \\("XF23\\\\u202eRW"\\): write ${TEXT_FIX}`),
  },
  {
    photo: 'camera-control.jpg', why: 'a line break in the camera', sidecar: JSON.stringify({ camera: 'X100V\nSerial 1234' }),
    refused: /^its sidecar camera-control\.jpg\.json has a "camera" that cannot be published \("X100V\\nSerial 1234"\)/,
  },
  {
    photo: 'camera-number.jpg', why: 'a camera that is a number', sidecar: '{"camera": 100}',
    refused: /^its sidecar camera-number\.jpg\.json has a "camera" that cannot be published \(100\): write text/,
  },
  {
    photo: 'iso-negative.jpg', why: 'a negative ISO', sidecar: '{"iso": -160}',
    refused: /^its sidecar iso-negative\.jpg\.json has an "iso" that cannot be published \(-160\): write a whole number from 1 to 10,000,000, e\.g\. "iso": 160, or null to publish none$/,
  },
  {
    photo: 'iso-fraction.jpg', why: 'an ISO that is not whole', sidecar: '{"iso": 160.5}',
    refused: /^its sidecar iso-fraction\.jpg\.json has an "iso" that cannot be published \(160\.5\): write a whole number/,
  },
  {
    photo: 'iso-text.jpg', why: 'an ISO written with its unit', sidecar: '{"iso": "ISO 160"}',
    refused: /^its sidecar iso-text\.jpg\.json has an "iso" that cannot be published \("ISO 160"\): write a whole number/,
  },
  {
    photo: 'aperture-nan.jpg', why: 'an aperture "NaN" (JSON has no NaN)', sidecar: '{"aperture": "NaN"}',
    refused: /^its sidecar aperture-nan\.jpg\.json has an "aperture" that cannot be published \("NaN"\): write an f-number from 0\.3 to 1,000, e\.g\. "aperture": 2\.8, or null to publish none$/,
  },
  {
    photo: 'focal-huge.jpg', why: 'a focal length of 1e400 (Infinity once read)', sidecar: '{"focalLength": 1e400}',
    refused: /^its sidecar focal-huge\.jpg\.json has a "focalLength" that cannot be published \(Infinity\): write millimetres from 0\.1 to 10,000/,
  },
  {
    photo: 'exposure-object.jpg', why: 'an exposure time that is an object', sidecar: '{"exposureTime": {"seconds": 0.002}}',
    refused: /^its sidecar exposure-object\.jpg\.json has an "exposureTime" that cannot be published \(\{"seconds":0\.002\}\): write seconds from 0\.000001 to 86,400, e\.g\. "exposureTime": "1\/500" or 0\.002/,
  },
  {
    photo: 'deep-nesting.jpg', why: 'an extra field nested 100,000 deep',
    sidecar: `{"caption": "Deeply annotated", "notes": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    published: { caption: 'Deeply annotated' },
  },
];

// ---------------------------------------------------------------- helpers

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  hung: boolean;
}

/** The details a photo has, as they are: the test compares, photoDetails would filter. */
const detailsOf = (photo: Photo) => Object.fromEntries(DETAIL_FIELDS.filter((f) => photo[f] !== undefined).map((f) => [f, photo[f]]));

/** Runs the built command; killed (and `hung`) past RUN_TIMEOUT_MS. */
function photoFrame(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const { STORAGE_EMULATOR_HOST: _, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let hung = false;
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, RUN_TIMEOUT_MS);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, stdout, stderr, hung });
  }));
}

/** The compressed pixels of a JPEG: the same in the source and the published original (only metadata segments change). */
const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));

/** Every regular file under a folder, `/`-separated, with its bytes; links are listed as such, never followed. */
async function tree(dir: string): Promise<Map<string, Buffer | 'link' | 'other'>> {
  const out = new Map<string, Buffer | 'link' | 'other'>();
  async function walk(rel: string): Promise<void> {
    for (const entry of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) out.set(name, 'link');
      else if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) out.set(name, await fs.readFile(path.join(dir, name)));
      else out.set(name, 'other');
    }
  }
  await walk('');
  return out;
}

/** A distinct colour per photo, far apart, so that every photo's compressed pixels differ. */
const colour = (i: number) => `#${[(i * 67) % 256, (i * 151 + 40) % 256, (i * 211 + 90) % 256].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line the command printed for a file (`failed     <file>: …`, `skipped    <file>: …`): the text after "<file>: ". */
function reported(stdout: string, kind: 'failed' | 'skipped', file: string): string | undefined {
  const prefix = `${kind.padEnd(10)} ${file}: `;
  return stdout.split('\n').find((line) => line.startsWith(prefix))?.slice(prefix.length);
}

interface Target {
  kind: 'folder' | 'bucket';
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Everything published: file or object name → bytes (the folder's metadata files included). */
  contents(): Promise<Map<string, Buffer>>;
  /** Custom metadata values of the bucket's objects ('' for a folder, whose metadata files are in contents()). */
  metadataText(): string;
  startApi(): Promise<TestApi>;
}

let fake: FakeGcs;
let base: string;
const SOURCES = { names: '', links: '', sidecars: '' };
/** Each source photo's compressed pixels, by its path in its folder. */
const scans = new Map<string, Buffer>();
let outsideScans: Buffer[] = [];

async function makeTarget(kind: Target['kind'], name: string): Promise<Target> {
  if (kind === 'folder') {
    const out = path.join(base, `out-${name}`);
    return {
      kind, args: ['--to', out], env: {},
      contents: async () => {
        const files = await tree(out).catch(() => new Map<string, Buffer | 'link' | 'other'>());
        for (const [file, bytes] of files) assert.ok(Buffer.isBuffer(bytes), `${file} in the target is a ${String(bytes)}`);
        return files as Map<string, Buffer>;
      },
      metadataText: () => '',
      startApi: () => startApi({ PHOTOS_DIR: out }),
    };
  }
  const bucket = `hostile-${name}`;
  fake.createBucket(bucket);
  return {
    kind, args: ['--bucket', bucket], env: { STORAGE_EMULATOR_HOST: fake.url },
    contents: async () => new Map(fake.names(bucket).map((n) => [n, fake.get(bucket, n)!.data])),
    metadataText: () => JSON.stringify(fake.names(bucket).map((n) => fake.get(bucket, n)!.metadata)),
    startApi: () => startApi({ BUCKET: bucket }, { store: new GcsStore(bucket, { storage: fake.storage() }) }),
  };
}

/** A fresh target of `kind`, the source folder `name` uploaded to it, and what the target then holds. */
async function uploadTo(kind: Target['kind'], name: keyof typeof SOURCES): Promise<{ target: Target; run: Run; contents: Map<string, Buffer> }> {
  const target = await makeTarget(kind, name);
  const run = await photoFrame(['upload', SOURCES[name], ...target.args], target.env);
  return { target, run, contents: await target.contents() };
}

/** The manifest, checked line by line: valid JSON Lines, a header whose count is right; returns the photos. */
function manifestOf(contents: Map<string, Buffer>): Record<string, unknown>[] {
  const bytes = contents.get(MANIFEST_NAME);
  assert.ok(bytes, 'the manifest is published');
  const text = bytes.toString('utf8');
  assert.ok(text.endsWith('\n'), 'the manifest ends with a newline');
  const lines = text.slice(0, -1).split('\n').map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return assert.fail(`manifest line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    }
  });
  const [header, ...photos] = lines;
  assert.equal(header!.photoFrameManifest, 1);
  assert.equal(header!.count, photos.length, 'the header counts the photo lines');
  assert.equal(contents.get(INDEX_NAME)?.toString('utf8'), indexManifest(text), 'the catalog index is that of this manifest');
  return photos;
}

/** Asserts that the target holds the photos `ids` and photo-frame's own files, nothing else, no temporary file or lock. */
function assertOnly(contents: Map<string, Buffer>, ids: string[], kind: Target['kind']): void {
  const expected = new Set([...ids, MANIFEST_NAME, INDEX_NAME, ...(kind === 'folder' ? ids.map(metadataName) : [])]);
  const extra = [...contents.keys()].filter((name) => !expected.has(name) && !name.startsWith(VARIANTS));
  assert.deepEqual(extra, [], 'nothing but the photos, their metadata, variants, the manifest and its index');
  for (const id of ids) assert.ok(contents.has(id), `${id} is published`);
}

async function listAll(api: TestApi): Promise<Photo[]> {
  const response = await api.get('/photos?limit=1000');
  assert.equal(response.status, 200);
  const body = (await response.json()) as PhotoList;
  assert.ok(isPhotoList(body));
  assert.equal(body.next, null);
  return body.photos;
}

/** Fetches a photo's URL as the element would: the bytes must be the published original's. */
async function assertLoads(photo: Photo, contents: Map<string, Buffer>, source: Buffer | undefined): Promise<void> {
  const response = await fetch(photo.url);
  assert.equal(response.status, 200, `${photo.id}: ${photo.url}`);
  assert.equal(response.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.ok(bytes.equals(contents.get(photo.id)!), `${photo.id}: the URL serves the published bytes`);
  assert.ok(source && scanOf(bytes).equals(source), `${photo.id}: the published pixels are this photo's`);
}

// ---------------------------------------------------------------- the folders

before(async () => {
  await fs.access(BIN).catch(() => assert.fail(`${BIN} is missing: run "npm run build:node" first`));
  fake = await startFakeGcs();
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-hostile-upload-'));
  const outside = path.join(base, 'outside');
  for (const key of Object.keys(SOURCES) as (keyof typeof SOURCES)[]) SOURCES[key] = path.join(base, `src-${key}`);

  // Outside every photo folder: what links point at, and must never be published.
  await makePhoto(outside, 'secret.jpg', { width: 64, height: 48, colour: '#ff0000', description: SECRET, sidecar: { caption: SECRET, alt: SECRET } });
  await makePhoto(outside, 'secret-folder/inner.jpg', { width: 64, height: 48, colour: '#00ff00', description: SECRET, sidecar: { caption: SECRET } });
  outsideScans = await Promise.all(['secret.jpg', 'secret-folder/inner.jpg'].map(async (f) => scanOf(await fs.readFile(path.join(outside, f)))));

  let i = 0;
  const photo = async (src: string, file: string, sidecar?: string | Buffer) => {
    const written = await makePhoto(src, file, { width: 64, height: 48, colour: colour(++i) });
    if (sidecar !== undefined) await fs.writeFile(`${written}.json`, sidecar);
    scans.set(`${src}:${file}`, scanOf(await fs.readFile(written)));
  };
  for (const row of NAME_ROWS) await photo(SOURCES.names, row.file, row.sidecar === false ? undefined : JSON.stringify({ caption: `Caption of ${row.file}` }));
  for (const [file, caption] of Object.entries(LINK_PHOTOS)) await photo(SOURCES.links, file, caption === undefined ? undefined : JSON.stringify({ caption }));
  for (const row of LINK_ROWS) await row.make(SOURCES.links, outside);
  for (const row of SIDECAR_ROWS) await photo(SOURCES.sidecars, row.photo, row.sidecar);

  const all = [...scans.values(), ...outsideScans].map((s) => s.toString('base64'));
  assert.equal(new Set(all).size, all.length, 'every test photo has its own pixels');
  assert.equal(Buffer.byteLength(LONG_NAME), 250);
  assert.equal(Buffer.byteLength(LONGEST_NAME), 255);
  assert.equal(NFC.normalize('NFD'), NFD);
  assert.notEqual(NFC, NFD);
});

after(async () => {
  await fake?.close();
  if (base) await fs.rm(base, { recursive: true, force: true });
});

/** What is outside the targets (the photo folders, the outside files), to compare after each run. */
async function outsideTargets(): Promise<Map<string, string>> {
  const all = await tree(base);
  return new Map([...all].filter(([name]) => !name.startsWith('out-')).map(([name, v]) => [name, Buffer.isBuffer(v) ? v.toString('base64') : v]));
}

// ---------------------------------------------------------------- the suites

for (const kind of ['folder', 'bucket'] as const) {
  describe(`hostile file and folder names, ${kind === 'folder' ? '--to a folder' : '--bucket'}`, () => {
    const published = NAME_ROWS.filter((r) => r.published !== false).map((r) => r.file).sort();
    let target: Target;
    let run: Run;
    let contents: Map<string, Buffer>;
    let outsideBefore: Map<string, string>;
    let api: TestApi;
    let photos: Photo[];

    before(async () => {
      // Outside the targets (`out-…`): making one does not change it.
      outsideBefore = await outsideTargets();
      ({ target, run, contents } = await uploadTo(kind, 'names'));
      api = await target.startApi();
      photos = await listAll(api);
    });
    after(() => api?.close());

    test('the run ends, exits 0 and publishes every photo (the hidden one aside), with no error output', () => {
      assert.equal(run.hung, false, 'the run ended');
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, new RegExp(`published +${published.length}\\n`));
      assert.match(run.stdout, new RegExp(`manifest +written, naming ${published.length} photos`));
    });

    test('the target holds exactly those photos under their ids, and the manifest names them', () => {
      assertOnly(contents, published, kind);
      assert.deepEqual(manifestOf(contents).map((p) => p.id), published);
    });

    test('nothing is written outside the target', async () => {
      assert.deepEqual(await outsideTargets(), outsideBefore);
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
        await assertLoads(photo, contents, scans.get(`${SOURCES.names}:${row.file}`));
      });
    }

    test('a re-run finds every photo unchanged under the same id, and writes nothing', async () => {
      const again = await photoFrame(['upload', SOURCES.names, ...target.args], target.env);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, new RegExp(`published +0\\n +unchanged +${published.length}\\n`));
      assert.match(again.stdout, /manifest +unchanged/);
      assert.deepEqual(await target.contents(), contents);
    });
  });

  describe(`symbolic links and special files, ${kind === 'folder' ? '--to a folder' : '--bucket'}`, () => {
    const published = Object.keys(LINK_PHOTOS).sort();
    let target: Target;
    let run: Run;
    let contents: Map<string, Buffer>;
    let outsideBefore: Map<string, string>;

    before(async () => {
      outsideBefore = await outsideTargets();
      ({ target, run, contents } = await uploadTo(kind, 'links'));
    });

    test('the run ends, exits 0 and publishes the real photos only', () => {
      assert.equal(run.hung, false, 'the run ended');
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, new RegExp(`published +${published.length}\\n`));
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
        for (const scan of outsideScans) assert.equal(bytes.includes(scan), false, `${name} holds an outside photo's pixels`);
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
          await assertLoads(photo, contents, scans.get(`${SOURCES.links}:${photo.id}`));
        }
      } finally {
        await api.close();
      }
    });

    test('nothing is written outside the target, and the links are left as they were', async () => {
      assert.deepEqual(await outsideTargets(), outsideBefore);
    });
  });

  describe(`malformed sidecars and refused ids, ${kind === 'folder' ? '--to a folder' : '--bucket'}`, () => {
    const good = SIDECAR_ROWS.filter((r) => r.published).map((r) => r.photo).sort();
    const refused = SIDECAR_ROWS.filter((r) => r.refused);
    let target: Target;
    let run: Run;
    let contents: Map<string, Buffer>;
    let api: TestApi;
    let photos: Photo[];

    before(async () => {
      ({ target, run, contents } = await uploadTo(kind, 'sidecars'));
      api = await target.startApi();
      photos = await listAll(api);
    });
    after(() => api?.close());

    test('the run ends with exit code 1, the count of failures and the fix, and no stack trace', () => {
      assert.equal(run.hung, false, 'the run ended');
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, new RegExp(`published +${good.length}\\n`));
      assert.match(run.stdout, new RegExp(`failed +${refused.length}\\n`));
      assert.match(run.stdout, new RegExp(`${refused.length} photos failed: fix them and run the command again \\(the others are published\\)\\.\\n$`));
      assert.doesNotMatch(run.stdout, /\n\s+at .+:\d+:\d+\)?\n|TypeError|RangeError|SyntaxError: /, 'no stack trace or raw error name');
    });

    test('nothing of a refused photo is written; the manifest is valid JSON Lines naming only the good photos', () => {
      assertOnly(contents, good, kind);
      assert.deepEqual(manifestOf(contents).map((p) => p.id), good);
      assert.deepEqual(photos.map((p) => p.id).sort(), good, 'the API lists the good photos only');
    });

    test('the good photos load byte for byte through the API', async () => {
      for (const photo of photos) await assertLoads(photo, contents, scans.get(`${SOURCES.sidecars}:${photo.id}`));
    });

    for (const row of SIDECAR_ROWS) {
      test(`${row.why}: ${row.refused ? 'refused, by name, with the reason and the fix' : 'published as written'}`, () => {
        const name = row.photo.length > 60 ? `${row.photo.slice(0, 60)}…` : row.photo;
        if (row.refused) {
          const reason = reported(run.stdout, 'failed', row.photo);
          assert.ok(reason, `"failed     ${name}: …" is printed:\n${run.stdout.slice(0, 4000)}`);
          assert.match(reason, row.refused);
          assert.ok(new RegExp(`^ {6}${escape(row.photo)}: `, 'm').test(run.stdout), 'named again in the summary');
          return;
        }
        const photo = photos.find((p) => p.id === row.photo);
        assert.ok(photo, `${name} is published`);
        assert.deepEqual(
          { caption: photo.caption, alt: photo.alt, date: photo.date, width: photo.width, height: photo.height, ...detailsOf(photo) },
          { caption: undefined, alt: undefined, date: photo.date, ...row.published, width: 64, height: 48 },
        );
        const line = manifestOf(contents).find((p) => p.id === row.photo)!;
        assert.equal(line.caption, row.published!.caption, 'the manifest carries the same caption');
      });
    }
  });
}
