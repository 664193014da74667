/**
 * Builds dist/photo-frame.js: the element as one self-contained, minified ES
 * module (Lit bundled) that a blog loads with a single <script type="module">.
 * Also the service worker, dist/photo-frame-sw.js (a classic script, Workbox
 * bundled in production mode), and dist/photo-frame-register.js, the module
 * that registers it (workbox-window bundled; kept out of the element's bundle).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';
import { minify } from 'terser';
import { minifyTemplates } from './minify-templates.js';

/** Lit's html`` and css`` templates are strings no minifier touches: fold their white space first. */
const minifyLitTemplates: Plugin = {
  name: 'minify-lit-templates',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\]element[/\\][^/\\]+\.ts$/ }, async (args) => ({
      contents: minifyTemplates(await readFile(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};

const result = await build({
  entryPoints: ['src/element/photo-frame.ts'],
  outfile: 'dist/photo-frame.js',
  bundle: true,
  minify: true,
  format: 'esm',
  // Native private fields and class fields: every browser with custom elements v1 and ES modules of the last few years.
  target: 'es2022',
  tsconfig: 'tsconfig.element.json',
  legalComments: 'none',
  sourcemap: 'external',
  write: false,
  plugins: [minifyLitTemplates],
});
// esbuild bundles; terser's extra passes then shave what is left (about 3% gzipped).
const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!.text;
const element = await minify(code, {
  module: true,
  ecma: 2020,
  compress: { passes: 3, unsafe_arrows: true },
  // The element's private reactive state (`_photo`, `_shown`, …): declared in its static
  // properties and read only by the element itself, so the names can shrink. Lit's own
  // cross-module names start with `_$` and are left alone.
  mangle: { properties: { regex: /^_(?:photo|pending|error|shown|sizes)$/ } },
  format: { comments: false },
  sourceMap: { content: map, url: 'photo-frame.js.map' },
});
await writeFile('dist/photo-frame.js', element.code!);
await writeFile('dist/photo-frame.js.map', element.map as string);
console.log(`dist/photo-frame.js: ${Buffer.byteLength(element.code!)} bytes minified`);
// The stylesheet that reserves the element's box before the script runs, for the page's <head>.
await build({ entryPoints: ['src/element/photo-frame.css'], outfile: 'dist/photo-frame.css', minify: true, legalComments: 'none' });

// The service worker: a classic script (IIFE), so `navigator.serviceWorker.register('/photo-frame-sw.js')`
// works without `type: 'module'`; Workbox in production mode (no logging, no asserts).
const sw = await build({
  entryPoints: ['src/sw/photo-frame-sw.ts'],
  outfile: 'dist/photo-frame-sw.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  tsconfig: 'tsconfig.sw.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  sourcemap: true,
  metafile: true,
});
const register = await build({
  entryPoints: ['src/sw/register/photo-frame-register.ts'],
  outfile: 'dist/photo-frame-register.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  tsconfig: 'tsconfig.sw-page.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  sourcemap: true,
  metafile: true,
});
for (const [name, r] of [['dist/photo-frame-sw.js', sw], ['dist/photo-frame-register.js', register]] as const) {
  console.log(`${name}: ${Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.bytes} bytes minified`);
}
