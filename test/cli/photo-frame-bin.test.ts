/**
 * The `blog-photo-frame` command as a user runs it: a child process (help, exit
 * codes, STORAGE_EMULATOR_HOST, being killed mid-way), and every usage error
 * through runCli().
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { upload } from '../../src/cli/upload.js';
import { MANIFEST_NAME } from '../../src/format/manifest.js';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { tempDir, writePhoto } from './cli-fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'src/cli/photo-frame.ts');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin through tsx; `whileRunning` may kill it. */
function photoFrame(args: string[], env: NodeJS.ProcessEnv = {}, whileRunning?: (kill: () => void) => void): Promise<Run> {
  const { STORAGE_EMULATOR_HOST: _, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  whileRunning?.(() => child.kill('SIGKILL'));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const OPTIONS = ['--bucket', '--to', '--album', '--dry-run', '--concurrency', '--force', '--prune', '--keep-location', '--help'];

describe('photo-frame, the command', () => {
  test('--help explains every option of upload with examples, and exits 0', async () => {
    const tool = await photoFrame(['--help']);
    assert.equal(tool.code, 0);
    assert.match(tool.stdout, /photo-frame upload <folder> --bucket <name>/);
    const run = await photoFrame(['upload', '--help']);
    assert.equal(run.code, 0, run.stderr);
    for (const option of OPTIONS) assert.match(run.stdout, new RegExp(`^  (-h, )?${option}\\b`, 'm'), option);
    assert.match(run.stdout, /Examples:\n {2}blog-photo-frame upload .+ --bucket my-blog-photos/);
    assert.equal(run.stderr, '');
  });

  test('without a command it prints the help on stderr and exits 2', async () => {
    const run = await photoFrame([]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage:/);
  });
});

describe('usage errors exit 2 with a message that says what to type', () => {
  let photos: string;
  before(async () => {
    photos = await tempDir('usage');
    await writePhoto(photos, 'a.jpg', { width: 40, height: 30 });
  });
  after(() => fs.rm(photos, { recursive: true, force: true }));

  const cases: [string, (dir: string) => string[], RegExp][] = [
    ['an unknown command', () => ['publish'], /Unknown command "publish": blog-photo-frame has two commands, upload and hits/],
    ['an unknown option', (d) => ['upload', d, '--bucket', 'b-1', '--colour'], /Unknown option '--colour'.*blog-photo-frame upload --help/],
    ['no folder', () => ['upload', '--bucket', 'b-1'], /Give the folder of photos: blog-photo-frame upload <folder> --bucket <name>/],
    ['two folders', (d) => ['upload', d, d, '--bucket', 'b-1'], /upload takes one folder, got 2/],
    ['no target', (d) => ['upload', d], /--bucket <name> for a Cloud Storage bucket, or --to <folder>/],
    ['two targets', (d) => ['upload', d, '--bucket', 'b-1', '--to', '/tmp/x'], /one of them/],
    ['a missing value', (d) => ['upload', d, '--bucket'], /--bucket.*argument missing/],
    ['a bad bucket name', (d) => ['upload', d, '--bucket', 'My Bucket!'], /is not a bucket name: use the name alone, like my-blog-photos/],
    ['a concurrency of 0', (d) => ['upload', d, '--to', '/tmp/x', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 64/],
    ['a concurrency that is not a number', (d) => ['upload', d, '--to', '/tmp/x', '--concurrency', 'many'], /--concurrency must be a whole number, like --concurrency 4/],
    ['an album going up', (d) => ['upload', d, '--to', '/tmp/x', '--album', '../up'], /--album "..\/up" is not a usable folder name/],
    ['the reserved album', (d) => ['upload', d, '--to', '/tmp/x', '--album', '_photo-frame'], /"_photo-frame" is photo-frame's own folder/],
    ['a folder that does not exist', (d) => ['upload', path.join(d, 'nope'), '--to', '/tmp/x'], /does not exist: give the folder that holds your photos/],
    ['a target inside the photos', (d) => ['upload', d, '--to', path.join(d, 'site')], /overlap: publish to a folder outside the photos/],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      let stderr = '';
      const code = await runCli(args(photos), { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } });
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
    });
  }
});

describe('blog-photo-frame upload against a Cloud Storage emulator', () => {
  const BUCKET = 'emulated';
  let fake: FakeGcs;
  let lib: string;
  before(async () => {
    fake = await startFakeGcs({ buckets: [BUCKET] });
    lib = await tempDir('bin-lib');
    await writePhoto(lib, 'first.jpg', { width: 700, height: 500 });
  });
  after(async () => {
    await fake.close();
    await fs.rm(lib, { recursive: true, force: true });
  });

  test('honours STORAGE_EMULATOR_HOST and exits 0 when everything is published', async () => {
    const run = await photoFrame(['upload', lib, '--bucket', BUCKET], { STORAGE_EMULATOR_HOST: fake.url });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /published\s+first\.jpg \(1 variant\)/, 'plain lines when not on a terminal');
    assert.ok(fake.get(BUCKET, 'first.jpg'));
    assert.ok(fake.get(BUCKET, MANIFEST_NAME));
  });

  test('killed mid-way, it leaves the old manifest valid; the next run completes the work', async () => {
    for (const name of ['p1.jpg', 'p2.jpg', 'p3.jpg', 'p4.jpg']) await writePhoto(lib, name, { width: 700, height: 500, colour: `#${name[1]}0${name[1]}` });
    const manifest = fake.get(BUCKET, MANIFEST_NAME)!;
    fake.resetRequests();
    fake.fault({ delayMs: 60, only: 'upload' }); // slow storage, so the kill lands mid-run
    const run = await photoFrame(['upload', lib, '--bucket', BUCKET, '--concurrency', '1'], { STORAGE_EMULATOR_HOST: fake.url }, (kill) => {
      const timer = setInterval(() => {
        if (fake.requests.filter((r) => r.kind === 'upload').length >= 3) {
          clearInterval(timer);
          kill();
        }
      }, 5);
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the upload in flight end (the fake drops it: its client is gone)
    fake.fault(null);
    assert.equal(run.signal, 'SIGKILL');
    assert.equal(fake.get(BUCKET, MANIFEST_NAME)!.generation, manifest.generation, 'the manifest was not touched');
    const [, ...named] = fake.get(BUCKET, MANIFEST_NAME)!.data.toString().trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    assert.deepEqual(named.map((p) => p.id), ['first.jpg']);
    for (const { id } of named) assert.ok(fake.get(BUCKET, id));

    const report = await upload(lib, { bucket: BUCKET, storage: fake.storage() });
    assert.ok(report.ok);
    assert.ok(report.published.length < 4 && report.published.length >= 2, `published again only what the killed run had not finished: ${report.published}`);
    assert.deepEqual([...report.published, ...report.unchanged].sort(), ['first.jpg', 'p1.jpg', 'p2.jpg', 'p3.jpg', 'p4.jpg']);
    const [, ...all] = fake.get(BUCKET, MANIFEST_NAME)!.data.toString().trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    assert.deepEqual(all.map((p) => p.id), ['first.jpg', 'p1.jpg', 'p2.jpg', 'p3.jpg', 'p4.jpg']);
  });
});
