import { Canvas, Mask, paintMask } from '../canvas.js';
import { forest, ridgeProfile, silhouette } from '../land.js';
import { hex, lerp, mix, type Rng, smoothstep } from '../maths.js';
import { contrast, fbm } from '../noise.js';
import { glow, skyGradient } from '../sky.js';

export function pineForestFog(c: Canvas, rng: Rng, seed: number): void {
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
