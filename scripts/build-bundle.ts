/**
 * Builds dist/photo-frame.js: the element as one self-contained, minified ES
 * module (Lit bundled) that a blog loads with a single <script type="module">.
 * Also the service worker, dist/photo-frame-sw.js (a classic script, Workbox
 * bundled in production mode), and dist/photo-frame-register.js, the module
 * that registers it (workbox-window bundled; kept out of the element's bundle).
 */
import { build, type Plugin } from 'esbuild';

/** Lit's css`` templates are strings esbuild cannot minify: fold their white space and comments. */
const minifyLitCss: Plugin = {
  name: 'minify-lit-css',
  setup(b) {
    b.onLoad({ filter: /-styles\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/css`([^`]*)`/g, (_, body: string) =>
        'css`' + body.replace(/\/\*[^]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/:\s+/g, ':').replace(/([\s:(,])0\.(\d)/g, '$1.$2').replace(/;}/g, '}').trim() + '`',
      );
      return { contents, loader: 'ts' };
    });
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
  sourcemap: true,
  metafile: true,
  plugins: [minifyLitCss],
});
// The stylesheet that reserves the element's box before the script runs, for the page's <head>.
await build({ entryPoints: ['src/element/photo-frame.css'], outfile: 'dist/photo-frame.css', minify: true, legalComments: 'none' });
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes;
console.log(`dist/photo-frame.js: ${bytes} bytes minified`);

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
