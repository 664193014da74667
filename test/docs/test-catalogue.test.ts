/**
 * CONTRIBUTING.md's test table is the catalogue of the suites: every test file
 * has a row, and every file a row names exists. A row's first cell names its
 * files in code spans: a path from the repository's root, then bare names of
 * files in the same folder (`test/cli/a.test.ts`, `b.test.ts`).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Lexer, type Tokens } from 'marked';
import { ROOT } from './markdown.js';

/** The files the first cells of CONTRIBUTING.md's `| suite | … |` table name. */
function catalogued(): string[] {
  const tokens = new Lexer({ gfm: true }).lex(readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8'));
  const table = tokens.find((t): t is Tokens.Table => t.type === 'table' && (t as Tokens.Table).header[0]?.text === 'suite');
  assert.ok(table, 'CONTRIBUTING.md has a table whose first column is "suite"');
  return table.rows.flatMap(([cell]) => {
    const names = cell!.tokens.filter((t): t is Tokens.Codespan => t.type === 'codespan').map((t) => t.text);
    const folder = path.posix.dirname(names[0] ?? '');
    return names.map((name) => (name.includes('/') ? name : `${folder}/${name}`));
  });
}

const testFiles = () =>
  execFileSync('git', ['ls-files', '-z', '--', 'test'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => /\.test\.(ts|mjs|js)$/.test(file));

test('every test file has a row in CONTRIBUTING.md\'s test table', () => {
  const rows = new Set(catalogued());
  const files = testFiles();
  assert.ok(files.length > 30, `only ${files.length} test files found`);
  assert.deepEqual(files.filter((file) => !rows.has(file)), [], 'add a row (| `test/…` | what it proves |) to the table in CONTRIBUTING.md');
});

test('every file the table names is a test file', () => {
  const files = new Set(testFiles());
  assert.deepEqual(catalogued().filter((file) => !files.has(file)), [], 'a row names a file that is not there: rename or remove it');
});
