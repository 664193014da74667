/**
 * The heightfield renderer: a column ray-marcher ("voxel space" with
 * refinement) with level of detail, sun shadows, sky ambient, fog and
 * depth-tinted water; half-size copies for soft passes; outdoor lighting.
 */
import { Canvas } from './canvas.js';
import { clamp, lerp, mix, type RGB } from './maths.js';
import { Grid, norm3, type Sample, type Vec3 } from './terrain-field.js';

export interface TerrainOpts {
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
export function terrain(c: Canvas, o: TerrainOpts, camY = o.cam.y): Float32Array | null {
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
export function downsample2(c: Canvas): Canvas {
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
export function upsample2(s: Canvas, w: number, h: number): Float32Array {
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
export function light(albedo: RGB, s: Sample, sunCol: RGB, skyCol: RGB, ambient = 1, sunK = 1): RGB {
  const up = 0.5 + 0.5 * s.n[1];
  const k0 = s.sun * sunK;
  return [
    albedo[0] * (sunCol[0] * k0 + skyCol[0] * up * ambient),
    albedo[1] * (sunCol[1] * k0 + skyCol[1] * up * ambient),
    albedo[2] * (sunCol[2] * k0 + skyCol[2] * up * ambient),
  ];
}
