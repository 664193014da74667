/**
 * Sky building blocks: gradients, glows, discs (sun and moon), clouds and stars.
 */
import { Canvas } from './canvas.js';
import { clamp, hex, mix, type RGB, type Rng, scale, smoothstep } from './maths.js';
import { fbm } from './noise.js';

/** Vertical multi-stop gradient, t = y / yEnd. */
export function skyGradient(c: Canvas, stops: ReadonlyArray<readonly [number, RGB]>, yEnd: number): void {
  for (let y = 0; y < c.h; y++) {
    const t = clamp(y / yEnd);
    let k = 0;
    while (k < stops.length - 2 && t > stops[k + 1][0]) k++;
    const [t0, c0] = stops[k];
    const [t1, c1] = stops[k + 1];
    const u = smoothstep(0, 1, clamp((t - t0) / (t1 - t0)));
    const col = mix(c0, c1, u);
    for (let x = 0; x < c.w; x++) {
      const i = (y * c.w + x) * 3;
      c.d[i] = col[0];
      c.d[i + 1] = col[1];
      c.d[i + 2] = col[2];
    }
  }
}

/** Radial glow, screen-blended; falloff exp(-(d/r)^p). */
export function glow(c: Canvas, cx: number, cy: number, col: RGB, r: number, strength: number, p = 1, yMax = c.h, sy = 1): void {
  const reach = r * Math.pow(Math.log(strength * 512 + 1), 1 / p);
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(c.w, Math.ceil(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach * sy));
  const y1 = Math.min(yMax, Math.ceil(cy + reach * sy));
  for (let y = y0; y < y1; y++) {
    const dy = (y - cy) / sy;
    for (let x = x0; x < x1; x++) {
      const dx = x - cx;
      const d = Math.sqrt(dx * dx + dy * dy) / r;
      c.screen(x, y, col, strength * Math.exp(-Math.pow(d, p)));
    }
  }
}

export function disc(c: Canvas, cx: number, cy: number, r: number, col: RGB, limb = 0.25, texSeed = 0, tex = 0): void {
  for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
    for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const cov = clamp(r - d + 0.5);
      if (cov <= 0) continue;
      const mu = Math.sqrt(Math.max(0, 1 - (d / r) ** 2));
      let k = 1 - limb * (1 - mu);
      if (tex > 0) k *= 1 - tex * smoothstep(0.45, 0.75, fbm((x - cx) / r * 2.2, (y - cy) / r * 2.2, texSeed, 4));
      c.blend(x, y, scale(col, k), cov);
    }
  }
}

export interface CloudOpts {
  horizon: number;
  yTop?: number;
  cover: number; // threshold on fbm: lower = more cloud
  soft: number;
  sx: number; // horizontal world scale
  sz: number; // depth world scale
  seed: number;
  lit: RGB;
  shade: RGB;
  opacity: number;
  sun: readonly [number, number];
  octaves?: number;
  stretch?: number; // >1 makes streaky stratus
  fadePx?: number;
  rim?: RGB;
}

/**
 * Clouds on a plane above the camera: screen rows near the horizon map to far
 * away (small, compressed clouds), rows at the top to overhead (big clouds).
 */
export function clouds(c: Canvas, o: CloudOpts): void {
  const oct = o.octaves ?? 6;
  const stretch = o.stretch ?? 1;
  const cx = c.w / 2;
  const H = c.h;
  const y0 = Math.max(0, Math.floor(o.yTop ?? 0));
  for (let y = y0; y < o.horizon; y++) {
    const a = (o.horizon - y) / H + 0.02; // elevation-ish
    const z = 1 / a;
    const fade = smoothstep(0, o.fadePx ?? H * 0.06, o.horizon - y);
    for (let x = 0; x < c.w; x++) {
      const u = ((x - cx) / H) * z * o.sx;
      const v = z * o.sz;
      const n = fbm(u / stretch, v, o.seed, oct);
      const dens = smoothstep(o.cover, o.cover + o.soft, n);
      if (dens <= 0.002) continue;
      // light: sample a little towards the sun; thinner there = lit edge
      const dxs = (o.sun[0] - x) / H;
      const dys = (o.sun[1] - y) / H;
      const len = Math.hypot(dxs, dys) + 1e-6;
      const n2 = fbm((u + (dxs / len) * 0.08 * z * o.sx) / stretch, v + (dys / len) * 0.04 * z * o.sz, o.seed, oct - 1);
      const lightK = clamp(0.55 + (n - n2) * 6);
      let col = mix(o.shade, o.lit, lightK);
      if (o.rim) {
        const near = Math.exp(-len * 2.2);
        col = mix(col, o.rim, clamp((1 - dens) * near * 1.6));
      }
      c.blend(x, y, col, dens * o.opacity * fade);
    }
  }
}


export interface StarOpts {
  count: number;
  yMax: number;
  density?: (x: number, y: number) => number; // acceptance 0..1
  bright?: number;
  dim?: (x: number, y: number) => number; // multiplier
}

export function stars(c: Canvas, rng: Rng, o: StarOpts): void {
  const temps: RGB[] = [hex('#ffffff'), hex('#cfe0ff'), hex('#fff2d6'), hex('#ffd9b0'), hex('#b9d0ff')];
  let placed = 0;
  let tries = 0;
  while (placed < o.count && tries < o.count * 20) {
    tries++;
    const x = rng() * c.w;
    const y = rng() * o.yMax;
    if (o.density && rng() > o.density(x, y)) continue;
    placed++;
    const mag = Math.pow(rng(), 7);
    let b = (0.05 + 0.95 * mag) * (o.bright ?? 1);
    if (o.dim) b *= o.dim(x, y);
    const col = temps[Math.floor(rng() * temps.length)];
    const sigma = 0.42 + mag * 1.0;
    const r = Math.ceil(sigma * 3);
    for (let yy = Math.floor(y) - r; yy <= Math.floor(y) + r; yy++) {
      for (let xx = Math.floor(x) - r; xx <= Math.floor(x) + r; xx++) {
        const d2 = (xx + 0.5 - x) ** 2 + (yy + 0.5 - y) ** 2;
        c.screen(xx, yy, col, b * Math.exp(-d2 / (2 * sigma * sigma)));
      }
    }
    if (mag > 0.55) glow(c, x, y, col, 3.5 + mag * 3, 0.18 * b, 1);
  }
}
