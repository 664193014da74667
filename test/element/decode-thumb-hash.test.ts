// The element's compact ThumbHash decoder against the reference decoder (the
// `thumbhash` package the upload command encodes with), over hashes of every
// shape: landscape and portrait, square, with and without alpha.
import { expect } from '@open-wc/testing';
import { rgbaToThumbHash, thumbHashToRGBA } from 'thumbhash';
import { decodeThumbHash } from '../../src/element/decode-thumb-hash.js';

/** A w × h image with gradients and a blob, alpha varying when `alpha`, from a seed. */
function image(w: number, h: number, alpha: boolean, seed: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const blob = Math.hypot(x - w / 3, y - h / 2) < Math.min(w, h) / 4 ? 1 : 0;
      rgba[i] = (x * 255) / w;
      rgba[i + 1] = blob ? 40 + seed * 20 : (y * 255) / h;
      rgba[i + 2] = ((x + y + seed * 17) * 3) % 256;
      rgba[i + 3] = alpha ? (blob ? 255 : (x * 200) / w) : 255;
    }
  }
  return rgba;
}

const SHAPES: [number, number, boolean][] = [
  [100, 66, false], [66, 100, false], [100, 100, false], [100, 25, false], [25, 100, false],
  [100, 66, true], [66, 100, true], [100, 100, true], [90, 30, true],
];

describe('decodeThumbHash', () => {
  for (const [w, h, alpha] of SHAPES) {
    it(`decodes a ${w}×${h}${alpha ? ' transparent' : ''} image's hash as the reference decoder does`, () => {
      for (let seed = 0; seed < 3; seed++) {
        const hash = rgbaToThumbHash(w, h, image(w, h, alpha, seed));
        const want = thumbHashToRGBA(hash);
        const got = decodeThumbHash(hash);
        expect([got.w, got.h]).to.deep.equal([want.w, want.h]);
        expect(got.rgba.length).to.equal(want.rgba.length);
        // Equal within one level: the reference sums the colour terms in another order.
        const worst = got.rgba.reduce((m, v, i) => Math.max(m, Math.abs(v - want.rgba[i]!)), 0);
        expect(worst, `largest difference for seed ${seed}`).to.be.at.most(1);
      }
    });
  }
});
