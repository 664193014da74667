/**
 * Every relative link and image in every tracked Markdown file points at a
 * file or folder that exists, and every `#anchor` at a heading of the target
 * file as GitHub slugs it (or of the same file for a bare `#anchor`).
 */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { readMarkdown, ROOT, trackedMarkdown } from './markdown.js';

/** Links that leave the repository: a scheme (`https:`, `mailto:`) or a protocol-relative URL. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** What is wrong with `href` in `file`, or undefined when it resolves. */
function brokenLink(file: string, href: string): string | undefined {
  const [target = '', anchor] = href.split('#') as [string, string | undefined];
  const resolved = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(target)));
  if (resolved.startsWith('../')) return `${href} leaves the repository`;
  const absolute = path.join(ROOT, resolved);
  if (!existsSync(absolute)) return `${href}: ${resolved} does not exist`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith('.md') || statSync(absolute).isDirectory()) return `${href}: an anchor into a file that is not Markdown`;
  const anchors = readMarkdown(resolved).anchors;
  if (!anchors.has(decodeURIComponent(anchor))) return `${href}: ${resolved} has no heading #${anchor} (it has ${[...anchors].map((a) => `#${a}`).join(', ')})`;
  return undefined;
}

describe('links in the Markdown resolve', () => {
  const files = trackedMarkdown();
  test('the docs are found', () => {
    for (const file of ['README.md', 'CONTRIBUTING.md', 'bench/README.md', 'docs/api.md']) assert.ok(files.includes(file), file);
  });

  for (const file of files) {
    test(file, () => {
      const broken = readMarkdown(file)
        .links.filter((link) => !EXTERNAL.test(link.href))
        .map((link) => ({ link, problem: brokenLink(file, link.href) }))
        .filter((b) => b.problem)
        .map(({ link, problem }) => `${file}:${link.line}: ${problem}`);
      assert.deepEqual(broken, []);
    });
  }
});

describe('the link checker itself', () => {
  // Checked against this repository's files, so that a checker that passes everything fails here.
  const cases: [string, string, boolean][] = [
    ['README.md', 'docs/upload.md', true],
    ['README.md', 'docs/nowhere.md', false],
    ['docs/reliability.md', '../CONTRIBUTING.md#tests', true],
    ['docs/reliability.md', '../CONTRIBUTING.md#no-such-heading', false],
    ['docs/api.md', '#headers-and-errors', true],
    ['docs/api.md', '#get---one-photo-chosen-at-random', true],
    ['docs/api.md', '#get--one-photo-chosen-at-random', false],
    ['docs/element.md', '../README.md#attributes', true],
    ['docs/element.md', '../../outside.md', false],
  ];
  for (const [file, href, resolves] of cases) {
    test(`${href} from ${file} ${resolves ? 'resolves' : 'is reported'}`, () => {
      assert.equal(brokenLink(file, href) === undefined, resolves, brokenLink(file, href));
    });
  }
});
