/**
 * Land building blocks: midpoint-displacement ridges, shaded mountain ranges,
 * pines and forests, silhouettes fading into the haze.
 */
import { Canvas, type ColourFn, Mask } from './canvas.js';
import { clamp, lerp, mix, type RGB, type Rng, scale, smoothstep } from './maths.js';
import { fbm, midpoint, ridged, vnoise } from './noise.js';

export interface RidgeOpts {
  base: number; // y of the lowest valleys
  amp: number; // height of the highest peak above base
  rough: number;
  peaky?: number; // exponent >1 sharpens peaks
  smooth?: number; // box-blur radius in px
}

export function ridgeProfile(w: number, rng: Rng, o: RidgeOpts): Float64Array {
  let v = midpoint(w + 64, o.rough, rng).slice(32, 32 + w);
  const r = o.smooth ?? 0;
  if (r > 0) {
    const s = new Float64Array(w);
    for (let x = 0; x < w; x++) {
      let acc = 0;
      let n = 0;
      for (let k = -r; k <= r; k++) {
        const j = Math.min(w - 1, Math.max(0, x + k));
        acc += v[j];
        n++;
      }
      s[x] = acc / n;
    }
    v = s;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of v) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const p = o.peaky ?? 1;
  const top = new Float64Array(w);
  for (let x = 0; x < w; x++) top[x] = o.base - o.amp * Math.pow((v[x] - lo) / (hi - lo || 1), p);
  return top;
}

export interface MountainOpts {
  lit: RGB;
  shadow: RGB;
  haze: RGB;
  hazeAmt: number;
  sunDir: number; // -1 = sun on the left, +1 right
  seed: number;
  bottom?: number;
  texScale?: number; // px per noise unit
  contrastK?: number;
  snow?: { depth: number; lit: RGB; shadow: RGB };
  fog?: { col: RGB; depth: number; amt: number };
  topHaze?: number; // extra haze at the crest (backlit rim)
  rim?: { col: RGB; px: number; amt: number };
}

/** A mountain range with crest-slope shading, gullies, snow, haze and valley fog. */
export function mountains(c: Canvas, top: Float64Array, o: MountainOpts): void {
  const w = c.w;
  const bottom = o.bottom ?? c.h;
  const ts = o.texScale ?? 220;
  const k = o.contrastK ?? 3;
  const slope = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const a = top[Math.max(0, x - 4)];
    const b = top[Math.min(w - 1, x + 4)];
    slope[x] = (b - a) / 8; // >0: descending to the right (y grows)
  }
  for (let x = 0; x < w; x++) {
    const t = top[x];
    const ys = Math.max(0, Math.floor(t));
    for (let y = ys; y < bottom; y++) {
      const cov = clamp(y + 1 - t);
      const depth = y - t;
      // crest shading: slope sampled along a diagonal running down from the crest
      const sx = Math.min(w - 1, Math.max(0, Math.round(x + depth * 0.9 * (slope[x] > 0 ? 1 : -1))));
      const s = slope[sx] * 0.5 + slope[x] * 0.5;
      const crest = 0.5 + 0.5 * Math.tanh(-o.sunDir * s * k);
      const g = ridged(x / (ts * 0.45), y / (ts * 1.3), o.seed, 5); // vertical gullies
      const gully = clamp(0.5 + (g - 0.55) * 2.2 * -o.sunDir * (x % 2 === 0 ? 1 : 1));
      const blendK = smoothstep(0, 140, depth);
      let light = lerp(crest, lerp(crest, gully, 0.7), blendK);
      const tex = fbm(x / (ts * 0.25), y / (ts * 0.25), o.seed + 5, 4);
      light = clamp(light * (0.75 + 0.5 * tex));
      let col = mix(o.shadow, o.lit, light);
      if (o.snow) {
        const sn = fbm(x / (ts * 0.3), y / (ts * 0.6), o.seed + 9, 5);
        const snowLine = o.snow.depth * (0.35 + 1.1 * sn) * (0.6 + 0.8 * g);
        const sAmt = 1 - smoothstep(snowLine * 0.75, snowLine, depth);
        if (sAmt > 0) col = mix(col, mix(o.snow.shadow, o.snow.lit, clamp(light * 1.25 - 0.05)), sAmt);
      }
      if (o.rim && depth < o.rim.px) col = mix(col, o.rim.col, o.rim.amt * (1 - depth / o.rim.px));
      if (o.fog) {
        const wisp = fbm(x / 160, y / 40, o.seed + 21, 4);
        const f = smoothstep(o.fog.depth * 0.15, o.fog.depth, depth + (wisp - 0.5) * o.fog.depth * 0.8) * o.fog.amt;
        col = mix(col, o.fog.col, f);
      }
      col = mix(col, o.haze, o.hazeAmt);
      c.blend(x, y, col, cov);
    }
  }
}

export interface PineOpts {
  tiers?: number;
  widthRatio?: number;
  jag?: number;
}

export function pine(m: Mask, x: number, base: number, height: number, rng: Rng, o: PineOpts = {}): void {
  const top = base - height;
  const tiers = o.tiers ?? clamp(Math.round(height / 14), 4, 16) + Math.floor(rng() * 3);
  const wr = (o.widthRatio ?? 0.17 + rng() * 0.07) * height;
  const seed = Math.floor(rng() * 1e9);
  const jag = o.jag ?? 1;
  const lean = (rng() - 0.5) * 0.04 * height;
  for (let y = Math.floor(top); y < Math.ceil(base) + 1; y++) {
    const t = (y + 0.5 - top) / height;
    if (t < 0) continue;
    const tier = (t * tiers + seed * 1e-9) % 1;
    let hw = wr * Math.pow(Math.min(t, 1), 0.9) * (0.5 + 0.5 * tier);
    const j = Math.min(hw * 0.45, 3.5 * jag);
    const l = hw + (vnoise(y * 0.45, 1.5, seed) - 0.5) * 2 * j;
    const r = hw + (vnoise(y * 0.45, 7.5, seed) - 0.5) * 2 * j;
    hw = Math.max(0.4, hw);
    const cx = x + lean * (1 - t);
    m.span(y, cx - Math.max(0.35, l), cx + Math.max(0.35, r));
  }
}

/** A row of pines standing on a ground profile. */
export function forest(m: Mask, ground: ArrayLike<number>, rng: Rng, hMin: number, hMax: number, spacing: number, o: PineOpts = {}): void {
  const w = m.w;
  for (let x = -spacing; x < w + spacing; x += spacing * (0.35 + rng() * 0.9)) {
    const xi = Math.round(clamp(x, 0, w - 1));
    const h = lerp(hMin, hMax, Math.pow(rng(), 1.4));
    pine(m, x, ground[xi] + h * 0.05, h, rng, o);
  }
}

/** Atmospheric perspective colour for a silhouette layer. */
export function silhouette(base: RGB, haze: RGB, amt: number, seed: number, texAmt = 0.08, ts = 60): ColourFn {
  return (x, y) => {
    const n = fbm(x / ts, y / ts, seed, 3);
    return mix(scale(base, 1 - texAmt + texAmt * 2 * n), haze, amt);
  };
}
