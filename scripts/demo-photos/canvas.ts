/**
 * What a scene paints on: float RGB in [0,1] (display-referred sRGB values),
 * and coverage masks painted onto it.
 */
import { clamp, type RGB } from './maths.js';

export class Canvas {
  readonly d: Float32Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.d = new Float32Array(w * h * 3);
  }
  blend(x: number, y: number, c: RGB, a: number): void {
    if (a <= 0 || x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 3;
    const d = this.d;
    d[i] += (c[0] - d[i]) * a;
    d[i + 1] += (c[1] - d[i + 1]) * a;
    d[i + 2] += (c[2] - d[i + 2]) * a;
  }
  /** Screen blend (light adds without clipping harshly). */
  screen(x: number, y: number, c: RGB, a: number): void {
    if (a <= 0 || x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 3;
    const d = this.d;
    d[i] = 1 - (1 - d[i]) * (1 - c[0] * a);
    d[i + 1] = 1 - (1 - d[i + 1]) * (1 - c[1] * a);
    d[i + 2] = 1 - (1 - d[i + 2]) * (1 - c[2] * a);
  }
}

/** A coverage mask the size of the canvas. */
export class Mask {
  readonly m: Float32Array;
  y0: number;
  y1: number;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.m = new Float32Array(w * h);
    this.y0 = h;
    this.y1 = 0;
  }
  span(y: number, xl: number, xr: number, cov = 1): void {
    if (y < 0 || y >= this.h || xr <= xl) return;
    const a = Math.max(0, Math.floor(xl));
    const b = Math.min(this.w - 1, Math.ceil(xr));
    const row = y * this.w;
    for (let x = a; x <= b; x++) {
      const c = clamp(Math.min(x + 1, xr) - Math.max(x, xl)) * cov;
      if (c > this.m[row + x]) this.m[row + x] = c;
    }
    if (y < this.y0) this.y0 = y;
    if (y + 1 > this.y1) this.y1 = y + 1;
  }
  /** Fill everything below a per-column top edge (anti-aliased), down to yEnd. */
  below(top: ArrayLike<number>, yEnd = this.h): void {
    for (let x = 0; x < this.w; x++) {
      const t = top[x];
      const ys = Math.max(0, Math.floor(t));
      for (let y = ys; y < yEnd; y++) {
        const c = clamp(y + 1 - t);
        const i = y * this.w + x;
        if (c > this.m[i]) this.m[i] = c;
      }
      if (ys < this.y0) this.y0 = ys;
    }
    this.y1 = Math.max(this.y1, yEnd);
  }
}

export type ColourFn = (x: number, y: number) => RGB;

export function paintMask(c: Canvas, m: Mask, col: RGB | ColourFn, alpha = 1): void {
  const fn = typeof col === 'function' ? col : null;
  for (let y = m.y0; y < m.y1; y++) {
    for (let x = 0; x < c.w; x++) {
      const a = m.m[y * c.w + x];
      if (a <= 0) continue;
      c.blend(x, y, fn ? fn(x, y) : (col as RGB), a * alpha);
    }
  }
}
