import { Canvas, Mask, paintMask } from '../canvas.js';
import { forest, mountains, ridgeProfile, silhouette } from '../land.js';
import { hex, lerp, mix, type Rng, scale } from '../maths.js';
import { clouds, disc, glow, skyGradient } from '../sky.js';

export function blueRidgesPanorama(c: Canvas, rng: Rng, seed: number): void {
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
