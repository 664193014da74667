import { css } from 'lit';

/**
 * Looks right on light and dark pages with no configuration: colours derive
 * from the page's own text colour (`currentColor`), fonts are inherited.
 */
export const photoFrameStyles = css`
  :host {
    display: block;
    --_lines: var(--photo-frame-caption-lines, 2);
    --_line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  figure {
    margin: 0;
  }
  .frame {
    position: relative;
    overflow: hidden;
    width: 100%;
    max-height: var(--photo-frame-max-height, none);
    border-radius: var(--photo-frame-radius, 6px);
    background-color: var(--photo-frame-background, color-mix(in srgb, currentColor 8%, transparent));
    background-size: cover;
    background-position: center;
  }
  img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--photo-frame-object-fit, cover);
    opacity: 0;
    transition: opacity 0.45s;
  }
  :host([fit=contain]) img {
    object-fit: var(--photo-frame-object-fit, contain);
  }
  img.shown {
    opacity: 1;
  }
  /* The photo opens the full-size view; its focus ring is drawn inside the frame, which clips. */
  img[role=button] {
    cursor: zoom-in;
  }
  img:focus-visible {
    outline: 3px solid var(--photo-frame-focus-color, #4d90fe);
    outline-offset: -3px;
  }
  .fallback {
    position: absolute;
    inset: 0;
    overflow: hidden;
  }
  ::slotted(img) {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  :host([state=loading]) .frame {
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to { opacity: 0.55; }
  }
  button {
    font: inherit;
    cursor: pointer;
    color: inherit;
  }
  button:focus-visible {
    outline: 3px solid var(--photo-frame-focus-color, #4d90fe);
    outline-offset: 2px;
  }
  .next {
    position: absolute;
    top: 50%;
    right: 0.6rem;
    translate: 0 -50%;
    width: 2.75rem;
    height: 2.75rem;
    border: 0;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    font-size: 1.5rem;
    line-height: 1;
    opacity: 0;
    transition: opacity 0.2s;
  }
  .frame:hover .next,
  .next:focus-visible {
    opacity: 1;
  }
  @media (hover: none) {
    .next { opacity: 0.85; }
  }
  figcaption {
    margin-top: 0.55rem;
    min-height: calc(var(--_lines) * var(--_line-height) * 1em);
    font: var(--photo-frame-caption-font, inherit);
    font-size: var(--photo-frame-caption-size, 0.9em);
    line-height: var(--_line-height);
    color: var(--photo-frame-caption-color, color-mix(in srgb, currentColor 72%, transparent));
    /* The caption's box is reserved before the photo arrives: long captions are clamped, never pushing the page. */
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--_lines);
    line-clamp: var(--_lines);
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  /* The caption's direction comes from its first letter (dir="auto" on the figcaption); its
     text is isolated, so its own bidi controls (an unclosed right-to-left override) stop at its
     end and never reorder the date. Every span may be: the others are status text. */
  span {
    unicode-bidi: isolate;
  }
  /* The photographer's details: one line under the caption, its height reserved whether or not the photo has any. */
  .details {
    margin: 0.25rem 0 0;
    font-size: 0.8em;
    line-height: var(--_line-height);
    height: calc(var(--_line-height) * 1em);
    color: var(--photo-frame-caption-color, color-mix(in srgb, currentColor 72%, transparent));
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  time {
    white-space: nowrap;
    color: var(--photo-frame-date-color, inherit);
  }
  span:not(:empty) + time::before {
    content: ' · ';
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    img,
    .next {
      transition: none;
    }
    :host([state=loading]) .frame {
      animation: none;
    }
  }
`;
