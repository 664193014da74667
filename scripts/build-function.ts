/**
 * `npm run build:function`: stages the Cloud Function as `npm run deploy`
 * uploads it, in build/function/: the photo API bundled into index.mjs (our own
 * code, with the local store's image readers split into a chunk it loads only
 * when it reads an image), beside deploy/function's package.json, lockfile and
 * .gcloudignore. The instance installs only the packages that package.json
 * names; the CLI's and the browser's (sharp, lit, workbox, thumbhash) never
 * reach it.
 */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the staged folder holds besides the bundle. */
const PACKAGE_DIR = path.join(ROOT, 'deploy/function');
const PACKAGE_FILES = ['package.json', 'package-lock.json', '.gcloudignore'];
export const STAGE_DIR = path.join(ROOT, 'build/function');

export interface StagedFunction {
  dir: string;
  /** The staged package's runtime dependencies, which the bundle leaves to the install. */
  dependencies: string[];
}

/** Bundles the function and stages it in `dir` (emptied first); throws if the bundle needs a package the staged package.json lacks. */
export async function buildFunction(dir: string = STAGE_DIR): Promise<StagedFunction> {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
  const dependencies = Object.keys(pkg.dependencies);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: { [path.basename(pkg.main, '.mjs')]: path.join(ROOT, 'src/function/index.ts') },
    // .mjs: the functions framework then knows an ES module by its name; for index.js it loads
    // read-package-up and its dependencies to read "type" from package.json, about 100 ms of a cold start.
    outExtension: { '.js': '.mjs' },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Cloud Functions runs nodejs22; the rehearsal on this machine runs Node 20.
    target: 'node20',
    tsconfig: path.join(ROOT, 'tsconfig.node.json'),
    external: dependencies,
    // Bundled CommonJS packages (exifr, image-size) may call require() for Node built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const allowed = new Set([...dependencies, ...builtinModules]);
  const stray = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.external && !i.path.startsWith('node:') && !allowed.has(packageName(i.path)))
    .map((i) => i.path);
  if (stray.length > 0) {
    throw new Error(`The function's bundle imports ${[...new Set(stray)].join(', ')}, which deploy/function/package.json does not install: add it there (same version as package.json) and run npm install --package-lock-only in deploy/function`);
  }
  for (const file of PACKAGE_FILES) await copyFile(path.join(PACKAGE_DIR, file), path.join(dir, file));
  return { dir, dependencies };
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const staged = await buildFunction();
  console.log(`${path.relative(ROOT, staged.dir)}/: the function bundled, installing ${staged.dependencies.join(', ')}`);
}
