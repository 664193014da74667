/**
 * The docs' fenced blocks other than commands and blog-engine setups (those
 * are in commands.test.ts and test/integrations/): every block is of a kind
 * some test checks; page snippets load files the build writes and the package
 * ships (a CDN URL: this package, at this version); their <photo-frame>
 * attributes are the documented ones, and the README's attribute table is the
 * element's; JSON examples parse; imports from the package resolve through its
 * "exports" to modules that export the names imported.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { packedFiles } from '../package/packed.js';
import { attributesOf, snippetElements } from '../support/read-page.js';
import { BLOCK_KINDS, blocksOf, kindsOf } from './doc-blocks.js';
import { allCodeBlocks, readMarkdown, ROOT, where } from './markdown.js';

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
}
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const ELEMENT = MANIFEST.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'photo-frame')!;
const DOCUMENTED_ATTRIBUTES = (ELEMENT.attributes ?? []).map((a) => a.name);
/** HTML's own attributes a snippet may put on any element. */
const GLOBAL_ATTRIBUTES = ['id', 'class', 'lang', 'dir', 'style', 'title', 'hidden'];

/** `https://cdn.jsdelivr.net/npm/NAME@VERSION/PATH` and unpkg's `https://unpkg.com/NAME@VERSION/PATH`. */
const CDN_URL = /^https:\/\/(?:cdn\.jsdelivr\.net\/npm|unpkg\.com)\/((?:@[^/]+\/)?[^@/]+)@([^/]+)\/(.+)$/;


describe('every fenced block in the docs is checked', () => {
  for (const block of allCodeBlocks()) {
    test(`${where(block)} (${block.lang || 'no language'})`, () => {
      const kinds = kindsOf(block);
      assert.equal(
        kinds.length,
        1,
        `${where(block)}: a \`\`\`${block.lang} block that ${kinds.length ? `the kinds ${kinds.join(', ')} all claim` : 'no test checks'}. ` +
          `Give it a language and content of a kind in test/docs/doc-blocks.ts (${Object.keys(BLOCK_KINDS).join(', ')}), or add a kind and its check there.`,
      );
    });
  }
});

describe('page snippets load files that exist', () => {
  let packed: string[];
  before(async () => {
    packed = await packedFiles();
  });

  for (const block of blocksOf('html')) {
    test(`${where(block)}`, () => {
      const nodes = snippetElements(block.text);
      const urls = nodes.flatMap((n) => {
        const attributes = attributesOf(n);
        return [attributes.src, attributes.href, attributes['data-service-worker']];
      }).filter((u): u is string => !!u);
      const files = urls.filter((u) => /\.(js|css)$/.test(u));
      assert.ok(files.length > 0 || nodes.some((n) => n.nodeName === 'photo-frame'), 'the snippet loads a file or shows the element');
      for (const url of files) {
        const cdn = CDN_URL.exec(url);
        if (cdn) {
          const [, name, version, file] = cdn;
          assert.equal(name, PACKAGE.name, `${url}: the package is ${PACKAGE.name}`);
          assert.equal(version, PACKAGE.version, `${url}: pinned to the version in package.json`);
          assert.ok(packed.includes(file!), `${url}: ${file} is not in the package`);
        } else {
          assert.ok(!/^[a-z]+:/i.test(url), `${url}: only this package's CDN URLs are checked; link another site's file from prose`);
          const name = path.posix.basename(url);
          assert.ok(existsSync(path.join(ROOT, 'dist', name)), `${url}: the build writes no dist/${name}`);
          assert.ok(packed.includes(`dist/${name}`), `${url}: dist/${name} is not in the package`);
        }
      }
      for (const frame of nodes.filter((n) => n.nodeName === 'photo-frame')) {
        for (const name of Object.keys(attributesOf(frame))) {
          assert.ok(DOCUMENTED_ATTRIBUTES.includes(name) || GLOBAL_ATTRIBUTES.includes(name), `<photo-frame ${name}>: not an attribute of the element (custom-elements.json)`);
        }
      }
    });
  }
});

test("the README's attribute table has one row per attribute of the element, in custom-elements.json", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readMarkdown('README.md').anchors.has('attributes'));
  const section = readme.slice(readme.indexOf('\n## Attributes\n'), readme.indexOf('\n## ', readme.indexOf('\n## Attributes\n') + 1));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  assert.ok(DOCUMENTED_ATTRIBUTES.length > 0);
  assert.deepEqual([...rows].sort(), [...DOCUMENTED_ATTRIBUTES].sort());
});

describe('TypeScript examples parse', () => {
  for (const block of blocksOf('ts')) {
    test(where(block), async () => {
      await transform(block.text, { loader: 'ts' });
    });
  }
});

describe('JSON examples parse', () => {
  for (const block of blocksOf('json')) {
    test(where(block), () => {
      assert.doesNotThrow(() => JSON.parse(block.text));
    });
  }
});

describe("imports from the package resolve to modules that export what is imported", () => {
  for (const block of blocksOf('js')) {
    test(where(block), async () => {
      const specifiers: string[] = [];
      // esbuild bundles the snippet: a specifier the package does not export, or a
      // name its module does not export ("No matching export"), fails the build.
      await build({
        stdin: { contents: block.text, resolveDir: ROOT, loader: 'js' },
        bundle: true,
        write: false,
        logLevel: 'silent',
        format: 'esm',
        plugins: [
          {
            name: 'this-package',
            setup(b) {
              b.onResolve({ filter: new RegExp(`^${PACKAGE.name}(/|$)`) }, (args) => {
                specifiers.push(args.path);
                // Node's own resolution of the package's "exports" (a package may import itself by name).
                return { path: fileURLToPath(import.meta.resolve(args.path)) };
              });
            },
          },
        ],
      });
      assert.ok(specifiers.length > 0, `${where(block)} imports nothing from ${PACKAGE.name}`);
    });
  }
});
