/** A decoded ThumbHash: at most 32 × 32 pixels, RGBA. */
export interface ThumbHashImage {
  w: number;
  h: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Decodes a ThumbHash (https://evanw.github.io/thumbhash/) into pixels, as the
 * `thumbhash` package's `thumbHashToRGBA` does (within one level per channel),
 * in about half its size: each channel is a list of cosine terms summed per
 * pixel, rather than four hand-unrolled loops over precomputed tables. The
 * element's bundle has a size budget; a 32 × 32 placeholder has time to spare.
 */
export function decodeThumbHash(hash: Uint8Array): ThumbHashImage {
  const { PI, cos, max, min, round } = Math;
  const header24 = hash[0]! | (hash[1]! << 8) | (hash[2]! << 16);
  const header16 = hash[3]! | (hash[4]! << 8);
  const hasAlpha = header24 >> 23;
  const isLandscape = header16 >> 15;
  const long = hasAlpha ? 5 : 7;
  const lx = isLandscape ? long : header16 & 7;
  const ly = isLandscape ? header16 & 7 : long;
  const acStart = hasAlpha ? 6 : 5;
  let acIndex = 0;
  // [dc, [cx, cy, amplitude]…]: the AC nibbles are read in this order, channel after channel.
  const channel = (dc: number, nx: number, ny: number, scale: number): [number, number[][]] => {
    const terms: number[][] = [];
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = cy ? 0 : 1; cx * ny < nx * (ny - cy); cx++) {
        terms.push([cx, cy, (((hash[acStart + (acIndex >> 1)]! >> ((acIndex++ & 1) << 2)) & 15) / 7.5 - 1) * scale]);
      }
    }
    return [dc, terms];
  };
  const channels: [number, number[][]][] = [
    channel((header24 & 63) / 63, max(3, lx), max(3, ly), ((header24 >> 18) & 31) / 31),
    // Saturation is boosted 1.25× to make up for quantization, as the encoder expects.
    channel(((header24 >> 6) & 63) / 31.5 - 1, 3, 3, (((header16 >> 3) & 63) / 63) * 1.25),
    channel(((header24 >> 12) & 63) / 31.5 - 1, 3, 3, (((header16 >> 9) & 63) / 63) * 1.25),
    hasAlpha ? channel((hash[5]! & 15) / 15, 5, 5, (hash[5]! >> 4) / 15) : [1, []],
  ];
  // The approximate ratio, from the unclamped counts, as the reference decoder sizes its output.
  const ratio = lx / ly;
  const w = round(ratio > 1 ? 32 : 32 * ratio);
  const h = round(ratio > 1 ? 32 / ratio : 32);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 4) {
      const [l, p, q, a] = channels.map(([dc, terms]) =>
        terms.reduce((sum, [cx, cy, v]) => sum + v! * cos((PI / w) * (x + 0.5) * cx!) * cos((PI / h) * (y + 0.5) * cy!) * 2, dc),
      ) as [number, number, number, number];
      const b = l - (2 / 3) * p;
      const r = (3 * l - b + q) / 2;
      // Truncated like the reference's Uint8Array, not rounded.
      [r, r - q, b, a].forEach((c, k) => (rgba[i + k] = max(0, 255 * min(1, c)) | 0));
    }
  }
  return { w, h, rgba };
}
