/**
 * How the docs' commands run in a sandbox that stands for the reader's clone:
 * a child process with the sandbox's environment, the package's bin as
 * `npx` would run it (a bucket being the Cloud Storage fake), `npm start` on
 * free ports, and what they published read back as the photo API reads it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MANIFEST_NAME, parseManifest } from '../../src/format/manifest.js';
import { isPhotoName } from '../../src/format/photo-name.js';
import type { DocCommand, Sandbox } from './doc-command.js';
import { ROOT } from './markdown.js';

export const PACKAGE = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment a command runs with: this process's, less what would redirect it, plus the command's own. */
export function environment(sandbox: Sandbox, own: Record<string, string>): NodeJS.ProcessEnv {
  const { STORAGE_EMULATOR_HOST: _, PHOTOS_DIR: __, ...inherited } = process.env;
  // A relative path in a variable is the clone's: make it the sandbox's.
  const resolved = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, !path.isAbsolute(v) && existsSync(path.join(sandbox.cwd, v)) ? path.join(sandbox.cwd, v) : v]));
  return { ...inherited, HOME: sandbox.home, ...resolved };
}

/** Paths of the photos under `folder`, relative to it, as upload finds them (hidden files and _photo-frame/ aside). */
async function photosIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries
    .map((e) => e.split(path.sep).join('/'))
    .filter((e) => !e.split('/').some((part) => part.startsWith('.')) && isPhotoName(e));
}

/** The ids a manifest names, read as the photo API reads it (a manifest it refuses throws). */
async function manifestIds(text: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of parseManifest(Readable.from(text.split('\n')))) ids.push(record.id);
  return ids;
}

/** `npx NAME upload <folder> …` (or `--help`) as written: the package's bin, in the sandbox; `--bucket` goes to the fake. */
export async function runBin(command: DocCommand, sandbox: Sandbox): Promise<void> {
  const [, name = '', ...written] = command.argv;
  assert.ok(name in PACKAGE.bin, `npx ${name}: the package's bin is ${Object.keys(PACKAGE.bin).join(', ')}`);
  const args = written.map((a) => (a.startsWith('~/') ? path.join(sandbox.home, a.slice(2)) : a));
  const env = environment(sandbox, command.env);
  const bucket = args[args.indexOf('--bucket') + 1];
  if (args.includes('--bucket')) {
    const fake = await sandbox.gcs();
    fake.createBucket(bucket!);
    env.STORAGE_EMULATOR_HOST = fake.url;
  }
  const source = args[0] === 'upload' && !args[1]?.startsWith('-') ? path.resolve(sandbox.cwd, args[1]!) : undefined;
  if (source?.startsWith(sandbox.home) && !existsSync(source)) {
    // "Your photos": a few of the demo's camera files, with their sidecars.
    await cp(path.join(ROOT, 'demo/originals/sea'), source, { recursive: true });
  }
  const result = await run(process.execPath, [path.join(ROOT, PACKAGE.bin[name]!), ...args], { cwd: sandbox.cwd, env });
  assert.equal(result.code, 0, `${command.text}\n${result.stdout}${result.stderr}`);
  if (!source || args.includes('--help') || args.includes('--dry-run')) return;
  // Every photo of the folder is in the manifest published, under the album asked for.
  const album = args.includes('--album') ? `${args[args.indexOf('--album') + 1]}/` : '';
  const expected = (await photosIn(source)).map((p) => album + p);
  assert.ok(expected.length > 0, `${source} holds photos`);
  const manifest = args.includes('--to')
    ? await readFile(path.resolve(sandbox.cwd, args[args.indexOf('--to') + 1]!, MANIFEST_NAME), 'utf8')
    : (await sandbox.gcs()).get(bucket!, MANIFEST_NAME)?.data.toString('utf8');
  assert.ok(manifest, `${command.text} published no manifest`);
  const published = await manifestIds(manifest);
  for (const id of expected) assert.ok(published.includes(id), `${id} is not in the manifest ${command.text} published`);
}

/** `npm start` as its script runs it after the build (`npm test` has built), on free ports; then what a reader loads. */
export async function runStart(command: DocCommand, sandbox: Sandbox): Promise<void> {
  const afterBuild = /^npm run build && (.+)$/.exec(PACKAGE.scripts.start ?? '')?.[1];
  assert.ok(afterBuild, `package.json "start" is "npm run build && …" (it is ${JSON.stringify(PACKAGE.scripts.start)})`);
  const env: NodeJS.ProcessEnv = { ...environment(sandbox, command.env), API_PORT: '0', DEMO_PORT: '0', PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
  const child = spawn(afterBuild, { shell: true, cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const urls = await new Promise<{ api: string; demo: string }>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk;
        const api = /photo API\s+(http:\/\/\S+?)\/\s/.exec(output)?.[1];
        const demo = /demo blog\s+(http:\/\/\S+?)\/\s/.exec(output)?.[1];
        if (api && demo) resolve({ api, demo });
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('exit', (code) => reject(new Error(`${command.text} exited (code ${code}) before printing its URLs:\n${output}`)));
    });
    const photo = (await (await fetch(`${urls.api}/`)).json()) as { id: string; url: string };
    const image = await fetch(photo.url);
    assert.equal(image.status, 200, photo.url);
    assert.match(image.headers.get('content-type') ?? '', /^image\//);
    const photosDir = env.PHOTOS_DIR ?? path.join(ROOT, 'demo/photos');
    const catalog = (await (await fetch(`${urls.api}/photos?limit=1000`)).json()) as { photos: { id: string }[] };
    assert.deepEqual(catalog.photos.map((p) => p.id).sort(), (await manifestIds(await readFile(path.join(photosDir, MANIFEST_NAME), 'utf8'))).sort());
    const page = await (await fetch(`${urls.demo}/`)).text();
    assert.match(page, new RegExp(`<photo-frame [^>]*endpoint="${urls.api}/"`));
    for (const [, asset] of page.matchAll(/(?:src|href)="(\/dist\/[^"]+)"/g)) assert.equal((await fetch(`${urls.demo}${asset}`)).status, 200, asset);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

let benchmarks: Promise<string[]> | undefined;
/** The benchmarks `npm run bench -- --help` lists (asked once). */
export function benchmarkNames(): Promise<string[]> {
  benchmarks ??= run('npm', ['run', '--silent', 'bench', '--', '--help'], { cwd: ROOT, env: process.env }).then(
    (help) => /Benchmarks: (.+)/.exec(help.stdout)?.[1]?.split(', ') ?? [],
  );
  return benchmarks;
}
