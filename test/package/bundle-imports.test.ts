/**
 * The browser files load from anywhere (a blog's assets folder, a CDN) as they
 * are: they import no bare specifier (`lit`, which only a bundler resolves),
 * and what the element loads later it loads from its own folder, by a relative
 * path to a file that is there. esbuild parses each file and reports every
 * import it meets, static or dynamic.
 */
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every specifier the file imports (static `import`, `export … from`, dynamic `import()`). */
async function importsOf(file: string): Promise<string[]> {
  const found: string[] = [];
  await build({
    entryPoints: [path.join(DIST, file)],
    bundle: true,
    write: false,
    logLevel: 'silent',
    format: 'esm',
    plugins: [
      {
        name: 'record-imports',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            found.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

/** The file and every file it loads, transitively; fails on any import that is not `./name.js` beside it. */
async function filesLoadedBy(entry: string): Promise<string[]> {
  const seen = [entry];
  for (let i = 0; i < seen.length; i++) {
    for (const specifier of await importsOf(seen[i]!)) {
      assert.match(specifier, /^\.\/[\w-]+\.js$/, `${seen[i]} imports ${JSON.stringify(specifier)}: only files beside it load from a CDN or an assets folder`);
      const file = specifier.slice(2);
      await access(path.join(DIST, file)).catch(() => assert.fail(`${seen[i]} imports ${specifier}, which the build did not write`));
      if (!seen.includes(file)) seen.push(file);
    }
  }
  return seen;
}

test('dist/photo-frame.js imports no package, only the chunks beside it that it loads when first needed', async () => {
  const files = await filesLoadedBy('photo-frame.js');
  assert.ok(files.length >= 1);
  for (const file of files) assert.match(file, /^photo-frame(-[\w-]+)?\.js$/, `${file}: the element's files are named photo-frame*.js, which the worker caches by name`);
});

for (const file of ['photo-frame-register.js', 'photo-frame-sw.js']) {
  test(`dist/${file} is self-contained: it imports nothing`, async () => {
    assert.deepEqual(await importsOf(file), []);
  });
}
