/**
 * `npm run deploy -- --rehearse`: what a deploy uploads, built as Google's
 * Node.js buildpack builds it (a real `npm ci` from the registry: the one
 * such run in the suite) and started as the runtime starts it, against the
 * Cloud Storage fake. Then what a failing step says, on small folders that
 * install nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rehearse } from '../../scripts/deploy/rehearse.js';
import { toMetadata, type PhotoRecord } from '../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUCKET = 'blog-photos';
const PHOTOS: PhotoRecord[] = [
  { id: 'sea/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour' },
  { id: 'sea/boats.jpg', width: 1200, height: 800 },
  { id: 'ridge.jpg', width: 1067, height: 1600 },
];

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { STORAGE_EMULATOR_HOST: _, BUCKET: __, PHOTOS_DIR: ___, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/deploy/main.ts'), ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run deploy -- --rehearse, on the Cloud Storage fake', () => {
  let fake: FakeGcs;
  let work: string;
  let result: Awaited<ReturnType<typeof run>>;
  before(async () => {
    fake = await startFakeGcs({ buckets: [BUCKET] });
    for (const photo of PHOTOS) fake.put(BUCKET, photo.id, Buffer.from('jpeg bytes'), { contentType: 'image/jpeg', metadata: toMetadata(photo) });
    work = await mkdtemp(path.join(os.tmpdir(), 'rehearsal-'));
    result = await run(['--rehearse'], { BUCKET, STORAGE_EMULATOR_HOST: fake.url, GOOGLE_CLOUD_PROJECT: 'photo-blog-1', REHEARSAL_DIR: work });
  });
  after(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  test('passes, and says what it uploaded, how it built, what it installed and how soon it answered', () => {
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lines = result.stdout.split('\n');
    assert.ok(lines.some((l) => /^upload +\d+ files, [\d.,]+ kB from build\/function \(its \.gcloudignore applied\)$/.test(l)), result.stdout);
    assert.ok(lines.some((l) => /^build +npm ci --quiet --no-fund --no-audit \([\d.]+ s\)$/.test(l)), result.stdout);
    assert.ok(lines.includes('build    NODE_ENV=production, no build script'), result.stdout);
    assert.ok(lines.some((l) => /^build +node --check index\.mjs/.test(l)), result.stdout);
    assert.ok(lines.some((l) => /^install +[\d.]+ MB in node_modules \([\d,]+ files\)$/.test(l)), result.stdout);
    assert.ok(lines.some((l) => /^start +first answer in \d+ ms \(GET \/ 200\), NODE_OPTIONS=--max-old-space-size=204, store gs:\/\/blog-photos at http:\/\/127\.0\.0\.1:\d+$/.test(l)), result.stdout);
    const picked = /^check +GET \/ 200: (.+)$/m.exec(result.stdout)?.[1];
    assert.ok(PHOTOS.some((p) => p.id === picked), result.stdout);
    assert.match(result.stdout, /^check +GET \/photos 200: 3 photos$/m);
    assert.match(result.stdout, /^Rehearsal passed/m);
  });

  test('the function read the photos from the bucket, through the fake', () => {
    assert.ok(fake.requests.some((r) => r.kind === 'list' && r.path.includes(`/b/${BUCKET}/o`)), JSON.stringify(fake.requests));
  });

  test('the instance installs only the function framework and the Cloud Storage client: no sharp, lit, workbox, thumbhash or exifr', async () => {
    const installed = await readdir(path.join(work, 'workspace/node_modules'));
    assert.ok(installed.includes('@google-cloud'));
    assert.deepEqual((await readdir(path.join(work, 'workspace/node_modules/@google-cloud'))).filter((n) => ['functions-framework', 'storage'].includes(n)).sort(), ['functions-framework', 'storage']);
    for (const name of ['sharp', '@img', 'lit', 'lit-html', 'lit-element', 'thumbhash', 'exifr', 'image-size', 'workbox-core', 'workbox-routing', 'typescript', 'esbuild']) {
      assert.ok(!installed.includes(name), `${name} is installed on the instance`);
    }
    assert.deepEqual((await readdir(path.join(work, 'workspace'))).sort(), ['chunks', 'index.mjs', 'node_modules', 'package-lock.json', 'package.json']);
  });
});

describe('a rehearsal step that fails names itself and exits non-zero', () => {
  test('BUCKET without STORAGE_EMULATOR_HOST: a rehearsal never calls Google (exit 2, before building)', async () => {
    const result = await run(['--rehearse'], { BUCKET });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^deploy: A rehearsal makes no call to Google: with BUCKET, set STORAGE_EMULATOR_HOST=http:\/\/127\.0\.0\.1:PORT .*\n$/);
  });

  /** A source folder with a package.json and no dependencies: the install has nothing to fetch. */
  async function source(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rehearsal-source-'));
    await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'f', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'f', version: '1.0.0' } } }));
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return dir;
  }
  const pkg = (extra: object) => JSON.stringify({ name: 'f', version: '1.0.0', main: 'index.js', ...extra });

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a syntax error in main: the entry check', { 'package.json': pkg({}), 'index.js': 'const x = ;' }, /^Rehearsal failed at the entry check: node --check index\.js exited with code 1: SyntaxError/],
    ['a failing gcp-build script, run with the devDependencies (NODE_ENV=development)', { 'package.json': pkg({ scripts: { 'gcp-build': 'node -e "process.exit(process.env.NODE_ENV === \'development\' ? 3 : 4)"' } }), 'index.js': '' }, /^Rehearsal failed at the gcp-build script: npm run gcp-build exited with code 3/],
    ['no functions framework installed: the start', { 'package.json': pkg({}), 'index.js': 'export {};' }, /^Rehearsal failed at the start: node_modules\/\.bin\/functions-framework is missing after the build/],
    ['a .gcloudignore that leaves out main: the entry check', { 'package.json': pkg({}), 'index.js': '', '.gcloudignore': 'index.js\n' }, /^Rehearsal failed at the entry check: node --check index\.js exited with code 1/],
  ];
  for (const [name, files, message] of cases) {
    test(name, async () => {
      const dir = await source(files);
      try {
        await assert.rejects(rehearse({ PHOTOS_DIR: path.join(ROOT, 'demo/photos') }, { source: dir, out: () => {} }), (error: Error) => {
          assert.match(error.message, message);
          return true;
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
