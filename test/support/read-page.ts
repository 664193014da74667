/**
 * HTML as a browser parses it (parse5, the HTML standard's parser): a page's
 * <head> loads and <photo-frame> elements, or the elements of a docs snippet.
 */
import { parse, parseFragment } from 'parse5';

export interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
}

export type Attributes = Record<string, string>;

export interface Page {
  /** Each element in <head>, by tag name, with its attributes. */
  head: { tag: string; attributes: Attributes }[];
  /** Each <photo-frame> in <body>, with its attributes. */
  frames: Attributes[];
  /** Tag names of every element in <body>. */
  bodyTags: string[];
}

/** Every element under `node`, in document order. */
export function elements(node: HtmlNode): HtmlNode[] {
  return (node.childNodes ?? []).flatMap((child) => (child.attrs ? [child, ...elements(child)] : []));
}

export const attributesOf = (node: HtmlNode): Attributes => Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value]));

/** The elements of a snippet of HTML, as parsed in a <body>. */
export function snippetElements(html: string): HtmlNode[] {
  return elements(parseFragment(html) as unknown as HtmlNode);
}

export function readPage(html: string): Page {
  const document = parse(html) as unknown as HtmlNode;
  const root = elements(document).find((n) => n.nodeName === 'html')!;
  const [head, body] = ['head', 'body'].map((name) => root.childNodes!.find((n) => n.nodeName === name)!);
  const inBody = elements(body!);
  return {
    head: elements(head!).map((n) => ({ tag: n.nodeName, attributes: attributesOf(n) })),
    frames: inBody.filter((n) => n.nodeName === 'photo-frame').map(attributesOf),
    bodyTags: inBody.map((n) => n.nodeName),
  };
}

/** The URLs the head loads: stylesheets, module scripts, and the worker the register script names. */
export function headAssets(page: Page): { stylesheets: string[]; scripts: string[]; serviceWorkers: string[] } {
  return {
    stylesheets: page.head.filter((e) => e.tag === 'link' && e.attributes.rel === 'stylesheet').map((e) => e.attributes.href!),
    scripts: page.head.filter((e) => e.tag === 'script' && e.attributes.type === 'module').map((e) => e.attributes.src!),
    serviceWorkers: page.head.filter((e) => e.tag === 'script' && 'data-service-worker' in e.attributes).map((e) => e.attributes['data-service-worker']!),
  };
}

/** `name="value"` pairs as a shortcode or include writes them (double or single quotes). */
export function writtenAttributes(snippet: string): Attributes {
  return Object.fromEntries([...snippet.matchAll(/([a-z][\w-]*)=(?:"([^"]*)"|'([^']*)')/g)].map((m) => [m[1]!, m[2] ?? m[3]!]));
}
