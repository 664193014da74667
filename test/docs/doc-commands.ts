/**
 * The shell commands of the docs, and how each is checked. Every command in a
 * ```sh block of a tracked Markdown file must match one entry of
 * COMMAND_CHECKS (test/docs/commands.test.ts fails on a command none
 * matches). An entry runs the command as written in a sandbox that stands for
 * the reader's clone, or, for what cannot run here (Google Cloud, minute-long
 * benchmarks), checks what can be checked and says why. To document a new
 * command, add its entry here.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse, type ParseEntry } from 'shell-quote';
import { MANIFEST_NAME, parseManifest } from '../../src/format/manifest.js';
import { isPhotoName } from '../../src/format/photo-name.js';
import type { FakeGcs } from '../support/fake-gcs.js';
import { NEW_PROJECT, startFakeGcloud } from '../support/fake-gcloud.js';
import type { FakeMonitoring } from '../support/fake-monitoring.js';
import type { CodeBlock } from './markdown.js';
import { ROOT } from './markdown.js';

const PACKAGE = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

export interface DocCommand {
  block: CodeBlock;
  /** As written: one line of the block (continuations joined), or one side of `&&`. */
  text: string;
  /** `NAME=value` assignments before the command. */
  env: Record<string, string>;
  /** The words after them; operators (`|`, `>`) are words too. */
  argv: string[];
}

/** Where a block's commands run, in order: a folder that stands for the reader's clone. */
export interface Sandbox {
  /** The clone's root for the commands: relative paths land here; `demo/` is the repository's own. */
  cwd: string;
  /** `~`: folders of photos a command names under it are made from the demo's camera files. */
  home: string;
  /** Scratch space outside `cwd`. */
  scratch: string;
  /** The Cloud Storage fake, started on first use. */
  gcs(): Promise<FakeGcs>;
  /** The Cloud Monitoring fake, started on first use. */
  monitoring(): Promise<FakeMonitoring>;
}

export interface CommandCheck {
  /** What the check does with a command, for the test's name. */
  does: string;
  matches(command: DocCommand): boolean;
  check(command: DocCommand, sandbox: Sandbox): Promise<void>;
}

/** The block's commands, in order. */
export function commandsOf(block: CodeBlock): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const line of block.text.replace(/\\\n/g, ' ').split('\n')) {
    // Variables stay as written ($HOME is the reader's, not this machine's).
    const entries = parse(line, (name) => `$${name}`);
    let words: string[] = [];
    const flush = () => {
      if (words.length === 0) return;
      const assignments = words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
      const env = Object.fromEntries(words.slice(0, assignments).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
      const argv = words.slice(assignments);
      commands.push({ block, text: line.replace(/\s+#.*$/, '').trim(), env, argv });
      words = [];
    };
    for (const entry of entries as ParseEntry[]) {
      if (typeof entry === 'string') words.push(entry);
      else if ('comment' in entry) continue;
      else if (entry.op === '&&' || entry.op === ';') flush();
      else if (entry.op === 'glob') words.push(entry.pattern);
      else words.push(entry.op);
    }
    flush();
  }
  return commands;
}

const words = (command: DocCommand) => command.argv.join(' ');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
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
function environment(sandbox: Sandbox, own: Record<string, string>): NodeJS.ProcessEnv {
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
async function runBin(command: DocCommand, sandbox: Sandbox): Promise<void> {
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
async function runStart(command: DocCommand, sandbox: Sandbox): Promise<void> {
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
function benchmarkNames(): Promise<string[]> {
  benchmarks ??= run('npm', ['run', '--silent', 'bench', '--', '--help'], { cwd: ROOT, env: process.env }).then(
    (help) => /Benchmarks: (.+)/.exec(help.stdout)?.[1]?.split(', ') ?? [],
  );
  return benchmarks;
}

export const COMMAND_CHECKS: CommandCheck[] = [
  {
    does: 'installs the locked dependencies: the lockfile pins every dependency package.json names, at its version',
    matches: (c) => /^npm (install|ci)$/.test(words(c)),
    async check() {
      const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
      for (const [name, version] of Object.entries({ ...PACKAGE.dependencies, ...PACKAGE.devDependencies })) {
        assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `${name} in package-lock.json`);
      }
    },
  },
  {
    does: 'is what runs now, and what .ci/run runs on a clean clone',
    matches: (c) => words(c) === 'npm test',
    async check() {
      assert.match(await readFile(path.join(ROOT, '.ci/run'), 'utf8'), /^npm test$/m);
    },
  },
  {
    does: 'starts the photo API and the demo blog on free ports; a photo, the catalog and the page with its files load',
    matches: (c) => words(c) === 'npm start',
    check: runStart,
  },
  {
    does: "runs the package's bin in a sandbox clone, a bucket being the Cloud Storage fake; what it publishes is checked",
    matches: (c) => c.argv[0] === 'npx' && (c.argv[2] === 'upload' || c.argv[2] === '--help'),
    check: runBin,
  },
  {
    does: 'runs the deploy as written, with the stand-in gcloud (Google Cloud cannot be reached from here) on a project that has the bucket',
    matches: (c) => words(c) === 'npm run deploy',
    async check(command, sandbox) {
      const bucket = command.env.BUCKET ?? 'my-blog-photos';
      const gcloud = await startFakeGcloud({ ...NEW_PROJECT, configProject: 'my-project', projects: ['my-project'], buckets: { [bucket]: {} } });
      try {
        const result = await run('npm', ['run', '--silent', 'deploy'], { cwd: ROOT, env: { ...environment(sandbox, command.env), ...gcloud.env } });
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.ok((await gcloud.calls()).some((call) => call.argv[0] === 'functions' && call.argv[1] === 'deploy'), 'gcloud functions deploy was called');
      } finally {
        await gcloud.close();
      }
    },
  },
  {
    does: 'is the rehearsal test/deploy/rehearse.test.ts runs on the Cloud Storage fake (a real npm ci from the registry, once in the suite): the deploy takes --rehearse',
    matches: (c) => words(c) === 'npm run deploy -- --rehearse',
    async check() {
      const help = await run('npm', ['run', '--silent', 'deploy', '--', '--help'], { cwd: ROOT, env: process.env });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /^ +--rehearse\b/m);
    },
  },
  {
    does: 'runs the bin as written against the Cloud Monitoring fake, whose project holds hits of a photo in the album and one outside',
    matches: (c) => c.argv[0] === 'npx' && c.argv[2] === 'hits',
    async check(command, sandbox) {
      const [, name = '', ...args] = command.argv;
      assert.ok(name in PACKAGE.bin, `npx ${name}: the package's bin is ${Object.keys(PACKAGE.bin).join(', ')}`);
      const project = args[args.indexOf('--project') + 1]!;
      const fake = await sandbox.monitoring();
      const now = new Date();
      fake.projects.set(project, new Map([['photo_hits', [{ photo: 'sea/harbour-blue-hour.jpg', time: now, hits: 12 }, { photo: 'night/milky-way-over-the-ridge.jpg', time: now, hits: 3 }]]]));
      const result = await run(process.execPath, [path.join(ROOT, PACKAGE.bin[name]!), ...args], { cwd: sandbox.cwd, env: { ...environment(sandbox, command.env), MONITORING_EMULATOR_HOST: fake.url } });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /sea\/harbour-blue-hour\.jpg/);
      if (args.includes('--album')) assert.doesNotMatch(result.stdout, /milky-way/, 'only the album asked for');
      if (args.includes('--json')) assert.doesNotThrow(() => JSON.parse(result.stdout));
    },
  },
  {
    does: 'needs Google Cloud, which cannot be reached from here: the files it names exist',
    matches: (c) => c.argv[0] === 'gcloud',
    async check(command) {
      for (const arg of command.argv) {
        const file = /^--[\w-]*file=(.+)$/.exec(arg)?.[1];
        // ENV_FILE and the like stand for a file the reader's run makes.
        if (file && !/^[A-Z_]+$/.test(file)) assert.ok(existsSync(path.join(ROOT, file)), `${arg}: ${file} does not exist`);
      }
    },
  },
  {
    does: 'is run by npm test before any test',
    matches: (c) => words(c) === 'npm run build',
    async check() {
      assert.ok(PACKAGE.scripts.build && /\bnpm run build\b/.test(PACKAGE.scripts.test ?? ''));
    },
  },
  {
    does: 'takes minutes of load, so it is a benchmark, not a test: the benchmarks it names exist',
    matches: (c) => /^npm run (bench|soak)\b/.test(words(c)),
    async check(command) {
      const [, , script, ...rest] = command.argv;
      assert.ok(PACKAGE.scripts[script!], `package.json has no script ${script}`);
      if (script !== 'bench') return;
      const known = await benchmarkNames();
      for (const name of rest.filter((w) => w !== '--')) assert.ok(known.includes(name), `npm run bench -- ${name}: the benchmarks are ${known.join(', ')}`);
    },
  },
];
