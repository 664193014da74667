// Helpers for the <photo-frame> tests: shadow parts, waiting for a state.
import { aTimeout, fixture, html, waitUntil } from '@open-wc/testing';
import type { PhotoFrameElement } from '../../../src/element/photo-frame.js';
import { clearRequests, endpoint } from './api.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** The first shadow element with that part name. */
export function part<T extends Element = HTMLElement>(el: PhotoFrameElement, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

/** Waits until the element is no longer loading (ready, error or offline), then for its render. */
export async function settled(el: PhotoFrameElement, timeout = 4000): Promise<void> {
  await waitUntil(() => el.state !== 'loading', `<photo-frame> still loading after ${timeout} ms`, { timeout, interval: 20 });
  await el.updateComplete;
}

/** Waits until `el.photo` has that id. */
export async function showing(el: PhotoFrameElement, id: string, timeout = 4000): Promise<void> {
  await waitUntil(() => el.photo?.id === id, `<photo-frame> did not show ${id}`, { timeout, interval: 20 });
  await el.updateComplete;
}

/** The first `type` event on `target` within `ms`, or undefined. */
export function eventWithin<E extends Event = Event>(target: EventTarget, type: string, ms: number): Promise<E | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      resolve(undefined);
    }, ms);
    const listener = (event: Event) => {
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(event as E);
    };
    target.addEventListener(type, listener);
  });
}

/**
 * The id of the next photo shown within `ms`, or undefined. Assert on this
 * string, not on the event: a failed assertion on a DOM event makes the runner
 * serialise it, which can stall the whole test file.
 */
export async function changeWithin(el: PhotoFrameElement, ms: number): Promise<string | undefined> {
  const event = await eventWithin<Event & { photo?: { id: string } }>(el, 'photo-change', ms);
  return event ? (event.photo?.id ?? '(photo-change without a photo)') : undefined;
}

/** Records every `type` event dispatched on (or bubbling to) `target`. */
export function record<E extends Event = Event>(target: EventTarget, type: string): E[] {
  const events: E[] = [];
  target.addEventListener(type, (e) => events.push(e as E));
  return events;
}

/** What the reader sees of the caption: text content with whitespace collapsed. */
export function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Fresh state for every test: no recently seen ids, an empty request log. */
export async function resetAll(): Promise<void> {
  localStorage.clear();
  delete window.__xss;
  await clearRequests();
}

/** Rounds a DOMRect to what layout can be expected to agree on. */
export function box(el: Element): { width: number; height: number } {
  const r = el.getBoundingClientRect();
  return { width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
}

export { aTimeout };

/** The first photo of the test API's `ok` scenario (3:2, caption and alt, 2024-06-01T00:30+02:00). */
export const HARBOUR = {
  id: 'harbour.jpg',
  caption: 'Boats in the harbour at dawn',
  alt: 'Fishing boats moored in a calm harbour, pink sky',
};

export /** A <photo-frame> 300 px wide (in a wrapper with `lang`), shown once it has settled. */
async function frame(attrs: { scenario?: string; lang?: string; ratio?: string; dateStyle?: string } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'} style="width: 300px">
    <photo-frame endpoint=${endpoint(attrs.scenario ?? 'ok')} ratio=${attrs.ratio ?? '3/2'} date-style=${attrs.dateStyle ?? 'long'}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}
