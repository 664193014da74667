/**
 * make-demo-photos.ts — renders the demo photo library procedurally.
 *
 *   npx tsx scripts/make-demo-photos.ts
 *
 * Writes 10 landscape "photographs" (JPEG, quality 82, mozjpeg) with EXIF and
 * JSON sidecars into demo/originals/ (the camera files), plus its LICENSE.md;
 * `npm run demo:photos` then publishes them into demo/photos/ with `photo-frame upload --to`. Nothing is
 * downloaded: every pixel is computed here, so the images are licence-clean
 * (CC0). Two kinds of scene:
 *   - layered 2-D scenes (sky gradients, fBm clouds, midpoint-displacement
 *     ridges with atmospheric perspective, pine silhouettes, stars, water with
 *     perspective ripples and reflections);
 *   - heightfield scenes (alpine lake, glacier valley, cove, dunes) rendered by
 *     a small column ray-marcher: ridged-multifractal terrain with level of
 *     detail, sun shadows, sky ambient, fog, depth-tinted water, and a mirrored
 *     camera for lake reflections.
 * Every image then gets a highlight shoulder, a gentle S-curve, a vignette and
 * film grain.
 *
 * Pass name fragments to render only some photos, e.g.
 *   npx tsx scripts/make-demo-photos.ts dunes harbour
 *
 * Deterministic: every scene draws from its own seeded PRNG (mulberry32 seeded
 * from the file name) and the noise is a pure integer hash, so re-running the
 * script produces byte-identical files.
 *
 * Special cases exercised by the demo:
 *   - mountains/pine-forest-fog.jpg is stored SIDEWAYS: its pixel buffer is
 *     landscape (1600x1067) rotated 90° counter-clockwise, with EXIF
 *     Orientation = 6 ("rotate 90° CW to display"), so viewers that honour the
 *     orientation show it upright as a 1067x1600 portrait.
 *   - desert-dunes-golden-hour.jpg (album root) has NO sidecar: its caption is
 *     the EXIF ImageDescription and its date is DateTimeOriginal +
 *     OffsetTimeOriginal.
 *   - every photo carries a camera's exposure tags (focal length, aperture,
 *     exposure time, ISO; a lens model for the interchangeable-lens "PF-1 Mark
 *     II", none for the fixed-lens "PF-2"): the photographer's details the
 *     demo shows.
 *   - sea/harbour-blue-hour.jpg has a caption with an apostrophe, an em dash
 *     and an accented letter (in its UTF-8 JSON sidecar; EXIF ASCII fields
 *     cannot hold them, so its EXIF ImageDescription is an ASCII rendering).
 */
import sharp from 'sharp';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Small maths helpers
// ---------------------------------------------------------------------------

type RGB = readonly [number, number, number];
type Rng = () => number;

const clamp = (v: number, lo = 0, hi = 1): number => (v < lo ? lo : v > hi ? hi : v);
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = clamp((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};
const mix = (a: RGB, b: RGB, t: number): RGB => [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];
const scale = (a: RGB, k: number): RGB => [a[0] * k, a[1] * k, a[2] * k];

const hexCache = new Map<string, RGB>();
function hex(s: string): RGB {
  let c = hexCache.get(s);
  if (!c) {
    const n = parseInt(s.replace('#', ''), 16);
    c = [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
    hexCache.set(s, c);
  }
  return c;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 — tiny, fast, good enough, and fully deterministic. */
function mulberry32(seed: number): Rng {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately normal(0,1) sample (Irwin–Hall with 4 terms, rescaled). */
function gauss(rng: Rng): number {
  return (rng() + rng() + rng() + rng() - 2) * 1.7320508;
}

// ---------------------------------------------------------------------------
// Value noise and fBm
// ---------------------------------------------------------------------------

function hash2(ix: number, iy: number, seed: number): number {
  let h = (Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x3c6ef372)) | 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

function vnoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  let fx = x - ix;
  let fy = y - iy;
  fx = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
  fy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
  const a = hash2(ix, iy, seed);
  const b = hash2(ix + 1, iy, seed);
  const c = hash2(ix, iy + 1, seed);
  const d = hash2(ix + 1, iy + 1, seed);
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/** Fractal Brownian motion of value noise, roughly in [0,1] (mean 0.5). */
function fbm(x: number, y: number, seed: number, octaves = 5, gain = 0.5): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let i = 0; i < octaves; i++) {
    sum += amp * vnoise(x * f + i * 17.13, y * f - i * 9.71, seed + i * 1013);
    norm += amp;
    amp *= gain;
    f *= 2.03;
  }
  return sum / norm;
}

/**
 * fBm with only the octaves that are larger than ~2 pixels: `size` is the
 * largest wavelength, `fp` the pixel footprint (same units). Avoids moire.
 */
function fbmLod(x: number, y: number, seed: number, size: number, fp: number, maxOct = 6): number {
  const oct = Math.min(maxOct, Math.log2(size / (2.5 * fp)));
  if (oct <= 0) return 0.5;
  const n = Math.ceil(oct);
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1 / size;
  for (let i = 0; i < n; i++) {
    const k = i === n - 1 ? oct - (n - 1) : 1; // fade the last octave in
    sum += amp * k * (vnoise(x * f + i * 17.13, y * f - i * 9.71, seed + i * 1013) - 0.5);
    norm += amp * k;
    amp *= 0.5;
    f *= 2.03;
  }
  return 0.5 + sum / norm;
}

/** Ridged multifractal-ish noise: sharp creases, good for gullies and rock. */
function ridged(x: number, y: number, seed: number, octaves = 5): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let i = 0; i < octaves; i++) {
    const n = 1 - Math.abs(vnoise(x * f + i * 31.7, y * f + i * 11.3, seed + i * 7919) * 2 - 1);
    sum += amp * n * n;
    norm += amp;
    amp *= 0.5;
    f *= 2.07;
  }
  return sum / norm;
}

/** Stretch fBm's narrow distribution around 0.5 to use more of [0,1]. */
const contrast = (v: number, k: number): number => clamp(0.5 + (v - 0.5) * k);

/** 1-D midpoint displacement, normalised to [0,1]; `rough` = 2^-H. */
function midpoint(n: number, rough: number, rng: Rng): Float64Array {
  let size = 1;
  while (size < n) size *= 2;
  const a = new Float64Array(size + 1);
  a[0] = rng() * 2 - 1;
  a[size] = rng() * 2 - 1;
  let amp = 1;
  for (let step = size; step > 1; step /= 2) {
    const half = step / 2;
    for (let i = half; i < size; i += step) a[i] = (a[i - half] + a[i + half]) / 2 + (rng() * 2 - 1) * amp;
    amp *= rough;
  }
  const out = a.slice(0, n);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of out) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] - lo) / (hi - lo || 1);
  return out;
}

// ---------------------------------------------------------------------------
// Canvas: float RGB in [0,1] (display-referred sRGB values)
// ---------------------------------------------------------------------------

class Canvas {
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
class Mask {
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

type ColourFn = (x: number, y: number) => RGB;

function paintMask(c: Canvas, m: Mask, col: RGB | ColourFn, alpha = 1): void {
  const fn = typeof col === 'function' ? col : null;
  for (let y = m.y0; y < m.y1; y++) {
    for (let x = 0; x < c.w; x++) {
      const a = m.m[y * c.w + x];
      if (a <= 0) continue;
      c.blend(x, y, fn ? fn(x, y) : (col as RGB), a * alpha);
    }
  }
}

// ---------------------------------------------------------------------------
// Scene building blocks
// ---------------------------------------------------------------------------

/** Vertical multi-stop gradient, t = y / yEnd. */
function skyGradient(c: Canvas, stops: ReadonlyArray<readonly [number, RGB]>, yEnd: number): void {
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
function glow(c: Canvas, cx: number, cy: number, col: RGB, r: number, strength: number, p = 1, yMax = c.h, sy = 1): void {
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

function disc(c: Canvas, cx: number, cy: number, r: number, col: RGB, limb = 0.25, texSeed = 0, tex = 0): void {
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

interface CloudOpts {
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
function clouds(c: Canvas, o: CloudOpts): void {
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

interface RidgeOpts {
  base: number; // y of the lowest valleys
  amp: number; // height of the highest peak above base
  rough: number;
  peaky?: number; // exponent >1 sharpens peaks
  smooth?: number; // box-blur radius in px
}

function ridgeProfile(w: number, rng: Rng, o: RidgeOpts): Float64Array {
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

interface MountainOpts {
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
function mountains(c: Canvas, top: Float64Array, o: MountainOpts): void {
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

interface PineOpts {
  tiers?: number;
  widthRatio?: number;
  jag?: number;
}

function pine(m: Mask, x: number, base: number, height: number, rng: Rng, o: PineOpts = {}): void {
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
function forest(m: Mask, ground: ArrayLike<number>, rng: Rng, hMin: number, hMax: number, spacing: number, o: PineOpts = {}): void {
  const w = m.w;
  for (let x = -spacing; x < w + spacing; x += spacing * (0.35 + rng() * 0.9)) {
    const xi = Math.round(clamp(x, 0, w - 1));
    const h = lerp(hMin, hMax, Math.pow(rng(), 1.4));
    pine(m, x, ground[xi] + h * 0.05, h, rng, o);
  }
}

/** Atmospheric perspective colour for a silhouette layer. */
function silhouette(base: RGB, haze: RGB, amt: number, seed: number, texAmt = 0.08, ts = 60): ColourFn {
  return (x, y) => {
    const n = fbm(x / ts, y / ts, seed, 3);
    return mix(scale(base, 1 - texAmt + texAmt * 2 * n), haze, amt);
  };
}

interface WaterOpts {
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
function water(c: Canvas, o: WaterOpts): void {
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

interface StarOpts {
  count: number;
  yMax: number;
  density?: (x: number, y: number) => number; // acceptance 0..1
  bright?: number;
  dim?: (x: number, y: number) => number; // multiplier
}

function stars(c: Canvas, rng: Rng, o: StarOpts): void {
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

/** Film look: gentle S-curve, vignette, grain; returns 8-bit RGB. */
function develop(c: Canvas, rng: Rng, o: { grain: number; vignette: number; fine?: number; lift?: number; warm?: number }): Buffer {
  const { w, h, d } = c;
  const out = Buffer.alloc(w * h * 3);
  // grain rendered at half resolution and upsampled: softer, more filmic, compresses better
  const gw = Math.ceil(w / 2) + 2;
  const gh = Math.ceil(h / 2) + 2;
  const g = new Float32Array(gw * gh);
  for (let i = 0; i < g.length; i++) g[i] = gauss(rng);
  const fine = o.fine ?? 1.5;
  const cx = w / 2;
  const cy = h / 2;
  const rmax = Math.hypot(cx, cy);
  const lift = o.lift ?? 0.0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const r = Math.hypot(x - cx, y - cy) / rmax;
      const vig = 1 - o.vignette * Math.pow(r, 2.2);
      const gx = x / 2;
      const gy = y / 2;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const ax = gx - x0;
      const ay = gy - y0;
      const gi = y0 * gw + x0;
      const gn = lerp(lerp(g[gi], g[gi + 1], ax), lerp(g[gi + gw], g[gi + gw + 1], ax), ay) + fine * gauss(rng);
      const lum = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      const ga = o.grain * (0.35 + 1.3 * lum * (1 - lum) * 2.2);
      for (let k = 0; k < 3; k++) {
        let v = d[i + k] * vig;
        v = lift + v * (1 - lift);
        if (v > 0.72) v = 0.72 + 0.28 * (1 - Math.exp(-(v - 0.72) / 0.28)); // highlight shoulder
        // soft S-curve around mid grey
        v = clamp(v);
        v = v + 0.12 * v * (1 - v) * (2 * v - 1) * -1 + 0.0;
        v = v * (1 + 0.08 * (v - 0.5));
        if (o.warm) v *= k === 0 ? 1 + o.warm : k === 2 ? 1 - o.warm : 1;
        v += gn * ga;
        out[i + k] = Math.round(clamp(v) * 255);
      }
    }
  }
  return out;
}

/** Rotate an 8-bit RGB buffer 90° counter-clockwise (so EXIF orientation 6 restores it). */
function rotateCCW(buf: Buffer, w: number, h: number): Buffer {
  // stored image: width h, height w; stored(sx, sy) = displayed(w - 1 - sy, sx)
  const out = Buffer.alloc(buf.length);
  for (let sy = 0; sy < w; sy++) {
    for (let sx = 0; sx < h; sx++) {
      const di = (sx * w + (w - 1 - sy)) * 3;
      const si = (sy * h + sx) * 3;
      out[si] = buf[di];
      out[si + 1] = buf[di + 1];
      out[si + 2] = buf[di + 2];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Heightfield terrain: a column ray-marcher ("voxel space" with refinement)
// ---------------------------------------------------------------------------

type Vec3 = readonly [number, number, number];
const norm3 = (v: Vec3): Vec3 => {
  const l = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
};
/** Direction towards the sun from azimuth (deg, 0 = straight ahead, <0 = left) and elevation (deg). */
const sunDir = (az: number, el: number): Vec3 => {
  const a = (az * Math.PI) / 180;
  const e = (el * Math.PI) / 180;
  return [Math.sin(a) * Math.cos(e), Math.sin(e), Math.cos(a) * Math.cos(e)];
};

/** Ridged multifractal (Musgrave) on value noise, ~[0,1]. */
function ridgedMF(x: number, y: number, seed: number, octaves: number): number {
  let sum = 0;
  let f = 1;
  let amp = 0.5;
  let weight = 1;
  let norm = 0;
  for (let i = 0; i < octaves; i++) {
    let n = 1 - Math.abs(vnoise(x * f + i * 3.7, y * f - i * 5.3, seed + i * 131) * 2 - 1);
    n *= n;
    n *= weight;
    weight = clamp(n * 2);
    sum += n * amp;
    norm += amp;
    f *= 2.1;
    amp *= 0.5;
  }
  return sum / norm;
}

/** Cone-shaped tree crowns on a jittered grid: 0..1 (1 = tip of the tallest tree). */
function cones(x: number, z: number, cell: number, seed: number, density = 1): number {
  const gx = Math.floor(x / cell);
  const gz = Math.floor(z / cell);
  let best = 0;
  for (let j = -1; j <= 1; j++) {
    for (let i = -1; i <= 1; i++) {
      const cx = gx + i;
      const cz = gz + j;
      if (hash2(cx, cz, seed + 3) > density) continue;
      const px = (cx + 0.15 + 0.7 * hash2(cx, cz, seed)) * cell;
      const pz = (cz + 0.15 + 0.7 * hash2(cx, cz, seed + 1)) * cell;
      const ht = 0.55 + 0.45 * hash2(cx, cz, seed + 2);
      const r = Math.hypot(x - px, z - pz) / (cell * 0.62 * ht);
      const v = ht * (1 - r);
      if (v > best) best = v;
    }
  }
  return best;
}

/** A coarse, cached copy of a height function, used to march shadow rays cheaply. */
class Grid {
  readonly g: Float32Array;
  readonly cell: number;
  max = -Infinity;
  constructor(
    fn: (x: number, z: number) => number,
    readonly x0: number,
    readonly z0: number,
    size: number,
    readonly n: number,
  ) {
    this.cell = size / (n - 1);
    this.g = new Float32Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const v = fn(x0 + i * this.cell, z0 + j * this.cell);
        this.g[j * n + i] = v;
        if (v > this.max) this.max = v;
      }
    }
  }
  at(x: number, z: number): number {
    const gx = (x - this.x0) / this.cell;
    const gz = (z - this.z0) / this.cell;
    if (gx < 0 || gz < 0 || gx >= this.n - 1 || gz >= this.n - 1) return -1e9;
    const i = Math.floor(gx);
    const j = Math.floor(gz);
    const ax = gx - i;
    const az = gz - j;
    const k = j * this.n + i;
    const g = this.g;
    return lerp(lerp(g[k], g[k + 1], ax), lerp(g[k + this.n], g[k + this.n + 1], ax), az);
  }
  /** Soft shadow factor (1 = lit) for a point, marching towards the sun. */
  shadow(x: number, z: number, y: number, sun: Vec3, soft = 0.05): number {
    const hz = Math.hypot(sun[0], sun[2]) || 1e-6;
    const dx = sun[0] / hz;
    const dz = sun[2] / hz;
    const tanE = sun[1] / hz;
    let res = 1;
    let d = this.cell * 0.7;
    for (let i = 0; i < 160; i++) {
      const ry = y + d * tanE;
      if (ry > this.max) break;
      const th = this.at(x + dx * d, z + dz * d);
      res = Math.min(res, (ry - th) / (d * soft));
      if (res <= 0) return 0;
      d += this.cell * (0.5 + i * 0.04);
    }
    return clamp(res);
  }
}

interface Sample {
  x: number;
  z: number;
  y: number; // terrain height (or water level)
  n: Vec3; // surface normal
  sun: number; // direct sun: lambert x shadow
  dist: number;
  water: boolean;
  depth: number; // water depth (0 on land)
  sx: number;
  sy: number;
  oct: number;
  fp: number; // effective pixel footprint (world units), larger on grazing ground
  sky: RGB; // sky colour mirrored about the horizon (what calm water would reflect)
}

interface TerrainOpts {
  // fp: effective pixel footprint in world units (long on grazing ground); fp0: across (for upright features)
  height: (x: number, z: number, oct: number, fp: number, fp0: number) => number;
  maxOct: number;
  maxHeight?: number; // stop marching once the ray is above this
  wavelength: number; // size of the largest feature; drives the level of detail
  cam: { x: number; y: number; z: number };
  hfov: number; // degrees
  horizon: number; // screen row of the horizon
  zNear: number;
  zFar: number;
  sun: Vec3;
  shadows?: Grid;
  softness?: number;
  waterLevel?: number;
  fog: { density: number; falloff?: number; col?: RGB; amt?: number };
  shade: (s: Sample) => RGB;
  stepK?: number;
}

/**
 * Renders a heightfield column by column, front to back, with a per-column
 * coverage buffer so edges are anti-aliased vertically. Returns the per-pixel
 * water coverage when a water level is set (for a later reflection pass).
 */
function terrain(c: Canvas, o: TerrainOpts, camY = o.cam.y): Float32Array | null {
  const { w, h } = c;
  const sky = c.d.slice();
  const f = w / 2 / Math.tan((o.hfov * Math.PI) / 360);
  const Y0 = o.horizon;
  const L = o.waterLevel;
  const wmask = L !== undefined ? new Float32Array(w * h) : null;
  const acc = new Float32Array(h * 3);
  const alpha = new Float32Array(h);
  const wacc = new Float32Array(h);
  const stepK = o.stepK ?? 0.006;
  const maxH = o.maxHeight ?? (o.shadows ? o.shadows.max + 150 : undefined);
  const lod = (fp: number): number => clamp(Math.floor(Math.log(o.wavelength / (1.5 * fp)) / Math.log(2.1)) + 1, 2, o.maxOct);
  for (let sx = 0; sx < w; sx++) {
    acc.fill(0);
    alpha.fill(0);
    wacc.fill(0);
    const dx = (sx + 0.5 - w / 2) / f;
    const hy = Math.max(0, Math.floor(Y0) - 2);
    const hi = (hy * w + sx) * 3;
    const fogC: RGB = o.fog.col ? mix([sky[hi], sky[hi + 1], sky[hi + 2]], o.fog.col, o.fog.amt ?? 0.5) : [sky[hi], sky[hi + 1], sky[hi + 2]];
    let ytop = h;
    let z = o.zNear;
    let step = Math.max(0.05, z * stepK);
    let guard = 0;
    let prev = camY - 1;
    while (z < o.zFar && ytop > 0 && guard++ < 200000) {
      const zn = z + step;
      const wx = o.cam.x + dx * zn;
      const wz = o.cam.z + zn;
      // anisotropic footprint: on ground seen at a grazing angle one pixel row spans a long way
      const fp0 = zn / f;
      const fp = camY > prev ? Math.min(fp0 * 40, Math.max(fp0, (zn * fp0) / (camY - prev))) : fp0;
      const oct = lod(fp);
      const ht = o.height(wx, wz, oct, fp, fp0);
      const isWater = L !== undefined && ht < L;
      const surf = isWater ? (L as number) : ht;
      const sy = Y0 - ((surf - camY) / zn) * f;
      if (ytop - sy > 1.5 && step > 0.02 + zn * 0.0002) {
        step *= 0.35; // refine: this step would smear one sample over several rows
        continue;
      }
      z = zn;
      prev = surf;
      step = Math.max(0.05, z * stepK);
      if (sy >= ytop) {
        // nothing left to hit: the ray through the top uncovered row is above every peak
        if (maxH !== undefined && camY + ((Y0 - ytop) / f) * z > maxH) break;
        continue;
      }
      let nrm: Vec3 = [0, 1, 0];
      if (!isWater) {
        const e = Math.max(0.02, fp * 1.2);
        const hx = o.height(wx + e, wz, oct, fp, fp0);
        const hz = o.height(wx, wz + e, oct, fp, fp0);
        nrm = norm3([-(hx - ht) / e, 1, -(hz - ht) / e]);
      }
      const lam = Math.max(0, nrm[0] * o.sun[0] + nrm[1] * o.sun[1] + nrm[2] * o.sun[2]);
      const sh = lam > 0 && o.shadows ? o.shadows.shadow(wx, wz, surf + 0.5, o.sun, o.softness) : 1;
      const dist = z * Math.sqrt(1 + dx * dx);
      const my = clamp(Math.round(2 * Y0 - sy), 0, Y0 - 1);
      const mi = (my * w + sx) * 3;
      let col = o.shade({
        x: wx,
        z: wz,
        y: surf,
        n: nrm,
        sun: lam * sh,
        dist,
        water: isWater,
        depth: isWater ? (L as number) - ht : 0,
        sx,
        sy,
        oct,
        fp,
        sky: [sky[mi], sky[mi + 1], sky[mi + 2]],
      });
      const dens = o.fog.density * (o.fog.falloff ? Math.exp(-Math.max(0, surf) / o.fog.falloff) : 1);
      col = mix(col, fogC, 1 - Math.exp(-dist * dens));
      const r0 = Math.max(0, Math.floor(sy));
      const r1 = Math.min(h, Math.ceil(ytop));
      for (let r = r0; r < r1; r++) {
        const cov = clamp(Math.min(r + 1, ytop) - Math.max(r, sy));
        const a = alpha[r];
        if (a >= 0.999 || cov <= 0) continue;
        const k = Math.min(cov, 1 - a); // successive samples cover disjoint parts of a row
        acc[r * 3] += col[0] * k;
        acc[r * 3 + 1] += col[1] * k;
        acc[r * 3 + 2] += col[2] * k;
        alpha[r] = a + k;
        if (isWater) wacc[r] += k;
      }
      ytop = sy;
    }
    for (let r = 0; r < h; r++) {
      const a = alpha[r];
      if (a <= 0) continue;
      const i = (r * w + sx) * 3;
      c.d[i] = acc[r * 3] + (1 - a) * c.d[i];
      c.d[i + 1] = acc[r * 3 + 1] + (1 - a) * c.d[i + 1];
      c.d[i + 2] = acc[r * 3 + 2] + (1 - a) * c.d[i + 2];
      if (wmask) wmask[r * w + sx] = wacc[r];
    }
  }
  return wmask;
}

/** Half-size copy (2x2 box filter). */
function downsample2(c: Canvas): Canvas {
  const o = new Canvas(Math.floor(c.w / 2), Math.floor(c.h / 2));
  for (let y = 0; y < o.h; y++) {
    for (let x = 0; x < o.w; x++) {
      for (let k = 0; k < 3; k++) {
        const a = ((2 * y) * c.w + 2 * x) * 3 + k;
        o.d[(y * o.w + x) * 3 + k] = (c.d[a] + c.d[a + 3] + c.d[a + c.w * 3] + c.d[a + c.w * 3 + 3]) / 4;
      }
    }
  }
  return o;
}

/** Bilinear 2x upsample of a half-size canvas into a w x h pixel array. */
function upsample2(s: Canvas, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const sy = clamp((y + 0.5) / 2 - 0.5, 0, s.h - 1.001);
    const y0 = Math.floor(sy);
    const ay = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = clamp((x + 0.5) / 2 - 0.5, 0, s.w - 1.001);
      const x0 = Math.floor(sx);
      const ax = sx - x0;
      const i = (y0 * s.w + x0) * 3;
      for (let k = 0; k < 3; k++) {
        const a = lerp(s.d[i + k], s.d[i + 3 + k], ax);
        const b = lerp(s.d[i + s.w * 3 + k], s.d[i + s.w * 3 + 3 + k], ax);
        out[(y * w + x) * 3 + k] = lerp(a, b, ay);
      }
    }
  }
  return out;
}

/** Typical outdoor lighting: sun + sky ambient (more from above) + a little bounce. */
function light(albedo: RGB, s: Sample, sunCol: RGB, skyCol: RGB, ambient = 1, sunK = 1): RGB {
  const up = 0.5 + 0.5 * s.n[1];
  const k0 = s.sun * sunK;
  return [
    albedo[0] * (sunCol[0] * k0 + skyCol[0] * up * ambient),
    albedo[1] * (sunCol[1] * k0 + skyCol[1] * up * ambient),
    albedo[2] * (sunCol[2] * k0 + skyCol[2] * up * ambient),
  ];
}

// ---------------------------------------------------------------------------
// Scenes
// ---------------------------------------------------------------------------

type Render = (c: Canvas, rng: Rng, seed: number) => void;

function alpineLakeDawn(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.58);
  // looking west at dawn: earth's shadow and the pink "belt of Venus" low in the sky
  skyGradient(
    c,
    [
      [0, hex('#2d4c85')],
      [0.5, hex('#6d8cc0')],
      [0.78, hex('#c7a9c6')],
      [0.9, hex('#eab8b2')],
      [1, hex('#9aa6c6')],
    ],
    Y0,
  );
  clouds(c, {
    horizon: Y0,
    cover: 0.57,
    soft: 0.13,
    sx: 1.1,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#ffc7b4'),
    shade: hex('#8c8fb8'),
    opacity: 0.8,
    sun: [w * 0.1, h * 1.5],
    stretch: 2.4,
  });
  const height = (x: number, z: number, oct: number, _fp: number, fp: number): number => {
    const s = 1 / 3200;
    const q = fbm(x * s * 0.6, z * s * 0.6, seed + 2, 3) - 0.5;
    const mnt = smoothstep(5000, 10000, z + (fbm(x / 3000, 7, seed + 4, 3) - 0.5) * 3000);
    let y = lerp(-25, 60, smoothstep(1800, 3400, z));
    if (z > 2200) y += 320 * smoothstep(2200, 5000, z) * fbm(x / 900, z / 900, seed + 6, Math.min(oct, 6));
    if (mnt > 0) {
      const r = ridgedMF(x * s + q * 0.9, z * s + q * 0.9, seed + 3, oct);
      y += mnt * (Math.pow(r, 1.5) * 2600 + fbm(x / 6000, z / 6000, seed + 5, 3) * 900);
    }
    // pine forest on the low slopes: cone-shaped crowns, faded out once sub-pixel
    if (fp < 2.5 && y > 1 && y < 1100) {
      const forest = smoothstep(2, 14, y) * (1 - smoothstep(700, 1100, y)) * smoothstep(0.35, 0.5, fbm(x / 400, z / 400, seed + 7, 3));
      if (forest > 0) y += forest * 22 * smoothstep(2.5, 1, fp) * cones(x, z, 8, seed + 8, 0.92);
    }
    // boulders on the near shore, bottom left
    if (z < 150) {
      const m = smoothstep(150, 60, z) * smoothstep(4, -14, x + z * 0.1);
      if (m > 0) y = Math.max(y, lerp(-30, (fbm(x / 6, z / 6, seed + 9, Math.min(oct, 7)) - 0.5) * 14 - 0.5, m));
    }
    return y;
  };
  const sun = sunDir(-145, 4.5);
  const grid = new Grid((x, z) => height(x, z, 6, 100, 100), -14000, -500, 28000, 640);
  const sunCol = scale(hex('#ffae86'), 2.3);
  const skyCol = scale(hex('#7d8fc2'), 0.55);
  const opts: TerrainOpts = {
    height,
    maxOct: 10,
    wavelength: 3200,
    cam: { x: 0, y: 7, z: 0 },
    hfov: 56,
    horizon: Y0,
    zNear: 1,
    zFar: 27000,
    sun,
    shadows: grid,
    waterLevel: 0,
    fog: { density: 0.00009, falloff: 2200, col: hex('#a9aecb'), amt: 0.35 },
    shade: (p) => {
      if (p.water) return hex('#263850');
      const n1 = fbm(p.x / 60, p.z / 60 + p.y / 40, seed + 10, 4);
      const rockA = mix(hex('#4f4a48'), hex('#7d7268'), n1);
      const snowLine = 1150 + (fbm(p.x / 700, p.z / 700, seed + 11, 4) - 0.5) * 700;
      const snow = smoothstep(snowLine - 150, snowLine + 150, p.y) * smoothstep(0.35, 0.6, p.n[1] + (n1 - 0.5) * 0.3);
      const forest = smoothstep(2, 14, p.y) * (1 - smoothstep(700, 1100, p.y)) * smoothstep(0.35, 0.5, fbm(p.x / 400, p.z / 400, seed + 7, 3));
      const treeA = mix(hex('#18261d'), hex('#2b3a27'), n1);
      const meadow = mix(hex('#4d5a35'), hex('#6d7448'), n1);
      const veg = smoothstep(0.55, 0.8, p.n[1]) * (1 - smoothstep(900, 1500, p.y));
      let alb = mix(rockA, mix(meadow, treeA, forest), Math.max(veg, forest));
      alb = mix(alb, hex('#eef1f8'), snow);
      if (p.z < 180) {
        const fine = fbmLod(p.x + p.y * 0.7, p.z + p.y * 0.7, seed + 12, 6, p.fp);
        alb = mix(hex('#3b3a3a'), hex('#77756f'), fine * 0.7 + 0.3 * smoothstep(0.8, 1, p.n[1]));
      }
      return light(alb, p, sunCol, skyCol);
    },
  };
  // reflection: render the scene again (at half size; ripples blur it anyway)
  // from a camera mirrored in the water plane
  const mirror = downsample2(c);
  const above = (x: number, z: number, oct: number, fp: number, fp0: number): number => {
    // the mirror camera is under water: hide everything below the surface, and the
    // near boulders (a heightfield cannot clip their sides at the water line)
    if (z < 200) return -400;
    const y = height(x, z, oct, fp, fp0);
    return y < 0 ? -400 : y;
  };
  terrain(mirror, { ...opts, height: above, horizon: Y0 / 2, waterLevel: undefined }, -opts.cam.y);
  const wmask = terrain(c, opts) as Float32Array;
  water(c, {
    horizon: Y0,
    tint: hex('#1f3048'),
    reflect: 0.55,
    reflectFar: 0.93,
    amp: 3,
    fx: 14,
    fz: 6,
    seed: seed + 12,
    calm: 0.5,
    darken: 0.12,
    src: upsample2(mirror, w, h),
    mask: wmask,
  });
}

function blueRidgesPanorama(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const sun: [number, number] = [w * 0.68, h * 0.2];
  skyGradient(
    c,
    [
      [0, hex('#5f84ad')],
      [0.45, hex('#a9b8c7')],
      [0.8, hex('#ead6bb')],
      [1, hex('#f6dcb2')],
    ],
    h * 0.55,
  );
  glow(c, sun[0], sun[1], hex('#fff0cf'), h * 0.08, 0.9, 1);
  glow(c, sun[0], sun[1], hex('#ffd79a'), h * 0.45, 0.45, 1.2);
  disc(c, sun[0], sun[1], h * 0.018, hex('#fffbef'), 0);
  clouds(c, {
    horizon: h * 0.5,
    cover: 0.58,
    soft: 0.12,
    sx: 1.4,
    sz: 0.4,
    seed: seed + 1,
    lit: hex('#fff1dc'),
    shade: hex('#b2b5c0'),
    opacity: 0.55,
    sun,
    stretch: 3,
    rim: hex('#fff8e8'),
  });
  const layers = 7;
  const haze = hex('#eddcc3');
  const near = hex('#1d2a3c');
  for (let i = 0; i < layers; i++) {
    const t = i / (layers - 1);
    const base = h * lerp(0.5, 1.02, Math.pow(t, 0.85));
    const amp = h * lerp(0.1, 0.26, t);
    const top = ridgeProfile(w, rng, { base, amp, rough: lerp(0.5, 0.58, t), smooth: Math.round(lerp(10, 2, t)) });
    const col = mix(hex('#6f86a6'), near, t);
    mountains(c, top, {
      lit: mix(col, hex('#c9a77f'), 0.25 * (1 - t)),
      shadow: scale(col, 0.8),
      haze,
      hazeAmt: lerp(0.72, 0.0, Math.pow(t, 0.75)),
      sunDir: 1,
      seed: seed + 10 + i,
      texScale: lerp(160, 300, t),
      contrastK: 2,
      fog: { col: mix(haze, hex('#c8cdd4'), 0.4), depth: lerp(50, 140, t), amt: lerp(0.7, 0.2, t) },
    });
    if (i === layers - 1 || i === layers - 2) {
      const m = new Mask(w, h);
      forest(m, top, rng, h * lerp(0.008, 0.035, t), h * lerp(0.02, 0.07, t), lerp(3, 6, t), { jag: 0.6 });
      paintMask(c, m, silhouette(scale(col, 0.85), haze, lerp(0.2, 0, t), seed + 30 + i));
    }
  }
}

function pineForestFog(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const sun: [number, number] = [w * 0.68, h * 0.17];
  const fogCol = hex('#dfe0d6');
  skyGradient(
    c,
    [
      [0, hex('#aebdc6')],
      [0.5, hex('#d6dad4')],
      [1, hex('#ece6d6')],
    ],
    h * 0.5,
  );
  glow(c, sun[0], sun[1], hex('#fff4d8'), w * 0.1, 0.8, 1);
  glow(c, sun[0], sun[1], hex('#fbe6bd'), w * 0.6, 0.4, 1.1);
  const layers = 6;
  for (let i = 0; i < layers; i++) {
    const t = i / (layers - 1);
    const base = h * lerp(0.36, 0.98, Math.pow(t, 1.15));
    const ground = ridgeProfile(w, rng, { base, amp: h * lerp(0.03, 0.09, t), rough: 0.5, smooth: 20 });
    const m = new Mask(w, h);
    const hMin = h * lerp(0.025, 0.3, t * t);
    const hMax = h * lerp(0.06, 0.62, t * t);
    forest(m, ground, rng, hMin, hMax, lerp(6, 70, t * t), { jag: lerp(0.5, 3, t) });
    m.below(ground);
    const base0 = mix(hex('#27362f'), hex('#1b2420'), t);
    paintMask(c, m, silhouette(base0, fogCol, lerp(0.82, 0.14, Math.pow(t, 0.7)), seed + 40 + i, 0.12, lerp(20, 80, t)));
    // fog bank pooling in front of this layer
    if (i < layers - 1) {
      const y0 = Math.floor(base - h * 0.12);
      const y1 = Math.min(h, Math.floor(base + h * 0.1));
      for (let y = Math.max(0, y0); y < y1; y++) {
        for (let x = 0; x < w; x++) {
          const wisp = fbm(x / 220, y / 55, seed + 60 + i, 5);
          const a = smoothstep(y0, base + h * 0.03, y) * (1 - smoothstep(base + h * 0.03, y1, y)) * contrast(wisp, 2.2) * 0.65;
          c.blend(x, y, fogCol, a);
        }
      }
    }
  }
  // crepuscular rays from the sun through the mist
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - sun[0];
      const dy = y - sun[1];
      if (dy < 0) continue;
      const ang = Math.atan2(dy, dx);
      const r = Math.hypot(dx, dy) / h;
      const ray = contrast(fbm(ang * 9, 0.5, seed + 70, 3), 2.4);
      const a = ray * Math.exp(-r * 1.8) * 0.22 * smoothstep(0, 0.1, r);
      c.screen(x, y, hex('#fff1cf'), a);
    }
  }
}

function glacierValleyNoon(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.64);
  const sun = sunDir(-115, 52);
  skyGradient(
    c,
    [
      [0, hex('#1d5aa6')],
      [0.55, hex('#4f8fd0')],
      [1, hex('#c4dcee')],
    ],
    Y0,
  );
  clouds(c, {
    horizon: Y0,
    cover: 0.6,
    soft: 0.07,
    sx: 2.6,
    sz: 1.3,
    seed: seed + 1,
    lit: hex('#ffffff'),
    shade: hex('#a3b3c9'),
    opacity: 0.95,
    sun: [-w * 0.5, -h * 0.5],
    octaves: 6,
  });
  const forestAt = (x: number, z: number, y: number): number =>
    z < 600 ? 0 : smoothstep(-190, -150, y) * (1 - smoothstep(400, 800, y)) * smoothstep(0.42, 0.56, fbm(x / 500, z / 500, seed + 6, 3));
  const height = (x: number, z: number, oct: number, _fp: number, fp: number): number => {
    const s = 1 / 3400;
    const q = fbm(x * s * 0.5, z * s * 0.5, seed + 2, 3) - 0.5;
    const mnt = smoothstep(3500, 9000, z + (fbm(x / 3000, 3, seed + 14, 3) - 0.5) * 3000);
    const r = mnt > 0 ? ridgedMF(x * s + q, z * s + q, seed + 3, oct) : 0;
    // meadow the camera stands on, dropping into a forested valley
    let y = z < 900 ? 50 - 0.16 * z + (fbm(x / 120, z / 120, seed + 4, Math.min(oct, 5)) - 0.5) * 14 * (1 - smoothstep(300, 900, z)) : -94;
    if (z > 700) y = lerp(y, -200 + 160 * fbm(x / 900, z / 900, seed + 5, 4), smoothstep(700, 1500, z));
    if (mnt > 0) y += mnt * (Math.pow(r, 1.5) * 3000 + 700 * fbm(x / 7000, z / 7000, seed + 15, 3));
    if (fp < 3) {
      const forest = forestAt(x, z, y);
      if (forest > 0) y += forest * 24 * smoothstep(3, 1.2, fp) * cones(x, z, 9, seed + 7, 0.95);
    }
    return y;
  };
  const grid = new Grid((x, z) => height(x, z, 6, 100, 100), -14000, -500, 28000, 600);
  const sunCol = scale(hex('#fff4e2'), 1.7);
  const skyCol = scale(hex('#8fb4e2'), 0.42);
  terrain(c, {
    height,
    maxOct: 10,
    wavelength: 3400,
    cam: { x: 0, y: 52.2, z: 0 },
    hfov: 62,
    horizon: Y0,
    zNear: 0.5,
    zFar: 27000,
    sun,
    shadows: grid,
    fog: { density: 0.00011, falloff: 3000, col: hex('#b4cbe4'), amt: 0.5 },
    shade: (p) => {
      const n1 = fbm(p.x / 60, p.z / 60 + p.y / 50, seed + 8, 4);
      const rock = mix(hex('#4e4a46'), hex('#8a8177'), n1);
      const snowLine = 1500 + (fbm(p.x / 700, p.z / 700, seed + 9, 4) - 0.5) * 800;
      const snow = smoothstep(snowLine - 120, snowLine + 120, p.y) * smoothstep(0.35, 0.6, p.n[1] + (n1 - 0.5) * 0.35);
      const gv = fbmLod(p.x, p.z, seed + 10, 160, p.fp, 4);
      let grassA = mix(hex('#3a4f27'), hex('#778245'), gv);
      grassA = mix(grassA, hex('#8a7f52'), smoothstep(0.55, 0.7, fbmLod(p.x, p.z, seed + 16, 60, p.fp, 4)) * 0.6);
      const veg = smoothstep(0.62, 0.85, p.n[1]) * (1 - smoothstep(1100, 1700, p.y));
      const tree = forestAt(p.x, p.z, p.y - 12);
      let alb = mix(rock, grassA, veg);
      alb = mix(alb, mix(hex('#142719'), hex('#26402a'), n1), tree);
      alb = mix(alb, hex('#f7f9fd'), snow);
      if (p.dist < 150) {
        // meadow close-up: grass and wildflowers (texture scaled to the pixel footprint)
        const blade = contrast(fbmLod(p.x, p.z, seed + 11, 1.5, p.fp), 1.8);
        const near = mix(hex('#3f5a27'), hex('#7c8a4e'), fbmLod(p.x, p.z, seed + 12, 5, p.fp, 3));
        alb = mix(alb, scale(near, 0.7 + 0.5 * blade), smoothstep(150, 100, p.dist));
      }
      const outcrop = smoothstep(0.64, 0.74, fbmLod(p.x, p.z, seed + 17, 70, p.fp, 4)) * (p.y < 900 ? 1 : 0) * (1 - tree);
      alb = mix(alb, mix(hex('#6d6860'), hex('#9a948a'), n1), outcrop);
      const cloudShadow = smoothstep(0.52, 0.62, fbm(p.x / 1800 + 3, p.z / 1800, seed + 18, 4)) * smoothstep(300, 700, p.z);
      return light(alb, p, sunCol, skyCol, 1, 1 - 0.75 * cloudShadow);
    },
  });
  // a sprinkle of wildflowers in the foreground, bigger towards the camera
  const petals = ['#f6f1e4', '#f3d04a', '#b497d8', '#e9879c', '#ffffff'].map(hex);
  for (let i = 0; i < 2200; i++) {
    const t = Math.pow(rng(), 0.6);
    const y = lerp(h * 0.84, h + 2, t);
    const x = rng() * w;
    const r = lerp(0.45, 1.9, t) * (0.7 + 0.6 * rng());
    const col = scale(petals[Math.floor(rng() * petals.length)], 0.85);
    for (let yy = Math.floor(y - r - 1); yy <= y + r + 1; yy++)
      for (let xx = Math.floor(x - r - 1); xx <= x + r + 1; xx++) c.blend(xx, yy, col, clamp(r - Math.hypot(xx + 0.5 - x, yy + 0.5 - y) + 0.5) * 0.9);
  }
}

function harbourBlueHour(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const H = Math.round(h * 0.6);
  skyGradient(
    c,
    [
      [0, hex('#0d1a3f')],
      [0.45, hex('#22427f')],
      [0.8, hex('#5872a8')],
      [0.93, hex('#c1939a')],
      [1, hex('#e9b08a')],
    ],
    H,
  );
  glow(c, w * 0.25, H, hex('#f7b88a'), w * 0.2, 0.35, 1.4, H);
  clouds(c, {
    horizon: H,
    cover: 0.6,
    soft: 0.14,
    sx: 1,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#c99aa6'),
    shade: hex('#2a3763'),
    opacity: 0.7,
    sun: [w * 0.25, H + 100],
    stretch: 3,
  });
  stars(c, rng, { count: 90, yMax: H * 0.4, bright: 0.6 });
  const lights: Array<{ x: number; y: number; col: RGB; k: number }> = [];
  const lamp = (x: number, y: number, col: RGB, r: number, k: number, core = 1.2): void => {
    disc(c, x, y, core, mix(col, hex('#ffffff'), 0.5));
    glow(c, x, y, col, r, k, 1);
    lights.push({ x, y, col, k });
  };
  // hills behind the town
  const hills = ridgeProfile(w, rng, { base: H - 10, amp: h * 0.16, rough: 0.52, smooth: 8 });
  for (let x = 0; x < w; x++) hills[x] += (x / w) * h * 0.06;
  const hm = new Mask(w, h);
  hm.below(hills, H);
  paintMask(c, hm, silhouette(hex('#15213f'), hex('#3a4f86'), 0.25, seed + 2, 0.1));
  // scattered hillside lights
  for (let i = 0; i < 160; i++) {
    const x = rng() * w;
    const yT = hills[Math.floor(x)];
    if (yT > H - 12) continue;
    const y = lerp(yT + 6, H - 4, Math.pow(rng(), 0.6));
    disc(c, x, y, 0.9, hex('#ffd49a'));
    glow(c, x, y, hex('#ffb870'), 3, 0.25, 1);
  }
  // town on the quay: houses with dim pastel facades, flat or pitched roofs, lit windows
  const quay = H - 4;
  const pastel = ['#d9a066', '#e0c9a0', '#c77b5a', '#e8dcc8', '#b9866a', '#d8b46a', '#a9a39a'].map(hex);
  const dusk = hex('#1b2748');
  let x = 0;
  while (x < w) {
    const bw = 16 + rng() * 42;
    const bh = 18 + Math.pow(rng(), 1.5) * 62;
    const top = quay - bh;
    const pitched = rng() < 0.55;
    const roof = pitched ? bw * (0.22 + rng() * 0.15) : 3;
    const facade = mix(scale(pastel[Math.floor(rng() * pastel.length)], 0.3), dusk, 0.45);
    const roofCol = mix(pitched ? hex('#5a2e28') : hex('#2b2f3a'), dusk, 0.6);
    const fseed = Math.floor(rng() * 1e6);
    for (let y = Math.floor(top - roof); y < quay + 4; y++) {
      let xl = x;
      let xr = x + bw;
      let col = facade;
      if (y < top) {
        const k = (y - (top - roof)) / roof;
        if (pitched) {
          xl = x - 2 + (bw / 2 + 2) * (1 - k);
          xr = x + bw + 2 - (bw / 2 + 2) * (1 - k);
        }
        col = roofCol;
      } else {
        col = scale(facade, 0.9 + 0.2 * vnoise(x * 0.3, y * 0.08, fseed) - 0.25 * ((y - top) / bh));
      }
      for (let xx = Math.floor(xl); xx < xr; xx++) c.blend(xx, y, col, clamp(Math.min(xx + 1, xr) - Math.max(xx, xl)));
    }
    // windows: a grid per house, some lit in warm or cool light
    const ww = 3 + Math.floor(rng() * 2);
    const wh = 4 + Math.floor(rng() * 2);
    for (let wy = top + 6; wy < quay - 8; wy += wh + 5) {
      for (let wx = x + 5; wx < x + bw - 6; wx += ww + 5) {
        const r = rng();
        const col = r < 0.3 ? mix(hex('#ffc774'), hex('#ffe2b0'), rng()) : r < 0.36 ? hex('#9fc4ff') : mix(facade, hex('#0b1020'), 0.5);
        for (let yy = 0; yy < wh; yy++) for (let xx = 0; xx < ww; xx++) c.blend(Math.floor(wx) + xx, Math.floor(wy) + yy, col, 0.95);
        if (r < 0.36) glow(c, wx + ww / 2, wy + wh / 2, col, 4, 0.15, 1);
      }
    }
    x += bw + (rng() < 0.15 ? rng() * 16 : 0);
  }
  // church tower and lighthouse
  const tx = w * 0.58;
  for (let y = Math.floor(quay - 130); y < quay; y++) {
    const k = y < quay - 105 ? (y - (quay - 130)) / 25 : 1;
    const hw = 5 + 6 * k;
    for (let xx = Math.floor(tx - hw); xx < tx + hw; xx++) c.blend(xx, y, mix(hex('#3a3644'), dusk, 0.5), 1);
  }
  lamp(tx, quay - 95, hex('#ffd9a0'), 4, 0.6);
  const lx = w * 0.9;
  for (let y = Math.floor(quay - 90); y < quay; y++) {
    const hw = 4 + ((y - (quay - 90)) / 90) * 4;
    for (let xx = Math.floor(lx - hw); xx < lx + hw; xx++) c.blend(xx, y, (y >> 3) % 2 ? hex('#8f8c96') : hex('#5a2430'), 0.9);
  }
  lamp(lx, quay - 94, hex('#fff0c8'), 14, 0.8, 3.5);
  glow(c, lx, quay - 94, hex('#ffd38a'), 60, 0.25, 1);
  // quay wall and lamps
  for (let xx = 0; xx < w; xx++) for (let y = quay; y < H; y++) c.blend(xx, y, hex('#2c3142'), 0.9);
  for (let lxp = w * 0.03; lxp < w; lxp += w * (0.045 + rng() * 0.03)) {
    for (let y = quay - 22; y < quay; y++) c.blend(Math.floor(lxp), y, hex('#0b0f1c'), 1);
    lamp(lxp + 0.5, quay - 23, hex('#ffc77a'), 9, 0.55, 2.2);
  }
  water(c, {
    horizon: H,
    tint: hex('#0c1833'),
    reflect: 0.55,
    reflectFar: 0.85,
    amp: 9,
    fx: 10,
    fz: 7,
    seed: seed + 3,
    darken: 0.2,
  });
  // long, broken reflections of the lights
  for (const L of lights) {
    const ym = 2 * H - L.y;
    const len = (ym - H) * 1.6 + 60;
    const sd = Math.floor(L.x * 13);
    for (let y = H; y < Math.min(h, ym + len); y++) {
      const fall = Math.exp(-Math.abs(y - ym) / (len * 0.45));
      const on = smoothstep(0.42, 0.62, vnoise(y * 0.45, 0.5, sd));
      if (on <= 0) continue;
      const xc = L.x + (vnoise(y * 0.12, 3.5, sd) - 0.5) * (4 + (y - H) * 0.05);
      const hw = 1 + (y - H) * 0.012 + vnoise(y * 0.3, 9.5, sd) * 1.5;
      for (let xx = Math.floor(xc - hw - 1); xx <= xc + hw + 1; xx++) {
        const a = clamp(hw + 0.5 - Math.abs(xx - xc)) * fall * on * L.k * 1.3;
        c.screen(xx, y, L.col, a);
      }
    }
  }
  // moored boats with reflections
  for (let b = 0; b < 4; b++) {
    const bx = w * (0.12 + 0.22 * b + rng() * 0.08);
    const wl = H + h * (0.05 + rng() * 0.22);
    const s = 0.6 + ((wl - H) / (h - H)) * 1.4;
    const len = (70 + rng() * 40) * s;
    const hull = new Mask(w, h);
    for (let y = Math.floor(wl - 12 * s); y < wl; y++) {
      const k = (y - (wl - 12 * s)) / (12 * s);
      hull.span(y, bx - len / 2 + k * 10 * s, bx + len / 2 - k * 18 * s);
    }
    const cabin = new Mask(w, h);
    for (let y = Math.floor(wl - 20 * s); y < wl - 12 * s; y++) cabin.span(y, bx - len * 0.15, bx + len * 0.12);
    const mastH = (110 + rng() * 50) * s;
    for (let y = Math.floor(wl - 12 * s - mastH); y < wl - 12 * s; y++) hull.span(y, bx - 1 * s, bx + 1 * s);
    // reflection first
    for (const m of [hull, cabin]) {
      for (let y = m.y0; y < m.y1; y++) {
        const ry = Math.round(2 * wl - y);
        if (ry >= h) continue;
        const jit = (vnoise(ry * 0.25, b, seed + 9) - 0.5) * 8 * s;
        for (let xx = 0; xx < w; xx++) {
          const a = m.m[y * w + xx];
          if (a > 0) c.blend(Math.round(xx + jit), ry, hex('#070c1a'), a * 0.55);
        }
      }
    }
    paintMask(c, hull, (xx, yy) => mix(hex('#0a0f1e'), hex('#2a3350'), clamp((wl - yy) / (14 * s)) * 0.6 * vnoise(xx * 0.05, 1, b)));
    paintMask(c, cabin, hex('#1a2036'));
    disc(c, bx, wl - 12 * s - mastH, 1.6 * s, hex('#fff3d6'));
    glow(c, bx, wl - 12 * s - mastH, hex('#ffd08a'), 6 * s, 0.5, 1);
  }
}

function sunsetOverTheBay(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const H = Math.round(h * 0.6);
  const sun: [number, number] = [w * 0.5, H - h * 0.045];
  skyGradient(
    c,
    [
      [0, hex('#2f2b59')],
      [0.35, hex('#7c3f66')],
      [0.65, hex('#d9604a')],
      [0.88, hex('#f7a04a')],
      [1, hex('#ffc978')],
    ],
    H,
  );
  glow(c, sun[0], sun[1], hex('#fff0b0'), w * 0.03, 1, 1, h, 1);
  glow(c, sun[0], sun[1], hex('#ffb060'), w * 0.14, 0.7, 1, h, 0.7);
  glow(c, sun[0], sun[1], hex('#ff7a40'), w * 0.45, 0.35, 1.2, h, 0.6);
  disc(c, sun[0], sun[1], w * 0.019, hex('#fff6d8'), 0.1);
  clouds(c, {
    horizon: H,
    cover: 0.5,
    soft: 0.16,
    sx: 3.2,
    sz: 1.5,
    seed: seed + 1,
    lit: hex('#ff9a62'),
    shade: hex('#3a2340'),
    opacity: 0.95,
    sun,
    stretch: 2.6,
    rim: hex('#ffd890'),
  });
  // distant islands
  const isl = ridgeProfile(w, rng, { base: H + 2, amp: h * 0.05, rough: 0.5, smooth: 10 });
  for (let x = 0; x < w; x++) isl[x] = x < w * 0.64 ? H + 5 : lerp(H + 2, isl[x] - h * 0.02, smoothstep(w * 0.64, w * 0.7, x));
  const im = new Mask(w, h);
  im.below(isl, H);
  paintMask(c, im, silhouette(hex('#7c4a63'), hex('#d9826c'), 0.35, seed + 2));
  // headland on the left
  const head = new Float64Array(w);
  const noiseP = midpoint(w, 0.55, rng);
  for (let x = 0; x < w; x++) {
    const t = x / (w * 0.42);
    head[x] = t < 1 ? lerp(h * 0.3, H, smoothstep(0, 1, t) ** 0.8) + (noiseP[x] - 0.5) * h * 0.05 : H + 10;
  }
  const hm = new Mask(w, h);
  forest(hm, head.map((v) => (v >= H ? h * 3 : v)), rng, h * 0.012, h * 0.04, 9);
  hm.below(head, H);
  paintMask(c, hm, silhouette(hex('#2a1628'), hex('#b0566a'), 0.12, seed + 3));
  water(c, {
    horizon: H,
    tint: hex('#3b2440'),
    reflect: 0.55,
    reflectFar: 0.9,
    amp: 7,
    fx: 7,
    fz: 12,
    seed: seed + 4,
    glint: { x: sun[0], col: hex('#fff0c0'), width: w * 0.015, spread: 0.07, strength: 1.1, thr: 0.6 },
  });
  // foreground rocks, right
  const rocks = new Mask(w, h);
  const rp = midpoint(w, 0.62, rng);
  const rt = new Float64Array(w);
  for (let x = 0; x < w; x++) rt[x] = lerp(h * 1.1, h * 0.85 + (rp[x] - 0.5) * h * 0.09, smoothstep(w * 0.62, w * 0.86, x));
  rocks.below(rt);
  paintMask(c, rocks, (x, y) => {
    const n = fbm(x / 30, y / 30, seed + 5, 5);
    const rim = clamp(1 - (y - rt[x]) / 10) * smoothstep(0.45, 0.3, Math.abs(x / w - 0.5));
    return mix(mix(hex('#140c16'), hex('#3a2430'), n), hex('#ffb070'), rim * 0.5);
  });
}

function turquoiseCoveNoon(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.34);
  const sun = sunDir(-150, 62);
  skyGradient(
    c,
    [
      [0, hex('#1d68bd')],
      [0.6, hex('#5fa6e0')],
      [1, hex('#d4ebf7')],
    ],
    Y0,
  );
  clouds(c, {
    horizon: Y0,
    cover: 0.6,
    soft: 0.09,
    sx: 2.4,
    sz: 1,
    seed: seed + 1,
    lit: hex('#ffffff'),
    shade: hex('#a8bcd4'),
    opacity: 0.95,
    sun: [-w, -h],
  });
  const height = (x: number, z: number, oct: number, fp: number, _fp0: number): number => {
    let y = 2.4 - (z - 40) * 0.05 + (fbm(x / 60, z / 60, seed + 2, 3) - 0.5) * 1.2;
    y = Math.max(y, -28 - z * 0.003);
    y += (ridgedMF(x / 70, z / 70, seed + 3, Math.min(oct, 5)) - 0.45) * 7 * smoothstep(120, 260, z);
    const coastX = 55 + z * 0.11 + (fbm(z / 220, 0.5, seed + 4, 4) - 0.5) * 90;
    const e = x - coastX;
    const tip = 1 - smoothstep(1200, 1700, z + (fbm(x / 150, 3, seed + 5, 3) - 0.5) * 400);
    const top = 55 + 55 * fbm(x / 300, z / 300, seed + 6, 4) + 40 * smoothstep(200, 900, z);
    const rough = (fbm(x / 45, z / 45, seed + 7, Math.min(oct, 7)) - 0.5) * 40;
    const boulders = (ridgedMF(x / 9, z / 9, seed + 17, Math.min(oct, 6)) - 0.5) * 5 * smoothstep(0.5, 0.15, fp);
    const cliff = smoothstep(0, 22, e + rough) * top * tip + boulders * smoothstep(-14, 4, e + rough) * tip;
    y = Math.max(y, cliff - 3);
    const far = smoothstep(3200, 4200, z) * (60 + 260 * fbm(x / 900, z / 900, seed + 8, Math.min(oct, 7))) * smoothstep(-300, -900, x - z * 0.08);
    y = Math.max(y, far - 20);
    // hummocks and trampled patches on the dry sand close to the camera
    if (z < 120 && y > 0.6) y += smoothstep(0.6, 1.6, y) * (fbmLod(x, z * 1.4, seed + 19, 6, fp, 4) - 0.5) * 0.5;
    return y;
  };
  const grid = new Grid((x, z) => height(x, z, 6, 10, 10), -3000, -100, 6000, 500);
  const sunCol = scale(hex('#fff6e8'), 1.05);
  const skyCol = scale(hex('#8cbce8'), 0.42);
  const camY = 42;
  terrain(c, {
    height,
    maxOct: 12,
    wavelength: 300,
    cam: { x: 0, y: camY, z: 0 },
    hfov: 52,
    horizon: Y0,
    zNear: 1,
    zFar: 12000,
    sun,
    shadows: grid,
    softness: 0.08,
    waterLevel: 0,
    fog: { density: 0.00012, col: hex('#d8ebf5'), amt: 0.5 },
    shade: (p) => {
      if (p.water) {
        const d = p.depth;
        const rip = fbmLod(p.x * 0.36, p.z, seed + 9, 2.5, p.fp, 4);
        const sand = scale(hex('#efdcb2'), 1.0);
        const T: RGB = [Math.exp(-d * 0.55), Math.exp(-d * 0.11), Math.exp(-d * 0.085)];
        const floor = mix(sand, hex('#6f7f55'), smoothstep(0.5, 0.75, fbm(p.x / 40, p.z / 40, seed + 10, 4)) * smoothstep(2, 6, d) * 0.6);
        const deep = hex('#0d4f86');
        let col: RGB = [floor[0] * T[0] + deep[0] * (1 - T[0]) * 0.9, floor[1] * T[1] + deep[1] * (1 - T[1]), floor[2] * T[2] + deep[2] * (1 - T[2])];
        col = scale(col, 0.85 + 0.3 * rip);
        const cosT = camY / p.dist;
        const F = clamp(0.03 + 0.97 * Math.pow(1 - cosT, 6) + (rip - 0.5) * 0.3);
        col = mix(col, scale(p.sky, 1.02), F);
        // surf: shore break and a couple of broken wave lines
        const fn = fbmLod(p.x * 0.4, p.z, seed + 11, 2, p.fp, 4);
        const shore = 1 - smoothstep(0.15, 0.7 + fn * 0.5, d);
        const wave1 = Math.exp(-(((d - 1.6 - (fn - 0.5) * 0.8) / 0.25) ** 2)) * smoothstep(0.45, 0.62, fn);
        const wave2 = Math.exp(-(((d - 3.2 - (fn - 0.5) * 1.2) / 0.3) ** 2)) * smoothstep(0.5, 0.66, fn) * 0.7;
        const foam = clamp(shore * smoothstep(0.35, 0.55, fn) + wave1 + wave2);
        col = mix(col, hex('#f6fbfb'), foam * 0.95);
        const gl = clamp((rip - 0.7) / 0.3) ** 2 * (1 - F);
        return mix(col, hex('#ffffff'), gl * 0.8);
      }
      const n1 = fbm(p.x / 8, p.z / 8 + p.y / 6, seed + 12, 4);
      const strata = fbm(p.x / 200 + p.z / 300, p.y / 2.5, seed + 13, 3);
      const rock = mix(hex('#8f6543'), hex('#d2ab7c'), contrast(strata, 1.8) * 0.7 + n1 * 0.3);
      const scrub = smoothstep(0.72, 0.88, p.n[1]) * smoothstep(8, 20, p.y);
      const green = mix(hex('#3e5a22'), hex('#8a9a45'), fbmLod(p.x, p.z, seed + 14, 3, p.fp, 3));
      let alb = mix(rock, green, scrub);
      const beach = 1 - smoothstep(5, 8, p.y);
      const sandA = scale(mix(hex('#c9b38c'), hex('#dccaa6'), fbm(p.x / 30, p.z / 30, seed + 15, 3)), 0.88 + 0.24 * fbmLod(p.x, p.z, seed + 16, 3, p.fp));
      const wet = 1 - smoothstep(0.1, 0.9, p.y);
      // a dark wrack line of dried seaweed along the last high tide, and scattered pebbles
      const wrack = Math.exp(-(((p.y - 1.5 - (fbmLod(p.x, p.z, seed + 20, 8, p.fp, 3) - 0.5) * 0.8) / 0.12) ** 2));
      let sandB = mix(sandA, hex('#b7a282'), wet * 0.8);
      sandB = mix(sandB, hex('#7d6b52'), wrack * 0.45 * smoothstep(0.3, 0.6, fbmLod(p.x, p.z, seed + 21, 3, p.fp, 3)));
      const pebbles = smoothstep(0.72, 0.8, fbmLod(p.x, p.z, seed + 22, 1.2, p.fp, 3));
      sandB = mix(sandB, hex('#8d8378'), pebbles * 0.35);
      alb = mix(alb, sandB, beach * (p.n[1] > 0.9 ? 1 : 0.3));
      return light(alb, p, sunCol, skyCol);
    },
  });
}

function milkyWayOverTheRidge(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const H = h * 0.8;
  skyGradient(
    c,
    [
      [0, hex('#03050c')],
      [0.6, hex('#0a1026')],
      [0.9, hex('#18223e')],
      [1, hex('#2a3048')],
    ],
    H,
  );
  glow(c, w * 0.12, H + 40, hex('#a86a45'), w * 0.25, 0.35, 1.3, h, 0.5);
  glow(c, w * 0.8, H + 20, hex('#3f6a5c'), w * 0.3, 0.15, 1.3, h, 0.4);
  // Milky Way band
  const ang = -1.1;
  const ca = Math.cos(ang);
  const sa = Math.sin(ang);
  const x0 = w * 0.38;
  const y0 = H * 0.95;
  const band = (x: number, y: number): number => {
    const along = (x - x0) * ca + (y - y0) * sa;
    const across = -(x - x0) * sa + (y - y0) * ca;
    const wv = h * (0.11 + 0.04 * Math.sin(along / h * 3));
    return Math.exp(-((across / wv) ** 2)) * (0.55 + 0.45 * Math.exp(-Math.abs(along) / (h * 0.6)));
  };
  for (let y = 0; y < H + 10; y++) {
    for (let x = 0; x < w; x++) {
      const b = band(x, y);
      if (b < 0.01) continue;
      const along = (x - x0) * ca + (y - y0) * sa;
      const across = -(x - x0) * sa + (y - y0) * ca;
      const cloud = fbm(along / 120, across / 60, seed + 1, 6);
      const dust = smoothstep(0.45, 0.7, fbm(along / 200, across / 45, seed + 2, 6)) * Math.exp(-((across / (h * 0.05)) ** 2));
      const core = Math.exp(-Math.abs(along) / (h * 0.35));
      const col = mix(hex('#9fb4e6'), hex('#f2d6b0'), core);
      const a = b * (0.18 + 0.62 * contrast(cloud, 2.4)) * (1 - 0.85 * dust) * 0.8;
      c.screen(x, y, col, a);
      if (dust > 0.2) c.blend(x, y, hex('#05060c'), dust * 0.25 * b);
    }
  }
  stars(c, rng, { count: 6000, yMax: H, bright: 0.9 });
  stars(c, rng, { count: 16000, yMax: H, bright: 0.5, density: (x, y) => band(x, y) });
  // ridge + pines
  const ridge = ridgeProfile(w, rng, { base: H + h * 0.06, amp: h * 0.16, rough: 0.55, smooth: 5 });
  const far = ridgeProfile(w, rng, { base: H + h * 0.03, amp: h * 0.08, rough: 0.5, smooth: 8 });
  const fm = new Mask(w, h);
  fm.below(far);
  paintMask(c, fm, silhouette(hex('#111729'), hex('#2a3048'), 0.3, seed + 3));
  const m = new Mask(w, h);
  forest(m, ridge, rng, h * 0.03, h * 0.11, 16);
  m.below(ridge);
  paintMask(c, m, silhouette(hex('#04060a'), hex('#0c1020'), 0.1, seed + 4));
  // a glowing tent on the ridge
  const tx = Math.floor(w * 0.7);
  let ty = ridge[tx];
  for (let x = tx - 20; x < tx + 20; x++) ty = Math.min(ty, ridge[x]);
  ty = ridge[tx] + 2;
  const tent = new Mask(w, h);
  for (let y = Math.floor(ty - 26); y < ty; y++) {
    const k = (y - (ty - 26)) / 26;
    tent.span(y, tx - k * 24, tx + k * 22);
  }
  paintMask(c, tent, (x, y) => mix(hex('#ffb65c'), hex('#ff7a2a'), clamp((y - ty + 26) / 26 + (x - tx) / 60)));
  glow(c, tx, ty - 10, hex('#ff9a45'), 30, 0.5, 1);
  glow(c, tx, ty - 10, hex('#ff8a40'), 120, 0.12, 1);
}

function moonriseOverTheLake(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const H = Math.round(h * 0.62);
  const moon: [number, number] = [w * 0.62, h * 0.3];
  skyGradient(
    c,
    [
      [0, hex('#08102a')],
      [0.55, hex('#1a2f5e')],
      [1, hex('#3f5b8c')],
    ],
    H,
  );
  glow(c, moon[0], moon[1], hex('#c8d6f0'), h * 0.05, 0.7, 1);
  glow(c, moon[0], moon[1], hex('#7f9ccd'), h * 0.3, 0.35, 1.1);
  stars(c, rng, {
    count: 1400,
    yMax: H,
    bright: 0.7,
    dim: (x, y) => smoothstep(h * 0.08, h * 0.4, Math.hypot(x - moon[0], y - moon[1])),
  });
  clouds(c, {
    horizon: H,
    cover: 0.6,
    soft: 0.14,
    sx: 1.3,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#c9d4ea'),
    shade: hex('#233660'),
    opacity: 0.6,
    sun: moon,
    stretch: 2.5,
    rim: hex('#eef2ff'),
  });
  const hills = ridgeProfile(w, rng, { base: H, amp: h * 0.09, rough: 0.52, smooth: 10 });
  const hm = new Mask(w, h);
  forest(hm, hills, rng, h * 0.01, h * 0.025, 4, { jag: 0.5 });
  hm.below(hills, H + 1);
  paintMask(c, hm, silhouette(hex('#0e1730'), hex('#2c426e'), 0.35, seed + 3));
  water(c, {
    horizon: H,
    tint: hex('#0b1530'),
    reflect: 0.5,
    reflectFar: 0.85,
    amp: 16,
    fx: 12,
    fz: 8,
    seed: seed + 4,
    glint: { x: moon[0], col: hex('#e8eeff'), width: w * 0.008, spread: 0.06, strength: 0.9, thr: 0.56 },
  });
  // the moon disc goes in after the water pass: its reflection is the broken glitter path
  disc(c, moon[0], moon[1], h * 0.028, hex('#f6f2e4'), 0.2, seed + 2, 0.22);
  // framing pines, both sides
  const m = new Mask(w, h);
  const ground = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const e = Math.min(x, w - x) / w;
    ground[x] = h * 0.9 + smoothstep(0, 0.3, e) * h * 0.3;
  }
  for (let i = 0; i < 16; i++) {
    const left = i % 2 === 0;
    const x = left ? rng() * w * 0.2 : w - rng() * w * 0.16;
    const hh = h * (0.35 + rng() * 0.6);
    pine(m, x, ground[Math.floor(clamp(x, 0, w - 1))] + 20, hh, rng, { jag: 1.6 });
  }
  m.below(ground);
  paintMask(c, m, silhouette(hex('#03060d'), hex('#0b1530'), 0.05, seed + 5));
}

function desertDunesGoldenHour(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.4);
  const hfov = 58;
  const f = w / 2 / Math.tan((hfov * Math.PI) / 360);
  const az = -60;
  const el = 7;
  const sun = sunDir(az, el);
  const sunX = w / 2 + f * Math.tan((az * Math.PI) / 180);
  skyGradient(
    c,
    [
      [0, hex('#4f79a6')],
      [0.55, hex('#a9b3b5')],
      [0.85, hex('#efc690')],
      [1, hex('#f6d29c')],
    ],
    Y0,
  );
  glow(c, Math.max(sunX, -w * 0.3), Y0 - f * Math.tan((el * Math.PI) / 180), hex('#ffd89a'), w * 0.45, 0.5, 1.1);
  clouds(c, {
    horizon: Y0,
    cover: 0.6,
    soft: 0.12,
    sx: 1.2,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#ffe2b8'),
    shade: hex('#b79a98'),
    opacity: 0.6,
    sun: [sunX, Y0 - 100],
    stretch: 3,
  });
  const height = (x: number, z: number, oct: number, fp: number, _fp0: number): number => {
    const warp = (fbm(x / 900, z / 900, seed + 2, 3) - 0.5) * 700;
    const warp2 = oct >= 4 ? (fbm(x / 240, z / 240, seed + 3, 3) - 0.5) * 140 : 0;
    // crests run away from the camera, so both the lit windward and the shaded lee faces show
    const p = (x * 0.92 + z * 0.38 + warp + warp2) / 450;
    const t = p - Math.floor(p);
    const prof = t < 0.78 ? Math.pow(t / 0.78, 1.6) : Math.pow(1 - (t - 0.78) / 0.22, 1.25);
    const ampV = 32 + 80 * fbm(x / 1400, z / 1400, seed + 4, 3);
    let y = prof * ampV + 90 * fbm(x / 3000, z / 3000, seed + 5, 3);
    // wind ripples, only where they are several pixels long
    const rk = smoothstep(0.5, 0.12, fp);
    if (rk > 0) y += 0.035 * rk * Math.sin((x * 0.75 - z * 0.66) * 3.2 + warp2 * 0.08 + fbm(x / 6, z / 6, seed + 6, 2) * 4);
    return y;
  };
  const grid = new Grid((x, z) => height(x, z, 5, 10, 10), -9000, -300, 18000, 900);
  const cam = { x: 400, y: height(400, 400, 9, 0.01, 0.01) + 40, z: 400 };
  const sunCol = scale(hex('#ffc68a'), 2.3);
  const skyCol = scale(hex('#86a2cc'), 0.55);
  terrain(c, {
    height,
    maxOct: 10,
    wavelength: 300,
    cam,
    hfov,
    horizon: Y0,
    zNear: 1,
    zFar: 16000,
    sun,
    shadows: grid,
    softness: 0.03,
    fog: { density: 0.00018, col: hex('#f2c995'), amt: 0.6 },
    shade: (p) => {
      const n1 = fbm(p.x / 80, p.z / 80, seed + 7, 3);
      const alb = scale(mix(hex('#d08a4c'), hex('#e6a566'), n1), 0.95 + 0.1 * fbmLod(p.x, p.z, seed + 8, 0.4, p.fp, 2));
      return light(alb, p, sunCol, skyCol);
    },
  });
}

// ---------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------

interface PhotoSpec {
  file: string; // relative to demo/originals
  w: number; // displayed width
  h: number; // displayed height
  render: Render;
  caption: string;
  exifCaption?: string; // ASCII rendering for EXIF when the caption is not ASCII
  alt: string;
  date: string; // local "YYYY-MM-DDTHH:MM:SS"
  offset: string; // "+02:00"
  model: string;
  /** How it was "taken", as a camera records it (EXIF rationals: "1/500", "28/10"); the lens only for an interchangeable one. */
  shot: { lens?: string; focalLength: string; fNumber: string; exposureTime: string; iso: number };
  sidecar: boolean;
  sideways?: boolean; // store rotated with EXIF Orientation 6
  grain: number;
  vignette: number;
}

const PHOTOS: PhotoSpec[] = [
  {
    file: 'mountains/alpine-lake-dawn.jpg',
    w: 1600,
    h: 1067,
    render: alpineLakeDawn,
    caption: 'First light on the peaks, mirrored in a perfectly still alpine lake.',
    alt: 'Snow-capped mountains glowing pink at dawn above a calm lake that reflects them, with a dark line of pine trees along the far shore and rocks in the foreground.',
    date: '2024-07-14T05:42:10',
    offset: '+02:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 24-70mm F2.8', focalLength: '24/1', fNumber: '11/1', exposureTime: '1/60', iso: 100 },
    sidecar: true,
    grain: 0.022,
    vignette: 0.28,
  },
  {
    file: 'mountains/blue-ridges-panorama.jpg',
    w: 2000,
    h: 850,
    render: blueRidgesPanorama,
    caption: 'Seven ridgelines fading into the afternoon haze.',
    alt: 'Panorama of layered mountain ridges that get paler and bluer with distance, under a hazy golden sky with the sun high on the right.',
    date: '2023-10-08T16:26:45',
    offset: '-04:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 70-200mm F4', focalLength: '135/1', fNumber: '8/1', exposureTime: '1/500', iso: 200 },
    sidecar: true,
    grain: 0.028,
    vignette: 0.22,
  },
  {
    file: 'mountains/pine-forest-fog.jpg',
    w: 1067,
    h: 1600,
    render: pineForestFog,
    caption: 'Morning fog drifting between rows of pines.',
    alt: 'Tall portrait view of a pine forest in thick morning fog: rows of pine silhouettes fade from dark in front to pale grey in the distance, with soft sunlight breaking through.',
    date: '2024-11-02T08:12:31',
    offset: '+01:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 24-70mm F2.8', focalLength: '50/1', fNumber: '56/10', exposureTime: '1/125', iso: 400 },
    sidecar: true,
    sideways: true,
    grain: 0.03,
    vignette: 0.25,
  },
  {
    file: 'mountains/glacier-valley-noon.jpg',
    w: 1600,
    h: 1067,
    render: glacierValleyNoon,
    caption: 'Midday on the high pasture: snowfields, blue sky and a forested valley below.',
    alt: 'A jagged range of grey, snow-streaked mountains under a bright blue sky with white clouds, above green slopes, patches of dark pine forest and a grassy meadow in the foreground.',
    date: '2025-06-21T12:47:22',
    offset: '+02:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 16-35mm F4', focalLength: '16/1', fNumber: '8/1', exposureTime: '1/250', iso: 100 },
    sidecar: true,
    grain: 0.022,
    vignette: 0.2,
  },
  {
    file: 'sea/harbour-blue-hour.jpg',
    w: 1600,
    h: 1067,
    render: harbourBlueHour,
    caption: "From the café terrace — the harbour's last light before the lamps take over.",
    exifCaption: "From the cafe terrace - the harbour's last light before the lamps take over.",
    alt: 'A small harbour town at dusk under a deep blue sky with a pink glow on the horizon; lit windows, quay lamps and a striped lighthouse reflect in the water, and sailboats are moored in the foreground.',
    date: '2024-09-06T20:31:40',
    offset: '+02:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '2/1', exposureTime: '1/30', iso: 1600 },
    sidecar: true,
    grain: 0.03,
    vignette: 0.3,
  },
  {
    file: 'sea/sunset-over-the-bay.jpg',
    w: 1600,
    h: 1067,
    render: sunsetOverTheBay,
    caption: 'The sun sinking into the bay, with the headland already in shadow.',
    alt: 'An orange sun setting over the sea beneath streaks of glowing cloud, a golden path of light on the water, a dark wooded headland on the left and rocks in the lower right.',
    date: '2023-08-19T20:14:05',
    offset: '+01:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '8/1', exposureTime: '1/1000', iso: 160 },
    sidecar: true,
    grain: 0.028,
    vignette: 0.3,
  },
  {
    file: 'sea/turquoise-cove-noon.jpg',
    w: 1067,
    h: 1600,
    render: turquoiseCoveNoon,
    caption: 'Turquoise water and white foam in a sheltered cove at noon.',
    alt: 'Portrait view from above a sandy beach with pebbles and a line of dried seaweed, small white waves, clear turquoise water turning deep blue towards the horizon, a tall brown cliff on the right and a green headland in the distance.',
    date: '2025-05-03T13:05:48',
    offset: '+03:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '56/10', exposureTime: '1/2000', iso: 160 },
    sidecar: true,
    grain: 0.024,
    vignette: 0.18,
  },
  {
    file: 'night/milky-way-over-the-ridge.jpg',
    w: 1600,
    h: 1067,
    render: milkyWayOverTheRidge,
    caption: 'The Milky Way rising over camp on a moonless summer night.',
    alt: 'A night sky full of stars with the bright band of the Milky Way running diagonally, above a black ridge lined with pine trees and a small tent glowing orange.',
    date: '2023-06-17T01:22:09',
    offset: '-06:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 14mm F1.8', focalLength: '14/1', fNumber: '18/10', exposureTime: '20/1', iso: 3200 },
    sidecar: true,
    grain: 0.034,
    vignette: 0.3,
  },
  {
    file: 'night/moonrise-over-the-lake.jpg',
    w: 1600,
    h: 1067,
    render: moonriseOverTheLake,
    caption: 'Moonrise over the lake, framed by the pines on the shore.',
    alt: 'A bright moon in a deep blue night sky with thin clouds and stars, shining over low forested hills and a lake with a silver path of moonlight, framed by tall black pine trees on both sides.',
    date: '2025-01-12T18:48:30',
    offset: '+01:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 70-200mm F4', focalLength: '200/1', fNumber: '4/1', exposureTime: '1/2', iso: 1600 },
    sidecar: true,
    grain: 0.034,
    vignette: 0.3,
  },
  {
    file: 'desert-dunes-golden-hour.jpg',
    w: 1200,
    h: 1200,
    render: desertDunesGoldenHour,
    caption: 'Wind-carved dunes catching the last golden light of the afternoon.',
    alt: 'Rolling sand dunes in warm golden light with sharp crests dividing lit and shaded slopes, under a hazy sky with the low sun on the left.',
    date: '2024-03-02T17:51:12',
    offset: '+04:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '11/1', exposureTime: '1/500', iso: 160 },
    sidecar: false,
    grain: 0.03,
    vignette: 0.25,
  },
];

const LICENSE_MD = `# Demo photos — licence

The images in this folder (and their \`.json\` sidecars) were generated
procedurally by \`scripts/make-demo-photos.ts\`: every pixel is computed from
seeded noise by that script. No photographs, stock images or other third-party
material were used.

They are dedicated to the public domain under
[CC0 1.0 Universal](https://creativecommons.org/publicdomain/zero/1.0/).
You may copy, modify and use them for any purpose without asking permission.

Regenerate them (byte-identical) with:

    npx tsx scripts/make-demo-photos.ts
`;

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(root, 'demo', 'originals');
  const only = process.argv.slice(2);
  const t0 = performance.now();
  for (const p of PHOTOS) {
    if (only.length && !only.some((o) => p.file.includes(o))) continue;
    const t1 = performance.now();
    const seed = hashString(p.file);
    const rng = mulberry32(seed);
    const canvas = new Canvas(p.w, p.h);
    p.render(canvas, rng, seed);
    let pixels = develop(canvas, mulberry32(seed ^ 0x9e3779b9), { grain: p.grain, vignette: p.vignette });
    let w = p.w;
    let h = p.h;
    if (p.sideways) {
      pixels = rotateCCW(pixels, w, h);
      [w, h] = [h, w];
    }
    const [date, time] = p.date.split('T');
    const exifDate = `${date.replaceAll('-', ':')} ${time}`;
    // withMetadata: 72 dpi, an sRGB ICC profile like a camera JPEG, and for the
    // sideways photo EXIF Orientation 6 (withExif alone cannot set the orientation)
    const jpeg = await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
      .withMetadata({ density: 72, ...(p.sideways ? { orientation: 6 } : {}) })
      .withExif({
        IFD0: {
          ImageDescription: p.exifCaption ?? p.caption,
          Make: 'Photo-Frame Demo',
          Model: p.model,
          Artist: 'scripts/make-demo-photos.ts',
          Copyright: 'CC0 - generated for the photo-frame demo',
          Software: 'make-demo-photos.ts (sharp)',
          DateTime: exifDate,
        },
        IFD2: {
          DateTimeOriginal: exifDate,
          DateTimeDigitized: exifDate,
          OffsetTime: p.offset,
          OffsetTimeOriginal: p.offset,
          OffsetTimeDigitized: p.offset,
          FocalLength: p.shot.focalLength,
          FNumber: p.shot.fNumber,
          ExposureTime: p.shot.exposureTime,
          ISOSpeedRatings: String(p.shot.iso),
          ...(p.shot.lens ? { LensMake: 'Photo-Frame Demo', LensModel: p.shot.lens } : {}),
        },
      })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    const file = path.join(outDir, p.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, jpeg);
    if (p.sidecar) {
      const sidecar = { caption: p.caption, alt: p.alt, date: `${p.date}${p.offset}` };
      await writeFile(`${file}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
    } else {
      await rm(`${file}.json`, { force: true }); // this one must rely on its EXIF
    }
    const ms = Math.round(performance.now() - t1);
    console.log(`${p.file.padEnd(40)} ${String(Math.round(jpeg.length / 1024)).padStart(4)} KB  ${p.w}x${p.h}${p.sideways ? ' (stored sideways, orientation 6)' : ''}  ${ms} ms`);
  }
  await writeFile(path.join(outDir, 'LICENSE.md'), LICENSE_MD);
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
