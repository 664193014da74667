// What the hostile-metadata tests of <photo-frame> share: a frame 300 px wide
// whose photo API answers crafted JSON (test/element/support/api.ts `craft`,
// the test API's `crafted` scenario), the well-formed photo each row changes,
// and what a reader sees of the result.
import { expect, fixture, html } from '@open-wc/testing';
import type { PhotoErrorEvent, PhotoFrameElement } from '../../../src/element/photo-frame.js';
import { craft } from './api.js';
import { box, part, record, settled, text } from './frame.js';

export const image = (spec: string) => `${location.origin}/test-api/img/${spec}`;

/** A well-formed photo: 3:2, caption and date. Each row changes some of it. */
export const GOOD = {
  id: 'hostile.jpg',
  url: image('1200x800/slategray'),
  width: 1200,
  height: 800,
  caption: 'A quiet harbour',
  date: '2024-06-01T10:00:00Z',
};

export const WIDTH = 300;

/** A <photo-frame> 300 px wide whose API answers `answer` (JSON-encoded unless a string), once it has settled. */
export async function show(answer: unknown, attrs: { ratio?: string; lang?: string; details?: boolean } = {}) {
  const api = await craft(answer);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'} style="width: ${WIDTH}px">
    <photo-frame endpoint=${api} ratio=${attrs.ratio ?? '3/2'} ?details=${attrs.details ?? false}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
  await settled(el, 8000);
  return { el, errors };
}

/** The element's and the frame's boxes with the good photo: what every hostile answer must leave unchanged. */
export async function reference() {
  const { el } = await show(GOOD);
  const boxes = { element: box(el), frame: box(part(el, 'frame')!) };
  el.parentElement!.remove();
  return boxes;
}

/** Every attribute value in the shadow root, and the <img>'s resolved src and srcset. */
export function attributeValues(el: PhotoFrameElement): string[] {
  const values: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll('*')) for (const a of node.attributes) values.push(a.value);
  const img = part<HTMLImageElement>(el, 'image');
  if (img) values.push(img.src, img.srcset, img.currentSrc);
  return values;
}

/** The left edge of each visible character of `node`'s text, in logical order. */
export function characterLefts(node: Element): number[] {
  const lefts: number[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    for (let i = 0; i < t.length; i++) {
      if (/\s/.test(t.data[i]!)) continue;
      const range = document.createRange();
      range.setStart(t, i);
      range.setEnd(t, i + 1);
      lefts.push(range.getBoundingClientRect().left);
    }
  }
  return lefts;
}

/**
 * A node as its markup, or null. Assert on this, never on a node: a failed
 * assertion on a DOM node makes the runner serialise it, which crashes the page.
 */
export const markup = (node: Element | null | undefined) => node?.outerHTML ?? null;

export const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/** The error state as a reader sees it: a message, "Try again", no image. */
export function expectErrorState(el: PhotoFrameElement, errors: PhotoErrorEvent[], row: string) {
  expect(el.state, row).to.equal('error');
  expect(el.photo, row).to.equal(undefined);
  expect(markup(part(el, 'image')), `${row}: no image`).to.equal(null);
  expect(text(part(el, 'status')), `${row}: a message`).to.match(/photo/i);
  expect(text(part(el, 'retry')), row).to.equal('Try again');
  expect(errors.map((e) => e.error.code), row).to.deep.equal(['invalid_response']);
}
