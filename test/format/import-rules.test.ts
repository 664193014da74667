/**
 * What each part of src/ may import, checked by reading every import
 * statement (TypeScript's own pre-processor: static, type-only, re-exports and
 * dynamic imports, and never a comment). Parts depend on the shared format and
 * the contract, never on each other's internals.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Each entry of src/ and the other entries it may import (its own files always). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  'contract.ts': [],
  // The contract's rule for the photographer's details, in a file of its own (see its header).
  'photo-details.ts': ['contract.ts'],
  format: ['contract.ts', 'photo-details.ts'],
  gcs: [],
  function: ['contract.ts', 'photo-details.ts', 'format', 'gcs'],
  cli: ['contract.ts', 'photo-details.ts', 'format', 'gcs'],
  element: ['contract.ts', 'photo-details.ts'],
  sw: ['contract.ts', 'photo-details.ts', 'format'],
};

/** The part a path under src/ belongs to: its first folder, or the file itself. */
const partOf = (rel: string) => rel.split('/')[0]!.replace(/\.js$/, '.ts');

/** Every rule broken by `files` (path under src/ → source text), as "from → to" lines. */
function violations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const part = partOf(file);
    const allowed = MAY_IMPORT[part];
    if (!allowed) {
      out.push(`${file}: src/${part} has no row in MAY_IMPORT`);
      continue;
    }
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue; // a package
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
      const to = partOf(target);
      if (target.startsWith('..')) out.push(`${file} → ${fileName}: outside src/`);
      else if (to !== part && !allowed.includes(to)) out.push(`${file} → ${fileName}: src/${part} may not import src/${to}`);
    }
  }
  return out.sort();
}

async function sourceFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await fs.readdir(SRC, { recursive: true })).sort()) {
    const rel = name.split(path.sep).join('/');
    if (/\.(ts|mts|js|mjs)$/.test(rel)) files.set(rel, await fs.readFile(path.join(SRC, name), 'utf8'));
  }
  return files;
}

describe('import rules', () => {
  test('every part of src/ imports only what its row allows', async () => {
    const files = await sourceFiles();
    const parts = new Set([...files.keys()].map(partOf));
    for (const part of Object.keys(MAY_IMPORT)) assert.ok(parts.has(part), `src/${part} has files to check`);
    assert.deepEqual(violations(files), []);
  });

  // The checker itself, on made-up files: each row breaks the rules once, or not at all.
  const rows: [string, string, string, string[]][] = [
    ['an import', 'cli/a.ts', `import { LocalStore } from '../function/local-store.js';`, ['cli/a.ts → ../function/local-store.js: src/cli may not import src/function']],
    ['a type-only import over several lines', 'format/a.ts', `import type {\n  Catalog,\n} from '../function/catalog.js';`, ['format/a.ts → ../function/catalog.js: src/format may not import src/function']],
    ['a re-export', 'sw/a.ts', `export { x } from '../cli/upload.js';`, ['sw/a.ts → ../cli/upload.js: src/sw may not import src/cli']],
    ['a dynamic import', 'element/a.ts', `const m = await import('../sw/photo-urls.js');`, ['element/a.ts → ../sw/photo-urls.js: src/element may not import src/sw']],
    ['a deeper file', 'sw/register/a.ts', `import { x } from '../../function/etag.js';`, ['sw/register/a.ts → ../../function/etag.js: src/sw may not import src/function']],
    ['a new folder without a row', 'hits/a.ts', `import { x } from '../format/manifest.js';`, ['hits/a.ts: src/hits has no row in MAY_IMPORT']],
    ['the contract and the format, from the worker', 'sw/a.ts', `import { LIMITS } from '../contract.js';\nimport { normalizeAlbum } from '../format/normalize-album.js';`, []],
    ['a file of its own part, and a package', 'function/a.ts', `import { Storage } from '@google-cloud/storage';\nimport { Catalog } from './catalog.js';`, []],
    ['an import named in a comment', 'cli/a.ts', `// import { x } from '../function/x.js';\n/* import('../function/y.js') */`, []],
  ];
  for (const [name, file, text, expected] of rows) {
    test(`the checker reads ${name}`, () => {
      assert.deepEqual(violations(new Map([[file, text]])), expected);
    });
  }
});
