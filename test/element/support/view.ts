// What the full-size view's tests share: a frame 300 px wide on the test
// photo API, its parts, and real input: mouse and keys through the runner's
// sendMouse/sendKeys, touch through DevTools (test/element/support/input-plugin.mjs),
// the accessibility tree through a11ySnapshot.
import { a11ySnapshot, emulateMedia, executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { PhotoFrameElement } from '../../../src/element/photo-frame.js';
import { endpoint } from './api.js';
import { part, settled, text } from './frame.js';

export interface AxNode {
  role: string;
  name: string;
  haspopup?: string;
  modal?: boolean;
  children: AxNode[];
}

export type Point = [number, number];

export async function frame(attrs: { scenario?: string; noView?: boolean; dir?: 'ltr' | 'rtl' } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en" dir=${attrs.dir ?? 'ltr'} style="width: 300px">
    <photo-frame endpoint=${endpoint(attrs.scenario ?? 'ok')} ?no-view=${attrs.noView ?? false}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

export const photo = (el: PhotoFrameElement) => part<HTMLImageElement>(el, 'image')!;
export const view = (el: PhotoFrameElement) => part<HTMLDialogElement>(el, 'view');
/** The element that has the focus, inside the frame's shadow root. */
export const focused = (el: PhotoFrameElement) => el.shadowRoot!.activeElement;

export function center(node: Element): Point {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

export async function opened(el: PhotoFrameElement): Promise<HTMLDialogElement> {
  await waitUntil(() => view(el)?.open, 'the view did not open', { timeout: 3000, interval: 20 });
  return view(el)!;
}

export async function closed(el: PhotoFrameElement): Promise<void> {
  await waitUntil(() => !view(el)?.open, 'the view did not close', { timeout: 3000, interval: 20 });
}

/** What the view shows: its photo, caption, date and name. */
export function shownInView(el: PhotoFrameElement) {
  const dialog = view(el)!;
  return {
    src: part<HTMLImageElement>(el, 'view-image')!.src,
    caption: text(part(el, 'view-caption-text')),
    date: part(el, 'view-date')!.hidden ? '' : text(part(el, 'view-date')),
    label: dialog.getAttribute('aria-label'),
  };
}

export async function click([x, y]: Point): Promise<void> {
  await sendMouse({ type: 'click', position: [x, y] });
}

/** A mouse drag from `from` to `to`, in steps, as a hand makes it. */
export async function drag(from: Point, to: Point): Promise<void> {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= 5; i++) {
    await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / 5), Math.round(from[1] + ((to[1] - from[1]) * i) / 5)] });
  }
  await sendMouse({ type: 'up' });
}

export async function touch(...fingers: Point[][]): Promise<void> {
  await executeServerCommand('touch', { fingers });
}

/** Opens the view with a click on the photo and waits for it. */
export async function openByClick(el: PhotoFrameElement): Promise<HTMLDialogElement> {
  await click(center(photo(el)));
  return opened(el);
}

export async function axTree(): Promise<AxNode> {
  return (await a11ySnapshot({})) as unknown as AxNode;
}

/** Puts back what a test changed outside the page: the mouse, and the emulated motion preference. */
export async function resetInput(): Promise<void> {
  await resetMouse();
  await emulateMedia({ reducedMotion: 'no-preference' });
}
