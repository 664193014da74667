/**
 * The rules the user docs keep: the README is a guide a blogger reads in one
 * sitting (at most 300 lines), and no user doc points at the project's issue
 * tracker (readers have no use for "(issue 5)").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, trackedMarkdown } from './markdown.js';

const USER_DOCS = trackedMarkdown().filter((file) => file === 'README.md' || file.startsWith('docs/') || file === 'bench/README.md');

test('the README is at most 300 lines', () => {
  const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
  assert.ok(lines <= 300, `README.md has ${lines} lines: move reference material to docs/`);
});

test('no user doc mentions an issue number', () => {
  assert.ok(USER_DOCS.length > 5);
  const mentions = USER_DOCS.flatMap((file) =>
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\bissues? #?\d+\b|(^|[\s(])#\d+\b/i.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(mentions, []);
});
