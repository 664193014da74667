/**
 * deploy/function/, the deployed function's own package.json and lockfile:
 * the same versions as the repo's, so the instance runs what the tests ran.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

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
