/**
 * make-demo-photos.ts — renders the demo photo library procedurally.
 *
 *   npx tsx scripts/make-demo-photos.ts
 *
 * Writes 10 landscape "photographs" (JPEG, quality 82, mozjpeg) with EXIF and
 * JSON sidecars into demo/originals/ (the camera files), plus its LICENSE.md;
 * `npm run demo:photos` then publishes them into demo/photos/ with `photo-frame upload --to`. Nothing is
 * downloaded: every pixel is computed here, so the images are licence-clean
 * (CC0). Two kinds of scene:
 *   - layered 2-D scenes (sky gradients, fBm clouds, midpoint-displacement
 *     ridges with atmospheric perspective, pine silhouettes, stars, water with
 *     perspective ripples and reflections);
 *   - heightfield scenes (alpine lake, glacier valley, cove, dunes) rendered by
 *     a small column ray-marcher: ridged-multifractal terrain with level of
 *     detail, sun shadows, sky ambient, fog, depth-tinted water, and a mirrored
 *     camera for lake reflections.
 * Every image then gets a highlight shoulder, a gentle S-curve, a vignette and
 * film grain.
 *
 * This file writes the files; the drawing is in scripts/demo-photos/:
 * maths.ts and noise.ts (the deterministic primitives), canvas.ts, sky.ts,
 * land.ts and water.ts (the 2-D building blocks), terrain-field.ts and
 * terrain.ts (the heightfield renderer), develop.ts (the film look), one
 * module per scene in scenes/, and photos.ts (the library: each photo's scene,
 * caption, camera and look).
 *
 * Pass name fragments to render only some photos, e.g.
 *   npx tsx scripts/make-demo-photos.ts dunes harbour
 *
 * Deterministic: every scene draws from its own seeded PRNG (mulberry32 seeded
 * from the file name) and the noise is a pure integer hash, so re-running the
 * script produces byte-identical files.
 *
 * Special cases exercised by the demo:
 *   - mountains/pine-forest-fog.jpg is stored SIDEWAYS: its pixel buffer is
 *     landscape (1600x1067) rotated 90° counter-clockwise, with EXIF
 *     Orientation = 6 ("rotate 90° CW to display"), so viewers that honour the
 *     orientation show it upright as a 1067x1600 portrait.
 *   - desert-dunes-golden-hour.jpg (album root) has NO sidecar: its caption is
 *     the EXIF ImageDescription and its date is DateTimeOriginal +
 *     OffsetTimeOriginal.
 *   - every photo carries a camera's exposure tags (focal length, aperture,
 *     exposure time, ISO; a lens model for the interchangeable-lens "PF-1 Mark
 *     II", none for the fixed-lens "PF-2"): the photographer's details the
 *     demo shows.
 *   - sea/harbour-blue-hour.jpg has a caption with an apostrophe, an em dash
 *     and an accented letter (in its UTF-8 JSON sidecar; EXIF ASCII fields
 *     cannot hold them, so its EXIF ImageDescription is an ASCII rendering).
 */
import sharp from 'sharp';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Canvas } from './demo-photos/canvas.js';
import { develop, rotateCCW } from './demo-photos/develop.js';
import { hashString, mulberry32 } from './demo-photos/maths.js';
import { PHOTOS } from './demo-photos/photos.js';

const LICENSE_MD = `# Demo photos — licence

The images in this folder (and their \`.json\` sidecars) were generated
procedurally by \`scripts/make-demo-photos.ts\`: every pixel is computed from
seeded noise by that script. No photographs, stock images or other third-party
material were used.

They are dedicated to the public domain under
[CC0 1.0 Universal](https://creativecommons.org/publicdomain/zero/1.0/).
You may copy, modify and use them for any purpose without asking permission.

Regenerate them (byte-identical) with:

    npx tsx scripts/make-demo-photos.ts
`;

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(root, 'demo', 'originals');
  const only = process.argv.slice(2);
  const t0 = performance.now();
  for (const p of PHOTOS) {
    if (only.length && !only.some((o) => p.file.includes(o))) continue;
    const t1 = performance.now();
    const seed = hashString(p.file);
    const rng = mulberry32(seed);
    const canvas = new Canvas(p.w, p.h);
    p.render(canvas, rng, seed);
    let pixels = develop(canvas, mulberry32(seed ^ 0x9e3779b9), { grain: p.grain, vignette: p.vignette });
    let w = p.w;
    let h = p.h;
    if (p.sideways) {
      pixels = rotateCCW(pixels, w, h);
      [w, h] = [h, w];
    }
    const [date, time] = p.date.split('T');
    const exifDate = `${date.replaceAll('-', ':')} ${time}`;
    // withMetadata: 72 dpi, an sRGB ICC profile like a camera JPEG, and for the
    // sideways photo EXIF Orientation 6 (withExif alone cannot set the orientation)
    const jpeg = await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
      .withMetadata({ density: 72, ...(p.sideways ? { orientation: 6 } : {}) })
      .withExif({
        IFD0: {
          ImageDescription: p.exifCaption ?? p.caption,
          Make: 'Photo-Frame Demo',
          Model: p.model,
          Artist: 'scripts/make-demo-photos.ts',
          Copyright: 'CC0 - generated for the photo-frame demo',
          Software: 'make-demo-photos.ts (sharp)',
          DateTime: exifDate,
        },
        IFD2: {
          DateTimeOriginal: exifDate,
          DateTimeDigitized: exifDate,
          OffsetTime: p.offset,
          OffsetTimeOriginal: p.offset,
          OffsetTimeDigitized: p.offset,
          FocalLength: p.shot.focalLength,
          FNumber: p.shot.fNumber,
          ExposureTime: p.shot.exposureTime,
          ISOSpeedRatings: String(p.shot.iso),
          ...(p.shot.lens ? { LensMake: 'Photo-Frame Demo', LensModel: p.shot.lens } : {}),
        },
      })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    const file = path.join(outDir, p.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, jpeg);
    if (p.sidecar) {
      const sidecar = { caption: p.caption, alt: p.alt, date: `${p.date}${p.offset}` };
      await writeFile(`${file}.json`, `${JSON.stringify(sidecar, null, 2)}\n`);
    } else {
      await rm(`${file}.json`, { force: true }); // this one must rely on its EXIF
    }
    const ms = Math.round(performance.now() - t1);
    console.log(`${p.file.padEnd(40)} ${String(Math.round(jpeg.length / 1024)).padStart(4)} KB  ${p.w}x${p.h}${p.sideways ? ' (stored sideways, orientation 6)' : ''}  ${ms} ms`);
  }
  await writeFile(path.join(outDir, 'LICENSE.md'), LICENSE_MD);
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
