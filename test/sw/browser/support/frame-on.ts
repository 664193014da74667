// The element on a test page, for the service worker tests.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../../../src/element/photo-frame.js';

/** A <photo-frame> on this endpoint, 240 px wide, once it has loaded (or failed) and rendered. */
export async function frameOn(endpoint: string): Promise<PhotoFrameElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 240px"><photo-frame endpoint=${endpoint}></photo-frame></div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await waitUntil(() => el.state !== 'loading', 'the frame is still loading', { timeout: 4000, interval: 20 });
  await el.updateComplete;
  return el;
}
