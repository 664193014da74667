import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface UploadFile {
  /** Relative to the source folder, with `/`. */
  path: string;
  size: number;
}

/** What gcloud functions deploy ignores in a folder without a .gcloudignore (`gcloud topic gcloudignore`, plus node_modules). */
const DEFAULT_IGNORE = '.gcloudignore\n.git\n.gitignore\nnode_modules\n#!include:.gitignore\n';

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The patterns of `dir`'s .gcloudignore (gitignore syntax), with its `#!include:FILE` lines expanded (a missing file includes nothing). */
async function gcloudIgnore(dir: string): Promise<Ignore> {
  const text = (await readIfExists(path.join(dir, '.gcloudignore'))) ?? DEFAULT_IGNORE;
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const include = /^#!include:(.+)$/.exec(line.trim());
    lines.push(...(include ? ((await readIfExists(path.join(dir, include[1]!.trim()))) ?? '').split(/\r?\n/) : [line]));
  }
  return ignore().add(lines);
}

/**
 * The files `gcloud functions deploy --source=DIR` uploads: everything in
 * `dir` but what its .gcloudignore leaves out. An ignored folder is not
 * walked, as in git: nothing inside it can be brought back.
 */
export async function listUploadFiles(dir: string): Promise<UploadFile[]> {
  const ignored = await gcloudIgnore(dir);
  const files: UploadFile[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ignored.ignores(`${name}/`)) await walk(name);
      } else if (entry.isFile() && !ignored.ignores(name)) {
        files.push({ path: name, size: (await stat(path.join(dir, name))).size });
      }
    }
  }
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
