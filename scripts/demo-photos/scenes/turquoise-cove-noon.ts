import { Canvas } from '../canvas.js';
import { clamp, hex, mix, type RGB, type Rng, scale, smoothstep } from '../maths.js';
import { contrast, fbm, fbmLod } from '../noise.js';
import { clouds, skyGradient } from '../sky.js';
import { Grid, ridgedMF, sunDir } from '../terrain-field.js';
import { light, terrain } from '../terrain.js';

export function turquoiseCoveNoon(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.34);
  const sun = sunDir(-150, 62);
  skyGradient(
    c,
    [
      [0, hex('#1d68bd')],
      [0.6, hex('#5fa6e0')],
      [1, hex('#d4ebf7')],
    ],
    Y0,
  );
  clouds(c, {
    horizon: Y0,
    cover: 0.6,
    soft: 0.09,
    sx: 2.4,
    sz: 1,
    seed: seed + 1,
    lit: hex('#ffffff'),
    shade: hex('#a8bcd4'),
    opacity: 0.95,
    sun: [-w, -h],
  });
  const height = (x: number, z: number, oct: number, fp: number, _fp0: number): number => {
    let y = 2.4 - (z - 40) * 0.05 + (fbm(x / 60, z / 60, seed + 2, 3) - 0.5) * 1.2;
    y = Math.max(y, -28 - z * 0.003);
    y += (ridgedMF(x / 70, z / 70, seed + 3, Math.min(oct, 5)) - 0.45) * 7 * smoothstep(120, 260, z);
    const coastX = 55 + z * 0.11 + (fbm(z / 220, 0.5, seed + 4, 4) - 0.5) * 90;
    const e = x - coastX;
    const tip = 1 - smoothstep(1200, 1700, z + (fbm(x / 150, 3, seed + 5, 3) - 0.5) * 400);
    const top = 55 + 55 * fbm(x / 300, z / 300, seed + 6, 4) + 40 * smoothstep(200, 900, z);
    const rough = (fbm(x / 45, z / 45, seed + 7, Math.min(oct, 7)) - 0.5) * 40;
    const boulders = (ridgedMF(x / 9, z / 9, seed + 17, Math.min(oct, 6)) - 0.5) * 5 * smoothstep(0.5, 0.15, fp);
    const cliff = smoothstep(0, 22, e + rough) * top * tip + boulders * smoothstep(-14, 4, e + rough) * tip;
    y = Math.max(y, cliff - 3);
    const far = smoothstep(3200, 4200, z) * (60 + 260 * fbm(x / 900, z / 900, seed + 8, Math.min(oct, 7))) * smoothstep(-300, -900, x - z * 0.08);
    y = Math.max(y, far - 20);
    // hummocks and trampled patches on the dry sand close to the camera
    if (z < 120 && y > 0.6) y += smoothstep(0.6, 1.6, y) * (fbmLod(x, z * 1.4, seed + 19, 6, fp, 4) - 0.5) * 0.5;
    return y;
  };
  const grid = new Grid((x, z) => height(x, z, 6, 10, 10), -3000, -100, 6000, 500);
  const sunCol = scale(hex('#fff6e8'), 1.05);
  const skyCol = scale(hex('#8cbce8'), 0.42);
  const camY = 42;
  terrain(c, {
    height,
    maxOct: 12,
    wavelength: 300,
    cam: { x: 0, y: camY, z: 0 },
    hfov: 52,
    horizon: Y0,
    zNear: 1,
    zFar: 12000,
    sun,
    shadows: grid,
    softness: 0.08,
    waterLevel: 0,
    fog: { density: 0.00012, col: hex('#d8ebf5'), amt: 0.5 },
    shade: (p) => {
      if (p.water) {
        const d = p.depth;
        const rip = fbmLod(p.x * 0.36, p.z, seed + 9, 2.5, p.fp, 4);
        const sand = scale(hex('#efdcb2'), 1.0);
        const T: RGB = [Math.exp(-d * 0.55), Math.exp(-d * 0.11), Math.exp(-d * 0.085)];
        const floor = mix(sand, hex('#6f7f55'), smoothstep(0.5, 0.75, fbm(p.x / 40, p.z / 40, seed + 10, 4)) * smoothstep(2, 6, d) * 0.6);
        const deep = hex('#0d4f86');
        let col: RGB = [floor[0] * T[0] + deep[0] * (1 - T[0]) * 0.9, floor[1] * T[1] + deep[1] * (1 - T[1]), floor[2] * T[2] + deep[2] * (1 - T[2])];
        col = scale(col, 0.85 + 0.3 * rip);
        const cosT = camY / p.dist;
        const F = clamp(0.03 + 0.97 * Math.pow(1 - cosT, 6) + (rip - 0.5) * 0.3);
        col = mix(col, scale(p.sky, 1.02), F);
        // surf: shore break and a couple of broken wave lines
        const fn = fbmLod(p.x * 0.4, p.z, seed + 11, 2, p.fp, 4);
        const shore = 1 - smoothstep(0.15, 0.7 + fn * 0.5, d);
        const wave1 = Math.exp(-(((d - 1.6 - (fn - 0.5) * 0.8) / 0.25) ** 2)) * smoothstep(0.45, 0.62, fn);
        const wave2 = Math.exp(-(((d - 3.2 - (fn - 0.5) * 1.2) / 0.3) ** 2)) * smoothstep(0.5, 0.66, fn) * 0.7;
        const foam = clamp(shore * smoothstep(0.35, 0.55, fn) + wave1 + wave2);
        col = mix(col, hex('#f6fbfb'), foam * 0.95);
        const gl = clamp((rip - 0.7) / 0.3) ** 2 * (1 - F);
        return mix(col, hex('#ffffff'), gl * 0.8);
      }
      const n1 = fbm(p.x / 8, p.z / 8 + p.y / 6, seed + 12, 4);
      const strata = fbm(p.x / 200 + p.z / 300, p.y / 2.5, seed + 13, 3);
      const rock = mix(hex('#8f6543'), hex('#d2ab7c'), contrast(strata, 1.8) * 0.7 + n1 * 0.3);
      const scrub = smoothstep(0.72, 0.88, p.n[1]) * smoothstep(8, 20, p.y);
      const green = mix(hex('#3e5a22'), hex('#8a9a45'), fbmLod(p.x, p.z, seed + 14, 3, p.fp, 3));
      let alb = mix(rock, green, scrub);
      const beach = 1 - smoothstep(5, 8, p.y);
      const sandA = scale(mix(hex('#c9b38c'), hex('#dccaa6'), fbm(p.x / 30, p.z / 30, seed + 15, 3)), 0.88 + 0.24 * fbmLod(p.x, p.z, seed + 16, 3, p.fp));
      const wet = 1 - smoothstep(0.1, 0.9, p.y);
      // a dark wrack line of dried seaweed along the last high tide, and scattered pebbles
      const wrack = Math.exp(-(((p.y - 1.5 - (fbmLod(p.x, p.z, seed + 20, 8, p.fp, 3) - 0.5) * 0.8) / 0.12) ** 2));
      let sandB = mix(sandA, hex('#b7a282'), wet * 0.8);
      sandB = mix(sandB, hex('#7d6b52'), wrack * 0.45 * smoothstep(0.3, 0.6, fbmLod(p.x, p.z, seed + 21, 3, p.fp, 3)));
      const pebbles = smoothstep(0.72, 0.8, fbmLod(p.x, p.z, seed + 22, 1.2, p.fp, 3));
      sandB = mix(sandB, hex('#8d8378'), pebbles * 0.35);
      alb = mix(alb, sandB, beach * (p.n[1] > 0.9 ? 1 : 0.3));
      return light(alb, p, sunCol, skyCol);
    },
  });
}
