import type { html as litHtml } from 'lit';
import type { Photo } from '../contract.js';
import type { PhotoFrameError } from './photo-events.js';
import type { PhotoFrameState } from './photo-request-controller.js';
import { statusStyles } from './status-styles.js';

export interface StatusMessageOptions {
  state: PhotoFrameState;
  /** The photo on show, if any. */
  photo: Photo | undefined;
  /** Why no (new) photo shows, in the error and offline states. */
  error: PhotoFrameError | undefined;
  /** Asks for a photo again, without a reload. */
  retry: () => void;
}

/**
 * What the frame's status region (a polite live region) says when things do
 * not go as planned: that the photo is slow to come, why none shows and a way
 * to try again, or that the photo on show comes from the offline cache. The
 * element loads this module the first time it needs it
 * (dist/photo-frame-status.js), and passes Lit's `html` in so that the file
 * shares no code with photo-frame.js (see scripts/build-bundle.ts).
 */
export class StatusMessage {
  constructor(root: ShadowRoot) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, statusStyles];
  }

  render(html: typeof litHtml, { state, photo, error, retry }: StatusMessageOptions) {
    if (state === 'ready') return undefined;
    if (state === 'loading') return html`<span class="badge">Still loading a photo…</span>`;
    if (state === 'offline' && photo) return html`<span class="badge">Offline · a photo you have seen</span>`;
    const message = state === 'offline' ? 'You are offline. Photos you have seen will show here.' : error?.message;
    return html`<span class="message">${message}
      <button part="retry" class="retry" type="button" @click=${retry}>Try again</button></span>`;
  }
}
