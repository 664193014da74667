import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Photo } from '../contract.js';
import { formatPhotoDate, type DateStyle } from './format-photo-date.js';
import { frameRatio } from './frame-ratio.js';
import { photoFrameStyles } from './photo-frame-styles.js';
import { NearViewportController } from './near-viewport-controller.js';
import { PhotoRequestController, type PhotoFrameState } from './photo-request-controller.js';
import { srcsetOf } from './preload-photo.js';
import { renderCaption } from './render-caption.js';
import type { PhotoViewController } from './photo-view-controller.js';
import type { SlideshowController } from './slideshow-controller.js';
import type { StatusMessage } from './status-message.js';

export type { PhotoFrameState } from './photo-request-controller.js';

/**
 * Shows a photo chosen at random by the photo API, with its caption and date.
 * Its box is settled before the API answers (no layout shift), the image
 * loads straight from storage, and light-DOM content shows until it does.
 *
 * @summary A random photo from your photo API, for any page.
 *
 * @fires photo-change - A new photo is shown (`PhotoChangeEvent`, `event.photo`).
 * @fires photo-error - A photo could not be fetched or its image failed (`PhotoErrorEvent`, `event.error.code`).
 *
 * @slot - Fallback content (an `<img>`, a link to the gallery) shown until the first photo, and when scripts are off.
 *
 * @csspart figure - The `<figure>` around frame and caption.
 * @csspart frame - The box the photo is fitted in; its aspect ratio is `ratio`.
 * @csspart image - The `<img>`.
 * @csspart caption - The `<figcaption>`.
 * @csspart caption-text - The caption's text.
 * @csspart date - The `<time>` with the date.
 * @csspart details - The photographer's details under the caption (with `details`): camera, lens, exposure, one line.
 * @csspart next - The "Show another photo" button.
 * @csspart retry - The "Try again" button of the error state.
 * @csspart status - The loading, error and offline messages.
 * @csspart view - The full-size view, a modal `<dialog>` that covers the viewport.
 * @csspart view-image - The view's `<img>`.
 * @csspart view-caption - The view's `<figcaption>`: the caption and date, the details below.
 * @csspart view-caption-text - The caption's text in the view.
 * @csspart view-date - The `<time>` with the date in the view.
 * @csspart view-details - The photographer's details in the view (camera, lens, exposure), one line.
 * @csspart view-close - The view's "Close" button.
 * @csspart view-previous - The view's "Previous photo" button.
 * @csspart view-next - The view's "Next photo" button.
 *
 * @cssprop [--photo-frame-radius=6px] - Corner radius of the frame.
 * @cssprop [--photo-frame-background=8% of the text colour] - Colour of the empty frame.
 * @cssprop [--photo-frame-max-height=none] - Caps the frame's height (the photo is fitted inside).
 * @cssprop [--photo-frame-object-fit=cover] - `object-fit` of the image; the `fit` attribute sets it too.
 * @cssprop [--photo-frame-caption-font=inherit] - `font` shorthand of the caption.
 * @cssprop [--photo-frame-caption-size=0.9em] - Font size of the caption.
 * @cssprop [--photo-frame-caption-color=72% of the text colour] - Colour of the caption.
 * @cssprop [--photo-frame-caption-lines=2] - Lines reserved for the caption; longer captions are clamped.
 * @cssprop [--photo-frame-date-color=inherit] - Colour of the date.
 * @cssprop [--photo-frame-focus-color=#4d90fe] - Focus ring of the buttons.
 */
export class PhotoFrameElement extends LitElement {
  static override styles = photoFrameStyles;

  // Declared here rather than with decorators: the same reactive properties, without the decorator helpers in the bundle.
  static override properties = {
    endpoint: {},
    album: {},
    interval: { type: Number },
    ratio: {},
    fit: { reflect: true },
    dateStyle: { attribute: 'date-style' },
    sizes: {},
    noView: { type: Boolean, attribute: 'no-view' },
    details: { type: Boolean },
    state: { reflect: true },
    _loaded: { state: true },
  };

  /** The photo API's URL (required), e.g. `https://REGION-PROJECT.cloudfunctions.net/photo`. */
  endpoint = '';

  /** Show only photos from this folder of the bucket. */
  album = '';

  /** Seconds between photos; 0 (the default) shows one photo. */
  interval = 0;

  /** Aspect ratio of the frame, like `3/2`, `16:9` or `1`; `auto` adopts each photo's own ratio (the page may shift). */
  ratio = '3/2';

  /** How the photo fits the frame: `cover` (crops) or `contain` (letterboxes). */
  fit: 'cover' | 'contain' = 'cover';

  /** `Intl.DateTimeFormat` `dateStyle` of the date: `full`, `long`, `medium`, `short`, or `none` to hide it. */
  dateStyle: DateStyle = 'long';

  /** `sizes` of the responsive image; by default the frame's rendered width. */
  sizes = '';

  /**
   * Turns off the full-size view that opens when the photo is clicked, tapped or activated
   * by keyboard: for a frame that links elsewhere. The photo is then not a button.
   */
  noView = false;

  /**
   * Shows the photographer's details under the caption, in one line: camera,
   * lens, focal length, aperture, exposure time and ISO, as far as the photo
   * has them (`X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160`). The line's height is
   * reserved from the start.
   */
  details = false;

  /** What the frame shows: `loading`, `ready`, `error` or `offline` (read-only; style with `photo-frame[state=…]`). */
  state: PhotoFrameState = 'loading';

  /** The photo's image has loaded (it fades in, and the placeholder is done with). */
  private _loaded = false;

  readonly #photos: Readonly<PhotoRequestController> = new PhotoRequestController(this, () => this.#loadStatusMessage());
  /** Loaded when the first photo is slow or fails, or comes from the offline cache. */
  #statusMessage: StatusMessage | undefined;
  /** Loaded when `interval` is first set: a frame that shows one photo never downloads it. */
  #slideshow: SlideshowController | undefined;
  /** Loaded when a reader first opens the photo. */
  #view: PhotoViewController | undefined;
  /** Loaded when `details` is first set or the view first opens: a frame without either never downloads it. */
  #formatDetails: ((photo: Photo) => string) | undefined;

  constructor() {
    super();
    new NearViewportController(this, () => this.#photos.start());
  }

  /** The photo shown, or undefined before the first one. */
  get photo(): Photo | undefined {
    return this.#photos.photo;
  }

  /** Shows another photo; resolves once it is shown or has failed. */
  next(): Promise<void> {
    return this.#photos.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interval')) void this.#updateSlideshow();
    if (changed.has('details') && this.details) void this.#loadDetails();
    // A new source means a new photo, once one was asked for.
    if (this.hasUpdated && this.#photos.started && (changed.has('endpoint') || changed.has('album'))) {
      void this.#photos.load();
    }
  }

  async #openView(): Promise<void> {
    if (this.noView || !this.photo) return;
    try {
      // The details' formatter comes along: the view shows them whether or not the frame does.
      const [{ PhotoViewController }] = await Promise.all([import('./photo-view-controller.js'), this.#loadDetails()]);
      this.#view ??= new PhotoViewController(this, this.#photos, {
        date: (photo) => this.#date(photo),
        srcset: srcsetOf,
        details: (photo) => this.#formatDetails?.(photo) ?? '',
      });
    } catch {
      // Offline before the view was ever loaded: the photo stays in its frame.
      return;
    }
    await this.#view.open();
  }

  /** As a native button: Enter on key down, Space on key up (a Space key up on the view's focused button would close it). */
  #onImageKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    if ((event.key === 'Enter') === (event.type === 'keydown')) void this.#openView();
  };

  async #updateSlideshow(): Promise<void> {
    if (!this.#slideshow) {
      if (!(this.interval > 0)) return;
      try {
        const { SlideshowController } = await import('./slideshow-controller.js');
        this.#slideshow ??= new SlideshowController(this, () => this.next());
      } catch {
        // Offline before the slideshow was ever loaded: the frame stays on its photo.
        return;
      }
    }
    this.#slideshow.interval = this.interval;
  }

  async #loadDetails(): Promise<void> {
    try {
      const { formatPhotoDetails } = await import('./format-photo-details.js');
      this.#formatDetails = formatPhotoDetails;
      this.requestUpdate();
    } catch {
      // Offline before the formatter was ever loaded: the line stays empty, its height kept.
    }
  }

  async #loadStatusMessage(): Promise<void> {
    try {
      const { StatusMessage } = await import('./status-message.js');
      this.#statusMessage ??= new StatusMessage(this.shadowRoot!);
    } catch {
      // Offline before it was ever loaded: the status region says what went wrong, without its button.
    }
  }

  #renderStatus() {
    const { state } = this;
    const { photo, error, slow } = this.#photos;
    if (state === 'loading' && !slow) return html`<span class="visually-hidden">Loading a photo…</span>`;
    return this.#statusMessage?.render(html, { state, photo, error, retry: () => this.next() }) ?? error?.message;
  }

  /** The page's language; none set ('') formats in the reader's own. The document's, when nested in another component. */
  #lang(): string {
    return (this.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang;
  }

  #date(photo: Photo): string {
    return photo.date && this.dateStyle !== 'none' ? formatPhotoDate(photo.date, this.#lang(), this.dateStyle) : '';
  }

  protected override render() {
    const { photo } = this.#photos;
    const srcset = photo && srcsetOf(photo);
    const opens = !this.noView;
    // As a button when it opens the full-size view.
    const image = photo && html`<img
      part="image"
      class=${this._loaded ? 'shown' : ''}
      src=${photo.url}
      srcset=${srcset ?? nothing}
      sizes=${srcset ? this.#photos.sizes : nothing}
      width=${photo.width}
      height=${photo.height}
      alt=${photo.alt || photo.caption || 'Photo'}
      crossorigin="anonymous"
      decoding="async"
      role=${opens ? 'button' : nothing}
      tabindex=${opens ? 0 : nothing}
      aria-haspopup=${opens ? 'dialog' : nothing}
      @load=${() => (this._loaded = true)}
      @click=${() => this.#openView()}
      @keydown=${this.#onImageKey}
      @keyup=${this.#onImageKey}
    />`;
    return html`
      <figure part="figure">
        <div part="frame" class="frame">
          ${image ?? html`<div class="fallback"><slot></slot></div>`}
          <div part="status" class="status" role="status">${this.#renderStatus()}</div>
          ${photo
            ? html`<button part="next" class="next" type="button" aria-label="Show another photo" title="Show another photo" @click=${() => this.next()}>
                <span aria-hidden="true">›</span>
              </button>`
            : nothing}
        </div>
        <figcaption part="caption" dir="auto">${photo ? renderCaption(photo, this.#date(photo)) : nothing}</figcaption>
      </figure>
      ${this.#view?.dialog}
      ${this.details ? html`<p part="details" class="details">${photo && this.#formatDetails?.(photo)}</p>` : nothing}
    `;
  }

  /**
   * The frame's ratio and placeholder, set through the CSSOM (not a style
   * attribute, which a strict Content-Security-Policy would block) before the
   * first paint.
   */
  protected override updated(): void {
    const shown = this.photo ?? this.#photos.pending;
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame')!;
    frame.style.aspectRatio = frameRatio(this.ratio, shown);
    frame.style.backgroundImage = '';
    if (shown?.placeholder && !this._loaded) void this.#paintPlaceholder(frame, shown);
  }

  async #paintPlaceholder(frame: HTMLElement, photo: Photo): Promise<void> {
    try {
      const { placeholderUrl } = await import('./placeholder-url.js');
      const url = placeholderUrl(photo.placeholder!);
      // Still the photo on its way, its image not yet shown.
      if (url && !this._loaded && (this.photo ?? this.#photos.pending) === photo) frame.style.backgroundImage = `url("${url}")`;
    } catch {
      // Offline before the decoder was ever loaded: the frame's own background will do.
    }
  }
}
