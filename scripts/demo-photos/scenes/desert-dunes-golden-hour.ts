import { Canvas } from '../canvas.js';
import { hex, mix, type Rng, scale, smoothstep } from '../maths.js';
import { fbm, fbmLod } from '../noise.js';
import { clouds, glow, skyGradient } from '../sky.js';
import { Grid, sunDir } from '../terrain-field.js';
import { light, terrain } from '../terrain.js';

export function desertDunesGoldenHour(c: Canvas, _rng: Rng, seed: number): void {
  const { w, h } = c;
  const Y0 = Math.round(h * 0.4);
  const hfov = 58;
  const f = w / 2 / Math.tan((hfov * Math.PI) / 360);
  const az = -60;
  const el = 7;
  const sun = sunDir(az, el);
  const sunX = w / 2 + f * Math.tan((az * Math.PI) / 180);
  skyGradient(
    c,
    [
      [0, hex('#4f79a6')],
      [0.55, hex('#a9b3b5')],
      [0.85, hex('#efc690')],
      [1, hex('#f6d29c')],
    ],
    Y0,
  );
  glow(c, Math.max(sunX, -w * 0.3), Y0 - f * Math.tan((el * Math.PI) / 180), hex('#ffd89a'), w * 0.45, 0.5, 1.1);
  clouds(c, {
    horizon: Y0,
    cover: 0.6,
    soft: 0.12,
    sx: 1.2,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#ffe2b8'),
    shade: hex('#b79a98'),
    opacity: 0.6,
    sun: [sunX, Y0 - 100],
    stretch: 3,
  });
  const height = (x: number, z: number, oct: number, fp: number, _fp0: number): number => {
    const warp = (fbm(x / 900, z / 900, seed + 2, 3) - 0.5) * 700;
    const warp2 = oct >= 4 ? (fbm(x / 240, z / 240, seed + 3, 3) - 0.5) * 140 : 0;
    // crests run away from the camera, so both the lit windward and the shaded lee faces show
    const p = (x * 0.92 + z * 0.38 + warp + warp2) / 450;
    const t = p - Math.floor(p);
    const prof = t < 0.78 ? Math.pow(t / 0.78, 1.6) : Math.pow(1 - (t - 0.78) / 0.22, 1.25);
    const ampV = 32 + 80 * fbm(x / 1400, z / 1400, seed + 4, 3);
    let y = prof * ampV + 90 * fbm(x / 3000, z / 3000, seed + 5, 3);
    // wind ripples, only where they are several pixels long
    const rk = smoothstep(0.5, 0.12, fp);
    if (rk > 0) y += 0.035 * rk * Math.sin((x * 0.75 - z * 0.66) * 3.2 + warp2 * 0.08 + fbm(x / 6, z / 6, seed + 6, 2) * 4);
    return y;
  };
  const grid = new Grid((x, z) => height(x, z, 5, 10, 10), -9000, -300, 18000, 900);
  const cam = { x: 400, y: height(400, 400, 9, 0.01, 0.01) + 40, z: 400 };
  const sunCol = scale(hex('#ffc68a'), 2.3);
  const skyCol = scale(hex('#86a2cc'), 0.55);
  terrain(c, {
    height,
    maxOct: 10,
    wavelength: 300,
    cam,
    hfov,
    horizon: Y0,
    zNear: 1,
    zFar: 16000,
    sun,
    shadows: grid,
    softness: 0.03,
    fog: { density: 0.00018, col: hex('#f2c995'), amt: 0.6 },
    shade: (p) => {
      const n1 = fbm(p.x / 80, p.z / 80, seed + 7, 3);
      const alb = scale(mix(hex('#d08a4c'), hex('#e6a566'), n1), 0.95 + 0.1 * fbmLod(p.x, p.z, seed + 8, 0.4, p.fp, 2));
      return light(alb, p, sunCol, skyCol);
    },
  });
}
