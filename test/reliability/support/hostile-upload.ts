/**
 * What the hostile-input suites of `blog-photo-frame upload` share: a run of
 * the built command (`dist/cli/photo-frame.js` in a child process, as a user
 * runs it), a folder of small (64×48) photos each with pixels of its own,
 * files outside it that links point at, and the two targets: `--to` a folder
 * and `--bucket` on the Cloud Storage fake (test/support/fake-gcs.ts) with the
 * real client (STORAGE_EMULATOR_HOST). Each suite reads what a target holds
 * afterwards, and the photo API's answers over it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPhotoList, type Photo, type PhotoList } from '../../../src/contract.js';
import { DETAIL_FIELDS } from '../../../src/photo-details.js';
import { metadataName } from '../../../src/cli/folder-target.js';
import { GcsStore } from '../../../src/function/gcs-store.js';
import { INDEX_NAME, indexManifest } from '../../../src/format/catalog-index.js';
import { MANIFEST_NAME } from '../../../src/format/manifest.js';
import { startFakeGcs, type FakeGcs } from '../../support/fake-gcs.js';
import { makePhoto } from '../../support/make-photo.js';
import { startApi, type TestApi } from '../../support/start-api.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'dist/cli/photo-frame.js');
/** A run that takes longer has hung (a link loop followed, a pipe read): it is killed and the test fails. */
const RUN_TIMEOUT_MS = 60_000;
const VARIANTS = '_photo-frame/variants/';

/** The caption, alt and EXIF description of the photos outside the folder: never published. */
export const SECRET = `outside-secret-${process.pid}`;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  hung: boolean;
}

export type Kind = 'folder' | 'bucket';
export const KINDS: readonly Kind[] = ['folder', 'bucket'];
export const kindName = (kind: Kind) => (kind === 'folder' ? '--to a folder' : '--bucket');

/** The details a photo has, as they are: the test compares, photoDetails would filter. */
export const detailsOf = (photo: Photo) => Object.fromEntries(DETAIL_FIELDS.filter((f) => photo[f] !== undefined).map((f) => [f, photo[f]]));

/** Runs the built command; killed (and `hung`) past RUN_TIMEOUT_MS. */
export function photoFrame(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
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

/** The run ended by itself with exit code `code`, wrote nothing to stderr, and its summary counts `published` photos published. */
export function assertEnded(run: Run, code: number, published: number): void {
  assert.equal(run.hung, false, 'the run ended');
  assert.equal(run.code, code, run.stdout + run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, new RegExp(`published +${published}\\n`));
}

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line the command printed for a file (`failed     <file>: …`, `skipped    <file>: …`): the text after "<file>: ". */
export function reported(stdout: string, kind: 'failed' | 'skipped', file: string): string | undefined {
  const prefix = `${kind.padEnd(10)} ${file}: `;
  return stdout.split('\n').find((line) => line.startsWith(prefix))?.slice(prefix.length);
}

export interface Target {
  kind: Kind;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Everything published: file or object name → bytes (the folder's metadata files included). */
  contents(): Promise<Map<string, Buffer>>;
  /** Custom metadata values of the bucket's objects ('' for a folder, whose metadata files are in contents()). */
  metadataText(): string;
  startApi(): Promise<TestApi>;
}

/** The manifest, checked line by line: valid JSON Lines, a header whose count is right; returns the photos. */
export function manifestOf(contents: Map<string, Buffer>): Record<string, unknown>[] {
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
export function assertOnly(contents: Map<string, Buffer>, ids: string[], kind: Kind): void {
  const expected = new Set([...ids, MANIFEST_NAME, INDEX_NAME, ...(kind === 'folder' ? ids.map(metadataName) : [])]);
  const extra = [...contents.keys()].filter((name) => !expected.has(name) && !name.startsWith(VARIANTS));
  assert.deepEqual(extra, [], 'nothing but the photos, their metadata, variants, the manifest and its index');
  for (const id of ids) assert.ok(contents.has(id), `${id} is published`);
}

export async function listAll(api: TestApi): Promise<Photo[]> {
  const response = await api.get('/photos?limit=1000');
  assert.equal(response.status, 200);
  const body = (await response.json()) as PhotoList;
  assert.ok(isPhotoList(body));
  assert.equal(body.next, null);
  return body.photos;
}

/**
 * One suite's files: a base folder holding the photo folder (`source`), the
 * files outside it that links point at (`outside`) and the folder targets
 * (`out-…`), and the Cloud Storage fake for the bucket targets.
 */
export class HostileUpload {
  /** Each source photo's compressed pixels, by its path in the source folder. */
  readonly scans = new Map<string, Buffer>();
  outsideScans: Buffer[] = [];
  private made = 0;

  private constructor(
    readonly base: string,
    readonly fake: FakeGcs,
  ) {}

  get source(): string {
    return path.join(this.base, 'src');
  }

  get outside(): string {
    return path.join(this.base, 'outside');
  }

  /** The built command, the fake, and outside the photo folder a photo and a folder of photos whose caption is SECRET. */
  static async start(): Promise<HostileUpload> {
    await fs.access(BIN).catch(() => assert.fail(`${BIN} is missing: run "npm run build:node" first`));
    const files = new HostileUpload(await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-hostile-upload-')), await startFakeGcs());
    const { outside } = files;
    await makePhoto(outside, 'secret.jpg', { width: 64, height: 48, colour: '#ff0000', description: SECRET, sidecar: { caption: SECRET, alt: SECRET } });
    await makePhoto(outside, 'secret-folder/inner.jpg', { width: 64, height: 48, colour: '#00ff00', description: SECRET, sidecar: { caption: SECRET } });
    files.outsideScans = await Promise.all(['secret.jpg', 'secret-folder/inner.jpg'].map(async (f) => scanOf(await fs.readFile(path.join(outside, f)))));
    return files;
  }

  /** A 64×48 photo in the source folder with pixels of its own, and its sidecar's bytes when given. */
  async photo(file: string, sidecar?: string | Buffer): Promise<void> {
    const written = await makePhoto(this.source, file, { width: 64, height: 48, colour: colour(++this.made) });
    if (sidecar !== undefined) await fs.writeFile(`${written}.json`, sidecar);
    this.scans.set(file, scanOf(await fs.readFile(written)));
  }

  assertPixelsDistinct(): void {
    const all = [...this.scans.values(), ...this.outsideScans].map((s) => s.toString('base64'));
    assert.equal(new Set(all).size, all.length, 'every test photo has its own pixels');
  }

  /** A fresh target of `kind`, the source folder uploaded to it, and what the target then holds. */
  async uploadTo(kind: Kind): Promise<{ target: Target; run: Run; contents: Map<string, Buffer> }> {
    const target = this.target(kind);
    const run = await photoFrame(['upload', this.source, ...target.args], target.env);
    return { target, run, contents: await target.contents() };
  }

  /** What is outside the targets (the photo folder, the outside files), to compare after each run. */
  async outsideTargets(): Promise<Map<string, string>> {
    const all = await tree(this.base);
    return new Map([...all].filter(([name]) => !name.startsWith('out-')).map(([name, v]) => [name, Buffer.isBuffer(v) ? v.toString('base64') : v]));
  }

  /** Fetches a photo's URL as the element would: the bytes must be the published original's, the pixels the source photo's. */
  async assertLoads(photo: Photo, contents: Map<string, Buffer>): Promise<void> {
    const response = await fetch(photo.url);
    assert.equal(response.status, 200, `${photo.id}: ${photo.url}`);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.ok(bytes.equals(contents.get(photo.id)!), `${photo.id}: the URL serves the published bytes`);
    const source = this.scans.get(photo.id);
    assert.ok(source && scanOf(bytes).equals(source), `${photo.id}: the published pixels are this photo's`);
  }

  async close(): Promise<void> {
    await this.fake.close();
    await fs.rm(this.base, { recursive: true, force: true });
  }

  private target(kind: Kind): Target {
    const { fake } = this;
    if (kind === 'folder') {
      const out = path.join(this.base, 'out-folder');
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
    const bucket = 'hostile';
    fake.createBucket(bucket);
    return {
      kind, args: ['--bucket', bucket], env: { STORAGE_EMULATOR_HOST: fake.url },
      contents: async () => new Map(fake.names(bucket).map((n) => [n, fake.get(bucket, n)!.data])),
      metadataText: () => JSON.stringify(fake.names(bucket).map((n) => fake.get(bucket, n)!.metadata)),
      startApi: () => startApi({ BUCKET: bucket }, { store: new GcsStore(bucket, { storage: fake.storage() }) }),
    };
  }
}
