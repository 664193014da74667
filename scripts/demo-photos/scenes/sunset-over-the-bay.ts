import { Canvas, Mask, paintMask } from '../canvas.js';
import { forest, ridgeProfile, silhouette } from '../land.js';
import { clamp, hex, lerp, mix, type Rng, smoothstep } from '../maths.js';
import { fbm, midpoint } from '../noise.js';
import { clouds, disc, glow, skyGradient } from '../sky.js';
import { water } from '../water.js';

export function sunsetOverTheBay(c: Canvas, rng: Rng, seed: number): void {
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
