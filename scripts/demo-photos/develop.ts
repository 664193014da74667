/**
 * From canvas to camera file: the film look (highlight shoulder, S-curve,
 * vignette, grain) in 8-bit RGB, and the sideways storage of a portrait photo.
 */
import { Canvas } from './canvas.js';
import { clamp, gauss, lerp, type Rng } from './maths.js';

/** Film look: gentle S-curve, vignette, grain; returns 8-bit RGB. */
export function develop(c: Canvas, rng: Rng, o: { grain: number; vignette: number; fine?: number; lift?: number; warm?: number }): Buffer {
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
export function rotateCCW(buf: Buffer, w: number, h: number): Buffer {
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
