/**
 * Builds the browser files into dist/:
 * - photo-frame.js, the element as a minified ES module (Lit bundled) that a
 *   blog loads with a single <script type="module">, and the chunks it imports
 *   from its own folder when a feature is first used (ELEMENT_CHUNKS);
 * - photo-frame.css, which reserves the element's box before the script runs;
 * - photo-frame-sw.js, the service worker (a classic script, Workbox bundled
 *   in production mode), and photo-frame-register.js, the module that
 *   registers it (workbox-window bundled; kept out of the element's files).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { minifyHTMLLiterals } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { build, type Metafile, type OutputFile, type Plugin } from 'esbuild';
import { minify } from 'terser';

/**
 * The element's lazily loaded modules and the file each becomes, next to
 * photo-frame.js. The names are stable so that the service worker can cache
 * them by name (its `scriptFiles`) and a CDN serves them beside the entry.
 */
const ELEMENT_CHUNKS: Record<string, string> = {
  'src/element/slideshow-controller.ts': 'photo-frame-slideshow',
  'src/element/placeholder-url.ts': 'photo-frame-placeholder',
  'src/element/photo-view-controller.ts': 'photo-frame-view',
  'src/element/format-photo-details.ts': 'photo-frame-details',
  'src/element/status-message.ts': 'photo-frame-status',
};

/** Lit's html`` and css`` templates are strings no JS minifier touches: Lit's own template minifier folds them. */
const minifyLitTemplates: Plugin = {
  name: 'minify-lit-templates',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\]element[/\\][^/\\]+\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const result = await minifyHTMLLiterals(source, { fileName: args.path });
      // The inline map lets esbuild's source map point into the original source.
      return { contents: result ? `${result.code}\n//# sourceMappingURL=${result.map!.toUrl()}` : source, loader: 'ts' };
    });
  },
};

const element = await build({
  entryPoints: [{ in: 'src/element/photo-frame.ts', out: 'photo-frame' }, ...Object.entries(ELEMENT_CHUNKS).map(([file, out]) => ({ in: file, out }))],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  // Native private fields and class fields: every browser with custom elements v1 and ES modules of the last few years.
  target: 'es2022',
  tsconfig: 'tsconfig.element.json',
  legalComments: 'none',
  sourcemap: 'external',
  metafile: true,
  write: false,
  plugins: [minifyLitTemplates],
});
// Code shared by photo-frame.js and a chunk would land in a third, hash-named file that
// photo-frame.js imports before it can run: the first photo would wait for two files.
const shared = Object.keys(element.metafile.outputs).filter((file) => file.endsWith('.js') && !element.metafile.outputs[file]!.entryPoint);
if (shared.length > 0) {
  throw new Error(
    `${shared.join(', ')}: code shared by photo-frame.js and a lazily loaded chunk (${sharedInputs(element.metafile, shared).join(', ')}). ` +
      'Keep a chunk\'s runtime imports out of the entry (pass what it needs from the element), or drop it from ELEMENT_CHUNKS.',
  );
}
await mkdir('dist', { recursive: true });
for (const file of element.outputFiles.filter((f) => f.path.endsWith('.js'))) await writeMinified(file, element.outputFiles);

// The stylesheet that reserves the element's box before the script runs, for the page's <head>.
await build({ entryPoints: ['src/element/photo-frame.css'], outfile: 'dist/photo-frame.css', minify: true, legalComments: 'none' });

// The service worker: a classic script (IIFE), so `navigator.serviceWorker.register('/photo-frame-sw.js')`
// works without `type: 'module'`; Workbox in production mode (no logging, no asserts). Compressed by terser
// as the element's files are.
const sw = await build({
  entryPoints: ['src/sw/photo-frame-sw.ts'],
  outfile: 'dist/photo-frame-sw.js',
  bundle: true,
  minify: true,
  format: 'iife',
  // Native private fields, as in the element: every browser with service workers of the last few years.
  target: 'es2022',
  tsconfig: 'tsconfig.sw.json',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  sourcemap: 'external',
  write: false,
});
await writeMinified(sw.outputFiles.find((f) => f.path.endsWith('.js'))!, sw.outputFiles, { module: false });
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
report(register.metafile);

/**
 * esbuild bundles and splits; terser then compresses each file further, with
 * the settings of Lit's element starter (default compression, no property
 * mangling). `module: false` for a classic script.
 */
async function writeMinified(file: OutputFile, outputs: OutputFile[], { module = true } = {}): Promise<void> {
  const map = outputs.find((f) => f.path === `${file.path}.map`)!.text;
  const name = path.basename(file.path);
  const result = await minify(file.text, { module, ecma: 2020, sourceMap: { content: map, url: `${name}.map` } });
  await writeFile(file.path, result.code!);
  await writeFile(`${file.path}.map`, result.map as string);
  console.log(`${path.relative('.', file.path)}: ${Buffer.byteLength(result.code!)} bytes minified`);
}

function report(metafile: Metafile): void {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${path.normalize(file)}: ${output.bytes} bytes minified`);
  }
}

function sharedInputs(metafile: Metafile, files: string[]): string[] {
  return files.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
}
