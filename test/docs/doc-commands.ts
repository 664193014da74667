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
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NEW_PROJECT, startFakeGcloud } from '../support/fake-gcloud.js';
import { type CommandCheck, words } from './doc-command.js';
import { ROOT } from './markdown.js';
import { benchmarkNames, environment, PACKAGE, run, runBin, runStart } from './run-doc-command.js';

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
