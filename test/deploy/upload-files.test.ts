/**
 * What `gcloud functions deploy` uploads from a folder: its .gcloudignore
 * (gitignore syntax, #!include:) applied. Each case is also checked against
 * the Google Cloud CLI's own `gcloud meta list-files-for-upload`, which runs
 * locally, when the CLI is installed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { listUploadFiles } from '../../scripts/deploy/upload-files.js';

const FILES = ['a.js', '.git/HEAD', '.gitignore', 'node_modules/m/index.js', 'sub/b.js', 'dist/out.js', 'README.md', 'keep.md', 'test/t.js', 'root-only.txt', 'sub/root-only.txt', 'deep/x/y.map', 'deep/x/z.js'];

const CASES: Array<{ name: string; gcloudignore?: string; expected: string[] }> = [
  {
    name: 'no .gcloudignore: .git, .gitignore, node_modules and what .gitignore lists stay behind',
    expected: ['README.md', 'a.js', 'deep/x/y.map', 'deep/x/z.js', 'keep.md', 'root-only.txt', 'sub/b.js', 'sub/root-only.txt', 'test/t.js'],
  },
  {
    name: 'patterns, a negation, an anchored name, a folder, a glob and an included .gitignore',
    gcloudignore: '.gcloudignore\n# comments are ignored\n*.md\n!keep.md\ntest/\n/root-only.txt\n**/*.map\nnode_modules/\n#!include:.gitignore\n',
    expected: ['.git/HEAD', '.gitignore', 'a.js', 'deep/x/z.js', 'keep.md', 'sub/b.js', 'sub/root-only.txt'],
  },
  {
    name: "the staged function's: everything but node_modules",
    gcloudignore: '.gcloudignore\nnode_modules/\n',
    expected: ['.git/HEAD', '.gitignore', 'README.md', 'a.js', 'deep/x/y.map', 'deep/x/z.js', 'dist/out.js', 'keep.md', 'root-only.txt', 'sub/b.js', 'sub/root-only.txt', 'test/t.js'],
  },
];

const gcloud = await promisify(execFile)('gcloud', ['--version'], { env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' } }).then(
  () => true,
  () => false,
);

async function folder(gcloudignore: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'upload-files-'));
  for (const file of FILES) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), file === '.gitignore' ? 'dist/\n' : 'x');
  }
  if (gcloudignore !== undefined) await writeFile(path.join(dir, '.gcloudignore'), gcloudignore);
  return dir;
}

describe('the files a deploy uploads', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const dir = await folder(c.gcloudignore);
      try {
        const files = await listUploadFiles(dir);
        assert.deepEqual(files.map((f) => f.path), c.expected);
        assert.ok(files.every((f) => f.size === (f.path === '.gitignore' ? 6 : 1)));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    test(`${c.name}: the same list as gcloud meta list-files-for-upload`, { skip: gcloud ? false : 'the Google Cloud CLI is not installed' }, async () => {
      const dir = await folder(c.gcloudignore);
      try {
        const { stdout } = await promisify(execFile)('gcloud', ['meta', 'list-files-for-upload', dir], {
          env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1', CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1' },
        });
        // Without a .gcloudignore, `functions deploy` also leaves node_modules out; the generic listing does not.
        const listed = stdout.split('\n').filter(Boolean).filter((f) => c.gcloudignore !== undefined || !f.startsWith('node_modules/')).sort();
        assert.deepEqual(listed, c.expected);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
