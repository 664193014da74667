import { Canvas, Mask, paintMask } from '../canvas.js';
import { ridgeProfile, silhouette } from '../land.js';
import { clamp, hex, lerp, mix, type RGB, type Rng, scale, smoothstep } from '../maths.js';
import { vnoise } from '../noise.js';
import { clouds, disc, glow, skyGradient, stars } from '../sky.js';
import { water } from '../water.js';

export function harbourBlueHour(c: Canvas, rng: Rng, seed: number): void {
  const { w, h } = c;
  const H = Math.round(h * 0.6);
  skyGradient(
    c,
    [
      [0, hex('#0d1a3f')],
      [0.45, hex('#22427f')],
      [0.8, hex('#5872a8')],
      [0.93, hex('#c1939a')],
      [1, hex('#e9b08a')],
    ],
    H,
  );
  glow(c, w * 0.25, H, hex('#f7b88a'), w * 0.2, 0.35, 1.4, H);
  clouds(c, {
    horizon: H,
    cover: 0.6,
    soft: 0.14,
    sx: 1,
    sz: 0.5,
    seed: seed + 1,
    lit: hex('#c99aa6'),
    shade: hex('#2a3763'),
    opacity: 0.7,
    sun: [w * 0.25, H + 100],
    stretch: 3,
  });
  stars(c, rng, { count: 90, yMax: H * 0.4, bright: 0.6 });
  const lights: Array<{ x: number; y: number; col: RGB; k: number }> = [];
  const lamp = (x: number, y: number, col: RGB, r: number, k: number, core = 1.2): void => {
    disc(c, x, y, core, mix(col, hex('#ffffff'), 0.5));
    glow(c, x, y, col, r, k, 1);
    lights.push({ x, y, col, k });
  };
  // hills behind the town
  const hills = ridgeProfile(w, rng, { base: H - 10, amp: h * 0.16, rough: 0.52, smooth: 8 });
  for (let x = 0; x < w; x++) hills[x] += (x / w) * h * 0.06;
  const hm = new Mask(w, h);
  hm.below(hills, H);
  paintMask(c, hm, silhouette(hex('#15213f'), hex('#3a4f86'), 0.25, seed + 2, 0.1));
  // scattered hillside lights
  for (let i = 0; i < 160; i++) {
    const x = rng() * w;
    const yT = hills[Math.floor(x)];
    if (yT > H - 12) continue;
    const y = lerp(yT + 6, H - 4, Math.pow(rng(), 0.6));
    disc(c, x, y, 0.9, hex('#ffd49a'));
    glow(c, x, y, hex('#ffb870'), 3, 0.25, 1);
  }
  // town on the quay: houses with dim pastel facades, flat or pitched roofs, lit windows
  const quay = H - 4;
  const pastel = ['#d9a066', '#e0c9a0', '#c77b5a', '#e8dcc8', '#b9866a', '#d8b46a', '#a9a39a'].map(hex);
  const dusk = hex('#1b2748');
  let x = 0;
  while (x < w) {
    const bw = 16 + rng() * 42;
    const bh = 18 + Math.pow(rng(), 1.5) * 62;
    const top = quay - bh;
    const pitched = rng() < 0.55;
    const roof = pitched ? bw * (0.22 + rng() * 0.15) : 3;
    const facade = mix(scale(pastel[Math.floor(rng() * pastel.length)], 0.3), dusk, 0.45);
    const roofCol = mix(pitched ? hex('#5a2e28') : hex('#2b2f3a'), dusk, 0.6);
    const fseed = Math.floor(rng() * 1e6);
    for (let y = Math.floor(top - roof); y < quay + 4; y++) {
      let xl = x;
      let xr = x + bw;
      let col = facade;
      if (y < top) {
        const k = (y - (top - roof)) / roof;
        if (pitched) {
          xl = x - 2 + (bw / 2 + 2) * (1 - k);
          xr = x + bw + 2 - (bw / 2 + 2) * (1 - k);
        }
        col = roofCol;
      } else {
        col = scale(facade, 0.9 + 0.2 * vnoise(x * 0.3, y * 0.08, fseed) - 0.25 * ((y - top) / bh));
      }
      for (let xx = Math.floor(xl); xx < xr; xx++) c.blend(xx, y, col, clamp(Math.min(xx + 1, xr) - Math.max(xx, xl)));
    }
    // windows: a grid per house, some lit in warm or cool light
    const ww = 3 + Math.floor(rng() * 2);
    const wh = 4 + Math.floor(rng() * 2);
    for (let wy = top + 6; wy < quay - 8; wy += wh + 5) {
      for (let wx = x + 5; wx < x + bw - 6; wx += ww + 5) {
        const r = rng();
        const col = r < 0.3 ? mix(hex('#ffc774'), hex('#ffe2b0'), rng()) : r < 0.36 ? hex('#9fc4ff') : mix(facade, hex('#0b1020'), 0.5);
        for (let yy = 0; yy < wh; yy++) for (let xx = 0; xx < ww; xx++) c.blend(Math.floor(wx) + xx, Math.floor(wy) + yy, col, 0.95);
        if (r < 0.36) glow(c, wx + ww / 2, wy + wh / 2, col, 4, 0.15, 1);
      }
    }
    x += bw + (rng() < 0.15 ? rng() * 16 : 0);
  }
  // church tower and lighthouse
  const tx = w * 0.58;
  for (let y = Math.floor(quay - 130); y < quay; y++) {
    const k = y < quay - 105 ? (y - (quay - 130)) / 25 : 1;
    const hw = 5 + 6 * k;
    for (let xx = Math.floor(tx - hw); xx < tx + hw; xx++) c.blend(xx, y, mix(hex('#3a3644'), dusk, 0.5), 1);
  }
  lamp(tx, quay - 95, hex('#ffd9a0'), 4, 0.6);
  const lx = w * 0.9;
  for (let y = Math.floor(quay - 90); y < quay; y++) {
    const hw = 4 + ((y - (quay - 90)) / 90) * 4;
    for (let xx = Math.floor(lx - hw); xx < lx + hw; xx++) c.blend(xx, y, (y >> 3) % 2 ? hex('#8f8c96') : hex('#5a2430'), 0.9);
  }
  lamp(lx, quay - 94, hex('#fff0c8'), 14, 0.8, 3.5);
  glow(c, lx, quay - 94, hex('#ffd38a'), 60, 0.25, 1);
  // quay wall and lamps
  for (let xx = 0; xx < w; xx++) for (let y = quay; y < H; y++) c.blend(xx, y, hex('#2c3142'), 0.9);
  for (let lxp = w * 0.03; lxp < w; lxp += w * (0.045 + rng() * 0.03)) {
    for (let y = quay - 22; y < quay; y++) c.blend(Math.floor(lxp), y, hex('#0b0f1c'), 1);
    lamp(lxp + 0.5, quay - 23, hex('#ffc77a'), 9, 0.55, 2.2);
  }
  water(c, {
    horizon: H,
    tint: hex('#0c1833'),
    reflect: 0.55,
    reflectFar: 0.85,
    amp: 9,
    fx: 10,
    fz: 7,
    seed: seed + 3,
    darken: 0.2,
  });
  // long, broken reflections of the lights
  for (const L of lights) {
    const ym = 2 * H - L.y;
    const len = (ym - H) * 1.6 + 60;
    const sd = Math.floor(L.x * 13);
    for (let y = H; y < Math.min(h, ym + len); y++) {
      const fall = Math.exp(-Math.abs(y - ym) / (len * 0.45));
      const on = smoothstep(0.42, 0.62, vnoise(y * 0.45, 0.5, sd));
      if (on <= 0) continue;
      const xc = L.x + (vnoise(y * 0.12, 3.5, sd) - 0.5) * (4 + (y - H) * 0.05);
      const hw = 1 + (y - H) * 0.012 + vnoise(y * 0.3, 9.5, sd) * 1.5;
      for (let xx = Math.floor(xc - hw - 1); xx <= xc + hw + 1; xx++) {
        const a = clamp(hw + 0.5 - Math.abs(xx - xc)) * fall * on * L.k * 1.3;
        c.screen(xx, y, L.col, a);
      }
    }
  }
  // moored boats with reflections
  for (let b = 0; b < 4; b++) {
    const bx = w * (0.12 + 0.22 * b + rng() * 0.08);
    const wl = H + h * (0.05 + rng() * 0.22);
    const s = 0.6 + ((wl - H) / (h - H)) * 1.4;
    const len = (70 + rng() * 40) * s;
    const hull = new Mask(w, h);
    for (let y = Math.floor(wl - 12 * s); y < wl; y++) {
      const k = (y - (wl - 12 * s)) / (12 * s);
      hull.span(y, bx - len / 2 + k * 10 * s, bx + len / 2 - k * 18 * s);
    }
    const cabin = new Mask(w, h);
    for (let y = Math.floor(wl - 20 * s); y < wl - 12 * s; y++) cabin.span(y, bx - len * 0.15, bx + len * 0.12);
    const mastH = (110 + rng() * 50) * s;
    for (let y = Math.floor(wl - 12 * s - mastH); y < wl - 12 * s; y++) hull.span(y, bx - 1 * s, bx + 1 * s);
    // reflection first
    for (const m of [hull, cabin]) {
      for (let y = m.y0; y < m.y1; y++) {
        const ry = Math.round(2 * wl - y);
        if (ry >= h) continue;
        const jit = (vnoise(ry * 0.25, b, seed + 9) - 0.5) * 8 * s;
        for (let xx = 0; xx < w; xx++) {
          const a = m.m[y * w + xx];
          if (a > 0) c.blend(Math.round(xx + jit), ry, hex('#070c1a'), a * 0.55);
        }
      }
    }
    paintMask(c, hull, (xx, yy) => mix(hex('#0a0f1e'), hex('#2a3350'), clamp((wl - yy) / (14 * s)) * 0.6 * vnoise(xx * 0.05, 1, b)));
    paintMask(c, cabin, hex('#1a2036'));
    disc(c, bx, wl - 12 * s - mastH, 1.6 * s, hex('#fff3d6'));
    glow(c, bx, wl - 12 * s - mastH, hex('#ffd08a'), 6 * s, 0.5, 1);
  }
}
