import { Canvas } from '../canvas.js';
import { hex, lerp, mix, type Rng, scale, smoothstep } from '../maths.js';
import { fbm, fbmLod } from '../noise.js';
import { clouds, skyGradient } from '../sky.js';
import { cones, Grid, ridgedMF, sunDir } from '../terrain-field.js';
import { downsample2, light, terrain, type TerrainOpts, upsample2 } from '../terrain.js';
import { water } from '../water.js';

export function alpineLakeDawn(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.58);
  // looking west at dawn: earth's shadow and the pink "belt of Venus" low in the sky
  skyGradient(
    c,
    [
      [0, hex('#2d4c85')],
      [0.5, hex('#6d8cc0')],
      [0.78, hex('#c7a9c6')],
      [0.9, hex('#eab8b2')],
      [1, hex('#9aa6c6')],
    ],
    Y0,
  );
  clouds(c, {
    horizon: Y0,
    cover: 0.57,
    soft: 0.13,
    sx: 1.1,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#ffc7b4'),
    shade: hex('#8c8fb8'),
    opacity: 0.8,
    sun: [w * 0.1, h * 1.5],
    stretch: 2.4,
  });
  const height = (x: number, z: number, oct: number, _fp: number, fp: number): number => {
    const s = 1 / 3200;
    const q = fbm(x * s * 0.6, z * s * 0.6, seed + 2, 3) - 0.5;
    const mnt = smoothstep(5000, 10000, z + (fbm(x / 3000, 7, seed + 4, 3) - 0.5) * 3000);
    let y = lerp(-25, 60, smoothstep(1800, 3400, z));
    if (z > 2200) y += 320 * smoothstep(2200, 5000, z) * fbm(x / 900, z / 900, seed + 6, Math.min(oct, 6));
    if (mnt > 0) {
      const r = ridgedMF(x * s + q * 0.9, z * s + q * 0.9, seed + 3, oct);
      y += mnt * (Math.pow(r, 1.5) * 2600 + fbm(x / 6000, z / 6000, seed + 5, 3) * 900);
    }
    // pine forest on the low slopes: cone-shaped crowns, faded out once sub-pixel
    if (fp < 2.5 && y > 1 && y < 1100) {
      const forest = smoothstep(2, 14, y) * (1 - smoothstep(700, 1100, y)) * smoothstep(0.35, 0.5, fbm(x / 400, z / 400, seed + 7, 3));
      if (forest > 0) y += forest * 22 * smoothstep(2.5, 1, fp) * cones(x, z, 8, seed + 8, 0.92);
    }
    // boulders on the near shore, bottom left
    if (z < 150) {
      const m = smoothstep(150, 60, z) * smoothstep(4, -14, x + z * 0.1);
      if (m > 0) y = Math.max(y, lerp(-30, (fbm(x / 6, z / 6, seed + 9, Math.min(oct, 7)) - 0.5) * 14 - 0.5, m));
    }
    return y;
  };
  const sun = sunDir(-145, 4.5);
  const grid = new Grid((x, z) => height(x, z, 6, 100, 100), -14000, -500, 28000, 640);
  const sunCol = scale(hex('#ffae86'), 2.3);
  const skyCol = scale(hex('#7d8fc2'), 0.55);
  const opts: TerrainOpts = {
    height,
    maxOct: 10,
    wavelength: 3200,
    cam: { x: 0, y: 7, z: 0 },
    hfov: 56,
    horizon: Y0,
    zNear: 1,
    zFar: 27000,
    sun,
    shadows: grid,
    waterLevel: 0,
    fog: { density: 0.00009, falloff: 2200, col: hex('#a9aecb'), amt: 0.35 },
    shade: (p) => {
      if (p.water) return hex('#263850');
      const n1 = fbm(p.x / 60, p.z / 60 + p.y / 40, seed + 10, 4);
      const rockA = mix(hex('#4f4a48'), hex('#7d7268'), n1);
      const snowLine = 1150 + (fbm(p.x / 700, p.z / 700, seed + 11, 4) - 0.5) * 700;
      const snow = smoothstep(snowLine - 150, snowLine + 150, p.y) * smoothstep(0.35, 0.6, p.n[1] + (n1 - 0.5) * 0.3);
      const forest = smoothstep(2, 14, p.y) * (1 - smoothstep(700, 1100, p.y)) * smoothstep(0.35, 0.5, fbm(p.x / 400, p.z / 400, seed + 7, 3));
      const treeA = mix(hex('#18261d'), hex('#2b3a27'), n1);
      const meadow = mix(hex('#4d5a35'), hex('#6d7448'), n1);
      const veg = smoothstep(0.55, 0.8, p.n[1]) * (1 - smoothstep(900, 1500, p.y));
      let alb = mix(rockA, mix(meadow, treeA, forest), Math.max(veg, forest));
      alb = mix(alb, hex('#eef1f8'), snow);
      if (p.z < 180) {
        const fine = fbmLod(p.x + p.y * 0.7, p.z + p.y * 0.7, seed + 12, 6, p.fp);
        alb = mix(hex('#3b3a3a'), hex('#77756f'), fine * 0.7 + 0.3 * smoothstep(0.8, 1, p.n[1]));
      }
      return light(alb, p, sunCol, skyCol);
    },
  };
  // reflection: render the scene again (at half size; ripples blur it anyway)
  // from a camera mirrored in the water plane
  const mirror = downsample2(c);
  const above = (x: number, z: number, oct: number, fp: number, fp0: number): number => {
    // the mirror camera is under water: hide everything below the surface, and the
    // near boulders (a heightfield cannot clip their sides at the water line)
    if (z < 200) return -400;
    const y = height(x, z, oct, fp, fp0);
    return y < 0 ? -400 : y;
  };
  terrain(mirror, { ...opts, height: above, horizon: Y0 / 2, waterLevel: undefined }, -opts.cam.y);
  const wmask = terrain(c, opts) as Float32Array;
  water(c, {
    horizon: Y0,
    tint: hex('#1f3048'),
    reflect: 0.55,
    reflectFar: 0.93,
    amp: 3,
    fx: 14,
    fz: 6,
    seed: seed + 12,
    calm: 0.5,
    darken: 0.12,
    src: upsample2(mirror, w, h),
    mask: wmask,
  });
}
