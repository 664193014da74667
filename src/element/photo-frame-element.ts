import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Photo } from '../contract.js';
import { fetchPhoto } from './fetch-photo.js';
import { formatPhotoDate, type DateStyle } from './format-photo-date.js';
import { frameRatio } from './frame-ratio.js';
import { PhotoChangeEvent, PhotoErrorEvent, PhotoFrameError } from './photo-events.js';
import { photoFrameStyles } from './photo-frame-styles.js';
import { NearViewportController } from './near-viewport-controller.js';
import { preloadPhoto, srcsetOf } from './preload-photo.js';
import { RECENT_LIMIT, RecentPhotos } from './recent-photos.js';
import type { PhotoViewController } from './photo-view-controller.js';
import type { SlideshowController } from './slideshow-controller.js';

export type PhotoFrameState = 'loading' | 'ready' | 'error' | 'offline';

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
    _photo: { state: true },
    _pending: { state: true },
    _error: { state: true },
    _shown: { state: true },
    _sizes: { state: true },
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

  private _photo: Photo | undefined;
  /** Fetched, image still loading: its placeholder and ratio are shown. */
  private _pending: Photo | undefined;
  private _error: PhotoFrameError | undefined;
  private _shown = false;
  private _sizes = '';

  readonly #recent = new RecentPhotos();
  #request: AbortController | undefined;
  #started = false;
  /** Loaded when `interval` is first set: a frame that shows one photo never downloads it. */
  #slideshow: SlideshowController | undefined;
  /** The photos shown, oldest first, for the view to step back through; a new array each time. */
  #shown: readonly Photo[] = [];
  /** Loaded when a reader first opens the photo. */
  #view: PhotoViewController | undefined;
  /** Loaded when `details` is first set or the view first opens: a frame without either never downloads it. */
  #formatDetails: ((photo: Photo) => string) | undefined;

  constructor() {
    super();
    new NearViewportController(this, () => this.#start());
  }

  /** The photo shown, or undefined before the first one. */
  get photo(): Photo | undefined {
    return this._photo;
  }

  /** Shows another photo; resolves once it is shown or has failed. */
  next(): Promise<void> {
    this.#started = true;
    return this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interval')) void this.#updateSlideshow();
    if (changed.has('details') && this.details) void this.#loadDetails();
    // A new source means a new photo, once one was asked for.
    if (this.hasUpdated && this.#started && (changed.has('endpoint') || changed.has('album'))) {
      void this.#load();
    }
  }

  async #openView(): Promise<void> {
    if (this.noView || !this._photo) return;
    try {
      // The details' formatter comes along: the view shows them whether or not the frame does.
      const [{ PhotoViewController }] = await Promise.all([import('./photo-view-controller.js'), this.#loadDetails()]);
      this.#view ??= new PhotoViewController(this, {
        shown: () => this.#shown,
        next: () => this.next(),
        date: (photo) => this.#date(photo),
        srcset: srcsetOf,
        sizes: () => this._sizes,
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

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#load();
  }

  async #load(): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    if (!this._photo) {
      this.state = 'loading';
      // Only the first photo shows a placeholder: its decoder (photo-frame-placeholder.js) loads alongside.
      import('./placeholder-url.js').catch(() => undefined);
    }
    try {
      // The photo on show goes last (another frame may have shown one since): the newest exclusion is never picked.
      if (this._photo) this.#recent.add(this._photo.id);
      const exclude = this.#recent.list();
      const photo = await fetchPhoto(this.endpoint, { album: this.album, exclude, signal: request.signal });
      if (request.signal.aborted) return;
      const sizes = this.sizes || `${Math.max(1, Math.round(this.getBoundingClientRect().width))}px`;
      if (!this._photo) this._pending = photo;
      await preloadPhoto(photo, sizes);
      if (request.signal.aborted) return;
      this._sizes = sizes;
      this._pending = undefined;
      this._error = undefined;
      this._photo = photo;
      this.#recent.add(photo.id, exclude);
      this.#shown = [...this.#shown, photo].slice(-RECENT_LIMIT);
      this.state = photo.offline ? 'offline' : 'ready';
      this.dispatchEvent(new PhotoChangeEvent(photo));
    } catch (caught) {
      if (request.signal.aborted) return;
      const error = caught instanceof PhotoFrameError ? caught : new PhotoFrameError('network', 'The photo could not be loaded', { cause: caught });
      this._pending = undefined;
      // A failed image keeps the previous photo on show; other failures say so.
      if (!(error.code === 'image' && this._photo)) {
        this._error = error;
        this.state = error.code === 'offline' ? 'offline' : 'error';
      }
      this.dispatchEvent(new PhotoErrorEvent(error));
    } finally {
      if (this.#request === request) this.#request = undefined;
    }
  }

  /** The page's language; none set ('') formats in the reader's own. The document's, when nested in another component. */
  #lang(): string {
    return (this.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang;
  }

  protected override render() {
    const photo = this._photo;
    return html`
      <figure part="figure">
        <div part="frame" class="frame">
          ${photo ? this.#renderImage(photo) : html`<div class="fallback"><slot></slot></div>`}
          <div part="status" class="status" role="status">${this.#renderStatus(photo)}</div>
          ${photo
            ? html`<button part="next" class="next" type="button" aria-label="Show another photo" title="Show another photo" @click=${() => this.next()}>
                <span aria-hidden="true">›</span>
              </button>`
            : nothing}
        </div>
        <figcaption part="caption" dir="auto">${this.#renderCaption(photo)}</figcaption>
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
    const shown = this._photo ?? this._pending;
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame')!;
    frame.style.aspectRatio = frameRatio(this.ratio, shown);
    frame.style.backgroundImage = '';
    if (shown?.placeholder && !this._shown) void this.#paintPlaceholder(frame, shown);
  }

  async #paintPlaceholder(frame: HTMLElement, photo: Photo): Promise<void> {
    try {
      const { placeholderUrl } = await import('./placeholder-url.js');
      const url = placeholderUrl(photo.placeholder!);
      // Still the photo on its way, its image not yet shown.
      if (url && !this._shown && (this._photo ?? this._pending) === photo) frame.style.backgroundImage = `url("${url}")`;
    } catch {
      // Offline before the decoder was ever loaded: the frame's own background will do.
    }
  }

  #renderImage(photo: Photo) {
    const srcset = srcsetOf(photo);
    const view = !this.noView;
    return html`<img
      part="image"
      class=${this._shown ? 'shown' : ''}
      src=${photo.url}
      srcset=${srcset ?? nothing}
      sizes=${srcset ? this._sizes : nothing}
      width=${photo.width}
      height=${photo.height}
      alt=${photo.alt || photo.caption || 'Photo'}
      crossorigin="anonymous"
      decoding="async"
      role=${view ? 'button' : nothing}
      tabindex=${view ? 0 : nothing}
      aria-haspopup=${view ? 'dialog' : nothing}
      @load=${() => (this._shown = true)}
      @click=${() => this.#openView()}
      @keydown=${this.#onImageKey}
      @keyup=${this.#onImageKey}
    />`;
  }

  #renderStatus(photo: Photo | undefined) {
    switch (this.state) {
      case 'loading':
        return html`<span class="visually-hidden">Loading a photo…</span>`;
      case 'offline':
        return photo
          ? html`<span class="badge">Offline · a photo you have seen</span>`
          : html`<span class="message">You are offline. Photos you have seen will show here.
              <button part="retry" class="retry" type="button" @click=${() => this.next()}>Try again</button></span>`;
      case 'error':
        return html`<span class="message">${this._error?.message}
          <button part="retry" class="retry" type="button" @click=${() => this.next()}>Try again</button></span>`;
      default:
        return nothing;
    }
  }

  #date(photo: Photo): string {
    return photo.date && this.dateStyle !== 'none' ? formatPhotoDate(photo.date, this.#lang(), this.dateStyle) : '';
  }

  #renderCaption(photo: Photo | undefined) {
    if (!photo) return nothing;
    const date = this.#date(photo);
    // A new <time> for each photo: one that moved along the line, after a longer or
    // shorter caption, would count as a layout shift; a new one does not.
    return html`<span part="caption-text">${photo.caption ?? ''}</span>${date
      ? keyed(photo, html`<time part="date" datetime=${photo.date!}>${date}</time>`)
      : nothing}`;
  }
}
