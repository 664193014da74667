/** What `npm publish` would ship, asked of npm (offline, no prepack build): shared by the package and docs tests. */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let packed: Promise<string[]> | undefined;

/** The files `npm publish` would put in the tarball, as npm lists them (run `npm run build` first; asked once). */
export function packedFiles(): Promise<string[]> {
  packed ??= listPackedFiles();
  return packed;
}

async function listPackedFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('npm', ['publish', '--dry-run', '--json', '--offline', '--ignore-scripts'], { cwd: ROOT });
  const report = JSON.parse(stdout) as Record<string, { files: { path: string }[] }>;
  const [only] = Object.values(report);
  return only!.files.map((f) => f.path);
}


/**
 * `npm install blog-photo-frame` in `dir`, before the package is on the registry:
 * node_modules/blog-photo-frame made of exactly the files npm would publish.
 */
export async function installPacked(dir: string): Promise<void> {
  const target = path.join(dir, 'node_modules/blog-photo-frame');
  for (const file of await packedFiles()) await cp(path.join(ROOT, file), path.join(target, file), { recursive: true });
}
