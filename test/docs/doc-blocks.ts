/**
 * Every fenced code block in the Markdown is of one kind, and each kind is
 * checked by a test that reads the blocks from the docs themselves: a renamed
 * flag, file or parameter in a doc, or in the code it describes, fails that
 * test. A block no kind claims fails test/docs/snippets.test.ts; to document
 * something new, add its kind here and its check in the test named.
 */
import { allCodeBlocks, type CodeBlock } from './markdown.js';

export interface BlockKind {
  /** The test that checks blocks of this kind. */
  checkedBy: string;
  claims(block: CodeBlock): boolean;
}

const is = (lang: string, pattern?: RegExp) => (b: CodeBlock) => b.lang === lang && (!pattern || pattern.test(b.text));

export const BLOCK_KINDS = {
  /** Shell commands: each is matched by an entry of test/docs/doc-commands.ts, which runs it or says why it cannot run here. */
  shell: { checkedBy: 'test/docs/commands.test.ts', claims: (b) => ['sh', 'bash', 'shell'].includes(b.lang) && !/integrations\/(hugo|jekyll)\//.test(b.text) },
  /** Page snippets: the files they load exist (a CDN URL: in the package, at its version), their attributes are documented. */
  html: { checkedBy: 'test/docs/snippets.test.ts', claims: is('html') },
  /** Examples of the API's answers, log lines and sidecars: valid JSON. */
  json: { checkedBy: 'test/docs/snippets.test.ts', claims: is('json') },
  /** Imports from the package: each specifier resolves through package.json "exports" to a file that exports the names. */
  js: { checkedBy: 'test/docs/snippets.test.ts', claims: is('js') },
  /** TypeScript examples for contributors: they parse. */
  ts: { checkedBy: 'test/docs/snippets.test.ts', claims: is('ts') },
  /** The commands that put the package's files into a Hugo site: the Hugo test runs them to lay out its site. */
  hugoFiles: { checkedBy: 'test/integrations/hugo-site.test.ts', claims: is('sh', /integrations\/hugo\//) },
  hugoConfig: { checkedBy: 'test/integrations/hugo-site.test.ts', claims: is('toml', /\[params\.photoFrame\]/) },
  hugoHead: { checkedBy: 'test/integrations/hugo-site.test.ts', claims: is('go-html-template', /partial "photo-frame-head\.html"/) },
  hugoShortcode: { checkedBy: 'test/integrations/hugo-site.test.ts', claims: is('text', /^\{\{< photo-frame\b/) },
  /** The commands that put the package's files into a Jekyll site: the Jekyll test runs them and checks where they land. */
  jekyllFiles: { checkedBy: 'test/integrations/jekyll-include.test.ts', claims: is('sh', /integrations\/jekyll\//) },
  jekyllConfig: { checkedBy: 'test/integrations/jekyll-include.test.ts', claims: is('yaml', /^photo_frame:/m) },
  jekyllHead: { checkedBy: 'test/integrations/jekyll-include.test.ts', claims: is('liquid', /\{% include photo-frame-head\.html %\}/) },
  jekyllInclude: { checkedBy: 'test/integrations/jekyll-include.test.ts', claims: is('liquid', /\{% include photo-frame\.html\b/) },
} satisfies Record<string, BlockKind>;

export type BlockKindName = keyof typeof BLOCK_KINDS;

/** The kinds that claim `block` (exactly one, for a block the tests check). */
export function kindsOf(block: CodeBlock): BlockKindName[] {
  return (Object.keys(BLOCK_KINDS) as BlockKindName[]).filter((name) => BLOCK_KINDS[name].claims(block));
}

/** Every block of one kind, in every tracked Markdown file. */
export function blocksOf(kind: BlockKindName): CodeBlock[] {
  return allCodeBlocks().filter((block) => BLOCK_KINDS[kind].claims(block));
}
