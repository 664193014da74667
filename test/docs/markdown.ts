/**
 * The project's Markdown as the docs tests read it: every tracked `.md` file,
 * parsed with marked (GitHub-flavoured), into the anchors its headings get on
 * GitHub (github-slugger), the links and images it holds, and its fenced code
 * blocks with their language and line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Link {
  href: string;
  line: number;
}

export interface CodeBlock {
  /** Repository-relative path of the Markdown file, e.g. `docs/upload.md`. */
  file: string;
  line: number;
  lang: string;
  text: string;
}

export interface MarkdownDoc {
  file: string;
  /** The `#anchors` GitHub gives the file's headings. */
  anchors: Set<string>;
  links: Link[];
  blocks: CodeBlock[];
}

/** Every Markdown file git tracks, repository-relative. */
export function trackedMarkdown(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--', '*.md'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

/** A heading's text as GitHub slugs it: the rendered text, without markup. */
function plainText(tokens: Token[] = []): string {
  return tokens
    .map((t) => ('tokens' in t && t.tokens ? plainText(t.tokens) : t.type === 'html' ? '' : 'text' in t ? String(t.text) : ''))
    .join('');
}

/** Calls `visit` for every token, nested ones (list items, table cells, emphasis) included. */
function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) walk(cell.tokens, visit);
    } else if (token.type === 'list') {
      walk((token as Tokens.List).items, visit);
    }
    if ('tokens' in token && token.tokens) walk(token.tokens, visit);
  }
}

const cache = new Map<string, MarkdownDoc>();

export function readMarkdown(file: string): MarkdownDoc {
  const cached = cache.get(file);
  if (cached) return cached;
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const tokens = new Lexer({ gfm: true }).lex(source);
  const slugger = new GithubSlugger();
  const doc: MarkdownDoc = { file, anchors: new Set(), links: [], blocks: [] };
  // marked gives no positions: a token's line is found by searching its source text onwards.
  let searchFrom = 0;
  const lineOf = (raw: string) => {
    const at = source.indexOf(raw, searchFrom);
    if (at < 0) return 0;
    searchFrom = at;
    return source.slice(0, at).split('\n').length;
  };
  // A block inside a list item has lost its indentation: find its first line instead, the fence is above it.
  const blockLine = (code: Tokens.Code) => lineOf(code.raw) || lineOf(code.text.split('\n')[0]!) - 1;
  walk(tokens, (token) => {
    if (token.type === 'heading') doc.anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
    if (token.type === 'link' || token.type === 'image') doc.links.push({ href: (token as Tokens.Link).href, line: lineOf(token.raw) });
    if (token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented') {
      const code = token as Tokens.Code;
      doc.blocks.push({ file, line: blockLine(code), lang: (code.lang ?? '').split(/\s/)[0]!, text: code.text });
    }
  });
  cache.set(file, doc);
  return doc;
}

/** Every fenced code block of every tracked Markdown file. */
export function allCodeBlocks(): CodeBlock[] {
  return trackedMarkdown().flatMap((file) => readMarkdown(file).blocks);
}

/** `docs/upload.md:12`, for messages. */
export function where(block: { file: string; line: number }): string {
  return `${block.file}:${block.line}`;
}
