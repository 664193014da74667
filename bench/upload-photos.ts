/**
 * The upload benchmark's photos: camera-like 12-megapixel JPEGs (EXIF with
 * GPS, some stored sideways), generated once into a cache under the system's
 * temporary folder and reused.
 */
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { logger } from './format.ts';

export const WIDTH = 4000;
export const HEIGHT = 3000;
/** Bump when the generated photos change: the cache is keyed by it. */
const GENERATOR = 'v1';
const CACHE = path.join(os.tmpdir(), `photo-frame-bench-upload-12mp-${GENERATOR}`);

const log = logger('upload');

/** A 256×256 grain tile (deterministic), overlaid on every photo so the JPEGs hold camera-like detail. */
async function grainTile(): Promise<Buffer> {
  const size = 256;
  const data = Buffer.alloc(size * size * 3);
  let seed = 0x9e3779b9;
  for (let i = 0; i < data.length; i++) {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    data[i] = 128 + (((seed >>> 24) - 128) >> 2);
  }
  return sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}

/** A landscape-ish scene: sky gradient, sun, hills of ellipses; drawn small, enlarged, then grained. */
function sceneSvg(i: number): string {
  const w = 1000;
  const h = 750;
  const hue = (i * 47) % 360;
  const hills = Array.from({ length: 30 }, (_, k) => {
    const x = (k * 977 + i * 131) % w;
    const y = 380 + ((k * 613 + i * 17) % 350);
    return `<ellipse cx="${x}" cy="${y}" rx="${20 + ((k * 37) % 120)}" ry="${10 + ((k * 53) % 60)}" fill="hsl(${(hue + k * 9) % 360},40%,${20 + ((k * 7) % 50)}%)" opacity="0.75"/>`;
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>` +
    `<linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,35%)"/>` +
    `<stop offset="0.55" stop-color="hsl(${(hue + 40) % 360},55%,75%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},35%,25%)"/></linearGradient>` +
    `<radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="0.85"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#s)"/><circle cx="${200 + ((i * 83) % 600)}" cy="220" r="150" fill="url(#g)"/>${hills}</svg>`
  );
}

async function makePhoto(i: number, grain: Buffer, file: string): Promise<void> {
  const sideways = i % 10 === 9;
  const [w, h] = sideways ? [HEIGHT, WIDTH] : [WIDTH, HEIGHT];
  const scene = await sharp(Buffer.from(sceneSvg(i))).resize(w, h).removeAlpha().raw().toBuffer();
  const day = String(1 + (i % 28)).padStart(2, '0');
  const jpeg = await sharp(scene, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: grain, tile: true, blend: 'soft-light' }])
    .withMetadata({ density: 300, ...(sideways ? { orientation: 6 } : {}) })
    .withExif({
      IFD0: { Make: 'Bench', Model: 'PF-12', ImageDescription: `Benchmark photo ${i}`, Artist: 'bench/upload.bench.ts' },
      IFD2: { DateTimeOriginal: `2024:06:${day} 12:${String(i % 60).padStart(2, '0')}:00`, OffsetTimeOriginal: '+02:00', FNumber: '56/10', ExposureTime: '1/250', ISOSpeedRatings: '100' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: `${45 + (i % 10)}/1 30/1 0/1`, GPSLongitudeRef: 'E', GPSLongitude: '7/1 15/1 0/1' },
    })
    .jpeg({ quality: 88 })
    .toBuffer();
  await fs.writeFile(file, jpeg);
}

/** A folder holding exactly `n` generated photos (hard links into the cache), generating the missing ones. */
export async function photoFolder(n: number): Promise<{ dir: string; bytes: number }> {
  const all = path.join(CACHE, 'all');
  await fs.mkdir(all, { recursive: true });
  const names = Array.from({ length: n }, (_, i) => `photo-${String(i).padStart(4, '0')}.jpg`);
  const missing = names.filter((f) => !existsSync(path.join(all, f)));
  if (missing.length > 0) {
    log(`generating ${missing.length} 12-megapixel JPEG(s) into ${all} (once)`);
    const grain = await grainTile();
    const started = performance.now();
    for (const [k, f] of missing.entries()) {
      await makePhoto(names.indexOf(f), grain, path.join(all, f));
      if ((k + 1) % 20 === 0) log(`  ${k + 1}/${missing.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  const dir = path.join(CACHE, `set-${n}`);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir);
  let bytes = 0;
  for (const f of names) {
    await fs.link(path.join(all, f), path.join(dir, f));
    bytes += statSync(path.join(dir, f)).size;
  }
  return { dir, bytes };
}
