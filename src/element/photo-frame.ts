/**
 * `<photo-frame>`: importing this module registers the element. This is the
 * entry point of the self-contained `dist/photo-frame.js`; apps that bundle
 * themselves can import the class from `photo-frame-element.js` instead and
 * register it under a name of their own.
 */
import { PhotoFrameElement } from './photo-frame-element.js';

export { PhotoFrameElement, type PhotoFrameState } from './photo-frame-element.js';
export { PhotoChangeEvent, PhotoErrorEvent, PhotoFrameError } from './photo-events.js';
export type { Photo, PhotoVariant } from '../contract.js';

// Two copies of the script on one page (a theme and a post) must not throw.
if (!customElements.get('photo-frame')) customElements.define('photo-frame', PhotoFrameElement);

declare global {
  interface HTMLElementTagNameMap {
    'photo-frame': PhotoFrameElement;
  }
}
