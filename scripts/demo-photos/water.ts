/**
 * Water with perspective ripples and the reflection of what is above it.
 */
import { Canvas } from './canvas.js';
import { clamp, lerp, type RGB, smoothstep } from './maths.js';
import { fbm } from './noise.js';

export interface WaterOpts {
  horizon: number;
  tint: RGB;
  reflect: number; // reflectivity near the viewer
  reflectFar: number; // at the horizon (grazing)
  amp: number; // ripple displacement, px at the bottom row
  fx: number; // ripple frequency across (x1000 per px at the bottom row)
  fz: number; // ripple frequency in depth (x100 per row at the bottom row)
  seed: number;
  darken?: number;
  glint?: { x: number; col: RGB; width: number; spread: number; strength: number; thr: number };
  calm?: number; // 0..1, fraction of water near the horizon that is glassy
  src?: Float32Array; // reflection source (full canvas layout); default: the canvas above the horizon
  mask?: Float32Array; // per-pixel water coverage; default: everything below the horizon
}

/**
 * Water: a mirrored, ripple-displaced reflection. Ripple noise lives on the
 * water plane, so it is stretched and compressed by perspective: broad swells
 * near the viewer, fine horizontal streaks towards the horizon.
 */
export function water(c: Canvas, o: WaterOpts): void {
  const { w, h } = c;
  const H = Math.round(o.horizon);
  const src = o.src ?? c.d.slice(0, H * w * 3);
  const span = h - H;
  const cx = w / 2;
  let v = 0;
  const sample = (x: number, y: number, out: number[]): void => {
    const xf = clamp(x, 0, w - 1.001);
    const yf = clamp(y, 0, H - 1.001);
    const x0 = Math.floor(xf);
    const y0 = Math.floor(yf);
    const ax = xf - x0;
    const ay = yf - y0;
    const i00 = (y0 * w + x0) * 3;
    const i10 = i00 + 3;
    const i01 = i00 + w * 3;
    const i11 = i01 + 3;
    for (let k = 0; k < 3; k++) {
      out[k] = lerp(lerp(src[i00 + k], src[i10 + k], ax), lerp(src[i01 + k], src[i11 + k], ax), ay);
    }
  };
  const s1 = [0, 0, 0];
  const s2 = [0, 0, 0];
  const col: [number, number, number] = [0, 0, 0];
  for (let y = H; y < h; y++) {
    const dy = y - H + 0.5;
    const near = dy / span; // 0 at horizon .. 1 at bottom
    v += Math.min(0.5, (o.fz / 100) * Math.pow(span / dy, 1.5));
    const u = Math.min(0.08, (o.fx / 1000) * (span / dy));
    const R = lerp(o.reflectFar, o.reflect, Math.pow(near, 0.5));
    const calmK = o.calm ? 0.25 + 0.75 * smoothstep(0, o.calm, near) : 1;
    const amp = o.amp * (0.1 + 0.9 * near) * calmK;
    for (let x = 0; x < w; x++) {
      const a = o.mask ? o.mask[y * w + x] : 1;
      if (a <= 0) continue;
      const n = fbm((x - cx) * u, v, o.seed, 4);
      const n2 = fbm((x - cx) * u * 1.7 + 40, v * 1.3, o.seed + 3, 3);
      const offY = (n - 0.5) * amp * 2.4;
      const offX = (n2 - 0.5) * amp * 0.5;
      const sy = 2 * H - y - 1 + offY;
      sample(x + offX, sy, s1);
      sample(x + offX, sy - Math.max(1, amp * 0.35), s2);
      const dk = 1 - (o.darken ?? 0.1) * (0.5 + n2) - (n - 0.5) * 0.25 * calmK;
      for (let k = 0; k < 3; k++) col[k] = lerp(o.tint[k], ((s1[k] + s2[k]) / 2) * dk, R);
      c.blend(x, y, col, a);
      if (o.glint) {
        const g = o.glint;
        const bw = g.width + g.spread * near * w;
        const band = Math.exp(-(((x - g.x) / bw) ** 2));
        if (band > 0.01) {
          const sp = fbm((x - cx) * u * 2.3 + 7, v * 1.7, o.seed + 11, 3);
          const s = clamp((sp - g.thr) / (1 - g.thr)) ** 1.5 * band * g.strength;
          if (s > 0) c.screen(x, y, g.col, s * a);
        }
      }
    }
  }
}
