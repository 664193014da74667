/**
 * deploy/function/, the deployed function's own package.json and lockfile:
 * the same versions as the repo's, so the instance runs what the tests ran;
 * and a size budget for the bundle beside it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildFunction } from '../../scripts/build-function.js';
import { listUploadFiles } from '../../scripts/deploy/upload-files.js';

const read = async (file: string) => JSON.parse(await readFile(new URL(`../../${file}`, import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
};
const root = await read('package.json');
const rootLock = await read('package-lock.json');
const fn = await read('deploy/function/package.json');
const fnLock = await read('deploy/function/package-lock.json');

test("the function's dependencies are the repo's, at the same versions", () => {
  for (const [name, version] of Object.entries(fn.dependencies)) assert.equal(version, root.dependencies[name], `${name}: deploy/function/package.json says ${version}, package.json ${root.dependencies[name]}`);
});

test("the function's lockfile installs those versions, as the repo's lockfile does", () => {
  assert.deepEqual(fnLock.packages['']!.dependencies, fn.dependencies, 'run npm install --package-lock-only in deploy/function');
  for (const name of Object.keys(fn.dependencies)) {
    assert.equal(fnLock.packages[`node_modules/${name}`]?.version, rootLock.packages[`node_modules/${name}`]?.version, name);
  }
});

test('the staged function stays lean: its code within 200 kB, what a cold start loads within 64 kB', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'staged-function-'));
  try {
    const staged = await buildFunction(dir);
    const files = await listUploadFiles(staged.dir);
    const code = files.filter((f) => f.path.endsWith('.mjs'));
    const total = code.reduce((sum, f) => sum + f.size, 0);
    assert.ok(total <= 200_000, `${total} bytes of JavaScript: ${code.map((f) => `${f.path} ${f.size}`).join(', ')}`);
    const entry = code.find((f) => f.path === 'index.mjs')!.size + code.filter((f) => /^chunks\/chunk-/.test(f.path)).reduce((sum, f) => sum + f.size, 0);
    assert.ok(entry <= 64_000, `index.mjs and its shared chunks: ${entry} bytes`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
