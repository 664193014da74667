/**
 * What `npm publish` would ship, asked of npm itself (`npm publish --dry-run
 * --json`, offline, without the prepack build: `npm test` has just built):
 * the package's name and bin, every file a blog, a bundler or the bin needs,
 * and nothing else (no tests, demo photos, benchmarks or source maps).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packedFiles } from './packed.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface PackageJson {
  name: string;
  main: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  customElements: string;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Every file package.json points at: main, bin, exports (any condition), customElements. */
function declaredTargets(pkg: PackageJson): string[] {
  const exported = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  return [pkg.main, ...Object.values(pkg.bin), ...exported, pkg.customElements].map((p) => p.replace(/^\.\//, ''));
}

describe('the published package', () => {
  let pkg: PackageJson;
  let files: string[];
  before(async () => {
    pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    files = await packedFiles();
  });

  test('is blog-photo-frame, with a bin of the same name whose help names it', async () => {
    assert.equal(pkg.name, 'blog-photo-frame');
    assert.deepEqual(Object.keys(pkg.bin), ['blog-photo-frame']);
    const { stdout } = await run(process.execPath, [path.join(ROOT, pkg.bin['blog-photo-frame']!), '--help'], { cwd: ROOT });
    assert.match(stdout, /^ {2}blog-photo-frame upload <folder> --bucket <name>/m);
    assert.doesNotMatch(stdout.replaceAll('blog-photo-frame', '').replaceAll('<photo-frame>', ''), /photo-frame (upload|--help)/);
  });

  test('ships the element, its stylesheet, the worker, the register module, the manifest, README, LICENSE and the integrations', async () => {
    const integrations = await filesUnder('integrations');
    // The browser files and the chunks the element loads from its own folder.
    const browserFiles = (await readdir(path.join(ROOT, 'dist'))).filter((f) => /\.(js|css)$/.test(f)).map((f) => `dist/${f}`);
    assert.ok(integrations.length >= 4, `integrations/ holds ${integrations.join(', ')}`);
    const expected = [
      'dist/photo-frame.js',
      'dist/photo-frame.css',
      'dist/photo-frame-sw.js',
      'dist/photo-frame-register.js',
      ...browserFiles,
      'custom-elements.json',
      'README.md',
      'LICENSE',
      'package.json',
      ...integrations,
    ];
    for (const file of expected) assert.ok(files.includes(file), `${file} is not in the package`);
  });

  test('holds every file package.json points at (main, bin, exports, customElements)', () => {
    for (const target of declaredTargets(pkg)) assert.ok(files.includes(target), `package.json names ${target}, which is not in the package`);
  });

  test('holds nothing but dist/, the integrations and the top-level files: no tests, demo photos, benchmarks, sources or source maps', () => {
    const topLevel = new Set(['package.json', 'README.md', 'LICENSE', 'custom-elements.json']);
    const unexpected = files.filter((f) => !(topLevel.has(f) || f.startsWith('dist/') || f.startsWith('integrations/')));
    assert.deepEqual(unexpected, []);
    assert.deepEqual(files.filter((f) => f.endsWith('.map') || /\.(jpe?g|png|webp|avif|gif)$/i.test(f) || /(^|\/)(test|bench|demo)\//.test(f)), []);
  });
});
