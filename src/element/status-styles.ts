/** Named `css` so that the build's template minifier folds this stylesheet (see photo-view-styles.ts). */
const css = String.raw;

/** The status messages' styles, adopted by the frame's shadow root beside its own when status-message.ts loads. */
export const statusStyles = new CSSStyleSheet();
statusStyles.replaceSync(css`
  .status {
    position: absolute;
    inset: auto 0.5rem 0.5rem;
    font: 500 0.85rem/1.3 system-ui, sans-serif;
    pointer-events: none;
  }
  .badge,
  .message {
    display: inline-flex;
    gap: 0.6rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.35rem 0.7rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.68);
    color: #fff;
    pointer-events: auto;
  }
  /* A message (an error, or offline with no photo to show) takes the whole frame. */
  .status:has(.message) {
    inset: 0;
    display: grid;
    place-items: center;
    text-align: center;
    padding: 1rem;
  }
  .message {
    border-radius: 0.6rem;
    padding: 0.8rem 1rem;
    flex-direction: column;
  }
  .retry {
    border: 1px solid currentColor;
    border-radius: 999px;
    background: none;
    padding: 0.25rem 0.8rem;
  }
`);
