import { Canvas } from '../canvas.js';
import { clamp, hex, lerp, mix, type Rng, scale, smoothstep } from '../maths.js';
import { contrast, fbm, fbmLod } from '../noise.js';
import { clouds, skyGradient } from '../sky.js';
import { cones, Grid, ridgedMF, sunDir } from '../terrain-field.js';
import { light, terrain } from '../terrain.js';

export function glacierValleyNoon(c: Canvas, rng: Rng, seed: number): void {
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
