import { Canvas, Mask, paintMask } from '../canvas.js';
import { forest, ridgeProfile, silhouette } from '../land.js';
import { clamp, hex, mix, type Rng, smoothstep } from '../maths.js';
import { contrast, fbm } from '../noise.js';
import { glow, skyGradient, stars } from '../sky.js';

export function milkyWayOverTheRidge(c: Canvas, rng: Rng, seed: number): void {
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
