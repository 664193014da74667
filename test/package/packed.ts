/** What `npm publish` would ship, asked of npm (offline, no prepack build): shared by the package and docs tests. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The files `npm publish` would put in the tarball, as npm lists them (run `npm run build` first). */
export async function packedFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)('npm', ['publish', '--dry-run', '--json', '--offline', '--ignore-scripts'], { cwd: ROOT });
  const report = JSON.parse(stdout) as Record<string, { files: { path: string }[] }>;
  const [only] = Object.values(report);
  return only!.files.map((f) => f.path);
}

