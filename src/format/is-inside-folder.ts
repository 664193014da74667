import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * True when `name` (`/`-separated, relative) is a regular file whose real path,
 * links resolved, is inside `root`: a name from a manifest or a request never
 * reaches outside the published folder.
 */
export async function isInsideFolder(root: string, name: string): Promise<boolean> {
  if (name.includes('\0') || path.isAbsolute(name) || name.split('/').includes('..')) return false;
  try {
    const [realRoot, real] = await Promise.all([fs.realpath(root), fs.realpath(path.join(root, name))]);
    return real.startsWith(realRoot + path.sep) && (await fs.stat(real)).isFile();
  } catch {
    return false;
  }
}
