/**
 * Named `css` so that the build's template minifier folds this stylesheet as it
 * does Lit's css`` (the view's file imports nothing from Lit: see
 * photo-view-controller.ts).
 */
const css = String.raw;

/**
 * The full-size view's styles, adopted by the frame's shadow root beside its
 * own. The frame's rules reach the view's elements too (same shadow root): the
 * view keeps its buttons' focus ring and the caption's separator and bidi
 * isolation, and undoes the frame's image fade and caption clamp.
 */
export const photoViewStyles = new CSSStyleSheet();
photoViewStyles.replaceSync(css`
  .view {
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 3.75rem 1rem 1rem;
    border: 0;
    background: rgb(0 0 0 / 0.92);
    color: #f2f2f2;
    font-size: 1rem;
    line-height: 1.45;
    overflow: auto;
    overscroll-behavior: contain;
    /* Vertical scrolling and pinch-zoom stay the browser's; a sideways move is a swipe. */
    touch-action: pan-y pinch-zoom;
  }
  .view[open] {
    display: grid;
    place-items: center;
    animation: photo-view-in 0.2s ease-out;
  }
  /* Room beside the photo for the Previous and Next buttons, where the screen has it. */
  @media (min-width: 40rem) {
    .view {
      padding-inline: 4rem;
    }
  }
  @keyframes photo-view-in {
    from { opacity: 0; }
  }
  .view figure {
    display: grid;
    justify-items: center;
    gap: 0.75rem;
    max-width: 100%;
  }
  .view img {
    width: auto;
    height: auto;
    max-width: 100%;
    max-height: calc(100dvh - 9rem);
    object-fit: contain;
    opacity: 1;
    transition: opacity 0.2s;
    user-select: none;
  }
  .view[aria-busy=true] img {
    opacity: 0.55;
  }
  .view figcaption {
    display: block;
    max-width: 65ch;
    min-height: 0;
    margin: 0;
    overflow: visible;
    color: inherit;
    text-align: center;
  }
  .view time {
    color: inherit;
  }
  .view p {
    margin: 0;
  }
  /* Not the frame's .details (one clipped line in the caption's colour): the view shows the whole line. */
  .view-details {
    font-size: 0.9em;
    opacity: 0.75;
  }
  .view button {
    position: fixed;
    width: 2.75rem;
    height: 2.75rem;
    border: 0;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.14);
    font-size: 1.6rem;
    line-height: 1;
  }
  .view button:hover {
    background: rgb(255 255 255 / 0.28);
  }
  .view button[aria-disabled=true] {
    opacity: 0.3;
    cursor: default;
  }
  /* Logical sides: on a right-to-left page "Previous" is on the right and "Next" on the left. */
  .close {
    top: 0.75rem;
    inset-inline-end: 0.75rem;
  }
  .previous,
  .forward {
    top: 50%;
    translate: 0 -50%;
  }
  .previous {
    inset-inline-start: 0.75rem;
  }
  .forward {
    inset-inline-end: 0.75rem;
  }
  @media (prefers-reduced-motion: reduce) {
    .view[open] {
      animation: none;
    }
    .view img {
      transition: none;
    }
  }
`);
