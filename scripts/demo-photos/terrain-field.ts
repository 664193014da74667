/**
 * What the heightfield scenes are made of: vectors and the sun's direction,
 * ridged multifractal terrain, tree crowns, the sample a renderer shades, and
 * a coarse grid for cheap shadow rays.
 */
import { clamp, lerp, type RGB } from './maths.js';
import { hash2, vnoise } from './noise.js';

export type Vec3 = readonly [number, number, number];
export const norm3 = (v: Vec3): Vec3 => {
  const l = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
};
/** Direction towards the sun from azimuth (deg, 0 = straight ahead, <0 = left) and elevation (deg). */
export const sunDir = (az: number, el: number): Vec3 => {
  const a = (az * Math.PI) / 180;
  const e = (el * Math.PI) / 180;
  return [Math.sin(a) * Math.cos(e), Math.sin(e), Math.cos(a) * Math.cos(e)];
};

/** Ridged multifractal (Musgrave) on value noise, ~[0,1]. */
export function ridgedMF(x: number, y: number, seed: number, octaves: number): number {
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
export function cones(x: number, z: number, cell: number, seed: number, density = 1): number {
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
export class Grid {
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

export interface Sample {
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
