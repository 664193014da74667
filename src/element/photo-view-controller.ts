import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Photo } from '../contract.js';
import type { PhotoRequestController } from './photo-request-controller.js';
import { photoViewStyles } from './photo-view-styles.js';
import { SwipeGesture } from './swipe-gesture.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The view's image is as wide as the viewport, so the browser picks the variant the screen needs. */
const FULL_WIDTH = '100vw';

/** The frame's photos: those it has shown (oldest first, the last one on show), the `sizes` of its image, and its next photo. */
export type FramePhotos = Pick<Readonly<PhotoRequestController>, 'shown' | 'sizes' | 'load'>;

/**
 * How the frame writes a photo's text and variants. Passed in rather than imported, so that
 * the view's file shares no code with photo-frame.js (see scripts/build-bundle.ts).
 */
export interface PhotoViewFormat {
  /** The photo's date as the frame writes it; '' when none is shown. */
  date(photo: Photo): string;
  /** The photo's `srcset`, or undefined without variants. */
  srcset(photo: Photo): string | undefined;
  /** The photographer's details in one line (src/element/format-photo-details.ts); '' when there are none. */
  details(photo: Photo): string;
}

/**
 * The full-size view: the photo on show in a native modal `<dialog>` (the
 * browser traps focus in it, closes it with Esc and gives focus back to the
 * frame), with its caption, date and the photographer's details. The arrow
 * keys, the buttons and a sideways swipe step through the photos the frame has
 * shown and on to its next one. The element loads this module when a reader
 * first opens a photo (dist/photo-frame-view.js) and renders `dialog`.
 */
export class PhotoViewController implements ReactiveController {
  readonly dialog = element('dialog', 'view');
  readonly #host: Host;
  readonly #photos: FramePhotos;
  readonly #format: PhotoViewFormat;
  readonly #image = element('img', 'view-image');
  readonly #caption = element('span', 'view-caption-text');
  readonly #date = element('time', 'view-date');
  /** The photographer's details (camera, lens, exposure) in one line; hidden while there are none. */
  readonly #details = element('p', 'view-details');
  readonly #previous = button('view-previous', 'previous', 'Previous photo', '‹');
  readonly #swipe: SwipeGesture;
  /** The photo on show in the view, one of `shown()`. */
  #photo: Photo | undefined;
  /** Counts moves, so that a next photo that arrives after the reader moved on is not shown. */
  #moves = 0;

  constructor(host: Host, photos: FramePhotos, format: PhotoViewFormat) {
    this.#host = host;
    this.#photos = photos;
    this.#format = format;
    const root = host.shadowRoot!;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, photoViewStyles];

    const dialog = this.dialog;
    dialog.className = 'view';
    const close = button('view-close', 'close', 'Close', '×');
    close.addEventListener('click', () => dialog.close());
    this.#previous.addEventListener('click', () => this.#step(-1));
    const forward = button('view-next', 'forward', 'Next photo', '›');
    forward.addEventListener('click', () => this.#step(1));
    const line = element('p');
    line.append(this.#caption, this.#date);
    this.#details.className = 'view-details';
    this.#details.hidden = true;
    const caption = element('figcaption', 'view-caption');
    caption.dir = 'auto';
    caption.append(line, this.#details);
    const figure = element('figure');
    figure.append(this.#image, caption);
    // Close first: the dialog gives it the focus when it opens.
    dialog.append(close, figure, this.#previous, forward);

    const image = this.#image;
    image.crossOrigin = 'anonymous';
    image.decoding = 'async';
    image.draggable = false;
    // A large variant that does not load (offline, never cached) gives way to the one the frame loaded.
    image.addEventListener('error', () => {
      if (image.srcset && image.sizes === FULL_WIDTH) image.sizes = photos.sizes;
    });

    this.#swipe = new SwipeGesture(dialog, (direction) => this.#step(this.#inReadingOrder(direction)));
    dialog.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const direction = { ArrowLeft: -1, ArrowRight: 1 }[event.key] as -1 | 1 | undefined;
      if (!direction) return;
      event.preventDefault();
      this.#step(this.#inReadingOrder(direction));
    });
    // The wheel would scroll the page behind (browsers chain it from a view with nothing to scroll); a pinch on a
    // touchpad (ctrlKey) stays the browser's zoom.
    dialog.addEventListener('wheel', (event) => {
      if (!event.ctrlKey && dialog.scrollHeight <= dialog.clientHeight) event.preventDefault();
    });
    // A click beside the photo and its caption (on the dark backdrop) closes the view; the end of a mouse swipe does not.
    dialog.addEventListener('click', (event) => {
      if ((event.target === dialog || event.target === figure) && !this.#swipe.swiped) dialog.close();
    });
    host.addController(this);
    // The frame renders `dialog` from now on.
    host.requestUpdate();
  }

  /** Opens the view on the frame's photo. */
  async open(): Promise<void> {
    await this.#host.updateComplete;
    const photo = this.#photos.shown.at(-1);
    if (!photo || !this.dialog.isConnected) return;
    this.#show(photo);
    if (!this.dialog.open) this.dialog.showModal();
  }

  hostDisconnected(): void {
    this.dialog.close();
  }

  /** A move to the right (1) or left (-1) as a move on (1) or back (-1): on is leftwards on a right-to-left page. */
  #inReadingOrder(rightwards: -1 | 1): -1 | 1 {
    return getComputedStyle(this.dialog).direction === 'rtl' ? (-rightwards as -1 | 1) : rightwards;
  }

  /** Back (-1) through the photos the frame has shown, or on (1), past the last to the frame's next photo. */
  #step(direction: -1 | 1): void {
    const shown = this.#photos.shown;
    const index = shown.indexOf(this.#photo!);
    const moves = ++this.#moves;
    const target = shown[index + direction];
    if (target && index >= 0) {
      this.#show(target);
    } else if (direction > 0) {
      this.dialog.ariaBusy = 'true';
      void this.#photos.load().then(() => {
        if (moves !== this.#moves) return;
        this.dialog.ariaBusy = null;
        this.#show(this.#photos.shown.at(-1)!);
      });
    }
  }

  #show(photo: Photo): void {
    this.#photo = photo;
    const image = this.#image;
    const srcset = this.#format.srcset(photo);
    image.alt = photo.alt || photo.caption || 'Photo';
    image.width = photo.width;
    image.height = photo.height;
    image.sizes = FULL_WIDTH;
    if (srcset) image.srcset = srcset;
    else image.removeAttribute('srcset');
    image.src = photo.url;
    const date = this.#format.date(photo);
    this.#caption.textContent = photo.caption ?? '';
    this.#date.textContent = date;
    this.#date.dateTime = date ? photo.date! : '';
    this.#date.hidden = !date;
    const details = this.#format.details(photo);
    this.#details.textContent = details;
    this.#details.hidden = !details;
    // Named after what it shows, as the photo itself is.
    this.dialog.ariaLabel = photo.caption || photo.alt || 'Photo';
    this.dialog.ariaBusy = null;
    // aria-disabled, not disabled: a disabled button would lose the focus of the reader who just pressed it.
    this.#previous.ariaDisabled = this.#photos.shown.indexOf(photo) > 0 ? null : 'true';
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, part?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (part) created.setAttribute('part', part);
  return created;
}

function button(part: string, className: string, label: string, symbol: string): HTMLButtonElement {
  const created = element('button', part);
  created.type = 'button';
  created.className = className;
  created.ariaLabel = label;
  created.title = label;
  const text = element('span');
  text.ariaHidden = 'true';
  text.textContent = symbol;
  created.append(text);
  return created;
}
