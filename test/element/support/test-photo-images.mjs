// The test photo API's images (test-photo-api.mjs): GET /test-api/img/<w>x<h>/<colour>[?delay=ms]
// answers a real PNG of that size and colour, made once and kept.
import sharp from 'sharp';
import { delayParam, sleep } from './test-api-replies.mjs';

const MAX_SIDE = 4000;

export class TestPhotoImages {
  /** PNGs made so far (promises), by `<w>x<h>/<colour>`. */
  #pngs = new Map();

  /** Answers /test-api/img/<rest…>. */
  async serve(ctx, rest) {
    ctx.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    const m = /^(\d+)x(\d+)\/([#\w]+)$/.exec(rest.join('/'));
    if (!m) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'no such image';
      return;
    }
    const [, w, h, colour] = m;
    const width = Number(w);
    const height = Number(h);
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      ctx.status = 400;
      ctx.type = 'text/plain';
      ctx.body = `sides must be 1..${MAX_SIDE}`;
      return;
    }
    const key = `${width}x${height}/${colour}`;
    let png = this.#pngs.get(key);
    if (!png) {
      const background = /^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(colour) ? `#${colour}` : colour;
      png = sharp({ create: { width, height, channels: 3, background } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      this.#pngs.set(key, png);
      png.catch(() => this.#pngs.delete(key));
    }
    let body;
    try {
      body = await png;
    } catch (error) {
      ctx.status = 400;
      ctx.type = 'text/plain';
      ctx.body = `cannot make that image: ${error.message}`;
      return;
    }
    if (ctx.query.delay) await sleep(delayParam(ctx.query.delay, 0));
    ctx.status = 200;
    ctx.type = 'image/png';
    ctx.body = body;
  }
}
