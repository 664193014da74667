/**
 * Value noise from a pure integer hash, its fractal sums (fBm, ridged) and 1-D
 * midpoint displacement: the texture of every scene, the same on every machine.
 */
import { clamp, type Rng } from './maths.js';

export function hash2(ix: number, iy: number, seed: number): number {
  let h = (Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x3c6ef372)) | 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function vnoise(x: number, y: number, seed: number): number {
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
export function fbm(x: number, y: number, seed: number, octaves = 5, gain = 0.5): number {
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
export function fbmLod(x: number, y: number, seed: number, size: number, fp: number, maxOct = 6): number {
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
export function ridged(x: number, y: number, seed: number, octaves = 5): number {
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
export const contrast = (v: number, k: number): number => clamp(0.5 + (v - 0.5) * k);

/** 1-D midpoint displacement, normalised to [0,1]; `rough` = 2^-H. */
export function midpoint(n: number, rough: number, rng: Rng): Float64Array {
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
