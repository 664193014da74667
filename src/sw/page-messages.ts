/**
 * The messages pages post (photo-frame-register.js): each `<photo-frame>`'s
 * endpoint, and each photo shown with the image the page loaded, which the
 * worker remembers and caches (the photo of a first visit, shown before the
 * worker controlled the page, too). Each is answered on its port once done.
 */
import type { BackgroundWork } from './background-work.js';
import { isPhotoFrameMessage, type MessageReply, type PhotoFrameMessage } from './messages.js';
import { normalizeAlbum, renditionWidth } from './photo-urls.js';
import type { PhotoImages } from './photo-images.js';
import type { PicksAhead } from './picks-ahead.js';
import type { RememberedPhotos } from './remembered-photos.js';
import type { SavedState } from './saved-state.js';

declare const self: ServiceWorkerGlobalScope;

export interface PageMessageParts {
  saved: SavedState;
  remembered: RememberedPhotos;
  images: PhotoImages;
  picksAhead: PicksAhead;
  work: BackgroundWork;
}

/** Listens to this site's pages; with `learnFromPages` false, only `settle` is heeded. */
export function listenToPages(scope: string, learnFromPages: boolean, parts: PageMessageParts): void {
  const { saved, remembered, images, picksAhead, work } = parts;

  async function handle(message: PhotoFrameMessage, event: ExtendableMessageEvent): Promise<void> {
    if (message.type === 'photo-frame:settle') return work.settled();
    if (!learnFromPages) return;
    await saved.ready;
    const endpoint = saved.learnEndpoint(message.endpoint, event);
    if (!endpoint || message.type !== 'photo-frame:photo') return;
    const { photo } = message;
    const album = normalizeAlbum(message.album);
    saved.learnOrigins(photo, event);
    // The image the page shows (a rendition of this photo), else the original.
    const image = message.image && renditionWidth(photo, message.image) !== undefined ? message.image : photo.url;
    const width = renditionWidth(photo, image);
    if (width) picksAhead.noteWidth(endpoint, album, width, event);
    await remembered.remember(endpoint, photo);
    await images.cache(image, event);
    // A frame with a seed (a photo of the day) asks for the same photo: nothing to fetch ahead.
    const asked = new URL(message.endpoint, scope);
    if (!asked.searchParams.has('seed')) picksAhead.fetchAhead(endpoint, asked.href, album, [photo.id], event);
  }

  self.addEventListener('message', (event) => {
    if (!isPhotoFrameMessage(event.data)) return;
    // Only this site's pages (clients of this origin) may teach the worker.
    if (event.origin && event.origin !== self.location.origin) return;
    const port = event.ports[0];
    const handled = handle(event.data, event);
    // Tracked (except `settle` itself, which waits for the rest), so that `settle` waits for it.
    if (event.data.type !== 'photo-frame:settle') work.add(event, handled);
    const reply = handled.then(
      (): MessageReply => ({ ok: true }),
      (error: unknown): MessageReply => ({ ok: false, error: String(error) }),
    );
    event.waitUntil(reply);
    void reply.then((r) => port?.postMessage(r));
  });
}
