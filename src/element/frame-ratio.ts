import type { Photo } from '../contract.js';

const DEFAULT_RATIO = '3 / 2';

/**
 * The frame's CSS `aspect-ratio` for the `ratio` attribute (`3/2`, `16:9`,
 * `1`, or `auto` for the photo's own); the default for anything else.
 */
export function frameRatio(ratio: string, photo: Photo | undefined): string {
  if (ratio.trim() === 'auto') {
    // The photo's own ratio, kept within 1:4 and 4:1: a hostile size (1 × 1e9, a zero side) never
    // collapses or blows up the frame; 0 × 0 (NaN) gets the default.
    const own = photo && Math.min(Math.max(photo.width / photo.height, 0.25), 4);
    return own ? `${own}` : DEFAULT_RATIO;
  }
  // Number() ignores the spaces around each side and refuses anything else.
  const [w, h = 1, extra] = ratio.split(/[/:]/).map(Number);
  return w! > 0 && h > 0 && extra === undefined ? `${w} / ${h}` : DEFAULT_RATIO;
}
