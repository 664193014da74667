// Helpers for the <photo-frame> tests: shadow parts, waiting for a state.
import { aTimeout, waitUntil } from '@open-wc/testing';
import type { PhotoFrameElement } from '../../../src/element/photo-frame.js';
import { clearRequests } from './api.js';

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
