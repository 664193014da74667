/** How far, in CSS pixels, a pointer must travel sideways for a swipe. */
const MIN_DISTANCE = 40;

/**
 * Tells a horizontal swipe of one pointer (a finger, a pen, a mouse drag) on
 * `target`: `onSwipe(1)` for a swipe to the left (the way a page turns on to the
 * next, left to right), `onSwipe(-1)` to the right. A second finger (a pinch) cancels it, and a move more vertical
 * than sideways is left to scrolling.
 */
export class SwipeGesture {
  #start: PointerEvent | undefined;
  #swiped = false;

  constructor(target: HTMLElement, onSwipe: (direction: 1 | -1) => void) {
    target.addEventListener('pointerdown', (event) => {
      this.#start = event.isPrimary ? event : undefined;
      this.#swiped = false;
    });
    target.addEventListener('pointercancel', () => (this.#start = undefined));
    target.addEventListener('pointerup', (event) => {
      const start = this.#start;
      this.#start = undefined;
      if (start?.pointerId !== event.pointerId) return;
      const dx = event.clientX - start.clientX;
      const dy = event.clientY - start.clientY;
      if (Math.abs(dx) < MIN_DISTANCE || Math.abs(dx) < 2 * Math.abs(dy)) return;
      this.#swiped = true;
      onSwipe(dx < 0 ? 1 : -1);
    });
  }

  /** Whether the last pointer up ended a swipe: the click a mouse drag then fires is not a click. */
  get swiped(): boolean {
    return this.#swiped;
  }
}
