/**
 * A generated page as a browser parses it (parse5, the HTML standard's
 * parser): what its <head> loads, and the <photo-frame> elements in its body.
 */
import { parse } from 'parse5';

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
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

function elements(node: Node): Node[] {
  return (node.childNodes ?? []).flatMap((child) => (child.attrs ? [child, ...elements(child)] : []));
}

const attributesOf = (node: Node): Attributes => Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value]));

export function readPage(html: string): Page {
  const document = parse(html) as unknown as Node;
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
