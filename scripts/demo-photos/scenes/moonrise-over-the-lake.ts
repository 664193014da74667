import { Canvas, Mask, paintMask } from '../canvas.js';
import { forest, pine, ridgeProfile, silhouette } from '../land.js';
import { clamp, hex, type Rng, smoothstep } from '../maths.js';
import { clouds, disc, glow, skyGradient, stars } from '../sky.js';
import { water } from '../water.js';

export function moonriseOverTheLake(c: Canvas, rng: Rng, seed: number): void {
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
