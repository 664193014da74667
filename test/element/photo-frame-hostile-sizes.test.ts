// <photo-frame> given hostile metadata, table-driven: what a reader sees when
// the photo API answers crafted JSON (test/element/support/hostile.ts).
// Sizes, placeholders and URLs: whatever size a photo claims, the frame keeps
// a sane, settled box; a broken placeholder draws nothing and requests
// nothing; the contract (src/contract.ts, isPhoto) refuses negative or
// non-finite sizes, non-numeric variant widths and URLs that are not http(s),
// and the reader then sees the error state with "Try again", never a
// half-drawn photo.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { craft } from './support/api.js';
import { box, part, resetAll, settled, text } from './support/frame.js';
import { attributeValues, expectErrorState, GOOD, image, markup, reference, show, WIDTH } from './support/hostile.js';

describe('<photo-frame> with hostile metadata', () => {
  beforeEach(resetAll);

  describe('sizes', () => {
    // Shown: the frame keeps its settled box whatever the photo claims.
    const shown = [
      { name: 'zero width and height', width: 0, height: 0 },
      { name: 'zero height', width: 1200, height: 0 },
      { name: 'huge (1e9 × 1e9)', width: 1e9, height: 1e9 },
      { name: 'huge and flat (1e9 × 1)', width: 1e9, height: 1 },
      { name: 'huge and tall (1 × 1e9)', width: 1, height: 1e9 },
      { name: 'fractional (0.001 × 0.001)', width: 0.001, height: 0.001 },
    ];
    for (const row of shown) {
      it(`${row.name}, ratio 3/2: shown in the 3/2 box`, async () => {
        const expected = await reference();
        const { el } = await show({ ...GOOD, width: row.width, height: row.height });
        expect(el.state).to.equal('ready');
        expect(box(part(el, 'frame')!)).to.deep.equal(expected.frame);
        expect(box(el)).to.deep.equal(expected.element);
        expect(box(part(el, 'image')!), 'the image fills the frame').to.deep.equal(expected.frame);
      });

      it(`${row.name}, ratio="auto": a sane box (no zero height, no page-sized frame)`, async () => {
        const { el } = await show({ ...GOOD, width: row.width, height: row.height }, { ratio: 'auto' });
        expect(el.state).to.equal('ready');
        const frame = box(part(el, 'frame')!);
        expect(frame.width).to.equal(WIDTH);
        expect(frame.height, 'not collapsed').to.be.at.least(WIDTH / 4 - 0.5);
        expect(frame.height, 'not blown up').to.be.at.most(WIDTH * 4 + 0.5);
      });
    }

    it('ratio="auto" still adopts a real photo\'s ratio (2:3)', async () => {
      const { el } = await show({ ...GOOD, width: 800, height: 1200 }, { ratio: 'auto' });
      expect(box(part(el, 'frame')!).height).to.be.closeTo(450, 0.5);
    });

    // Refused by the contract: the error state, in the settled box.
    const refused: [string, string][] = [
      ['negative width', JSON.stringify({ ...GOOD, width: -1200 })],
      ['negative height', JSON.stringify({ ...GOOD, height: -800 })],
      ['NaN (not JSON)', JSON.stringify(GOOD).replace('"width":1200', '"width":NaN')],
      ['Infinity (1e400)', JSON.stringify(GOOD).replace('"width":1200', '"width":1e400')],
      ['a width in text ("1200")', JSON.stringify({ ...GOOD, width: '1200' })],
      ['no height', JSON.stringify({ ...GOOD, height: undefined })],
    ];
    for (const [name, answer] of refused) {
      for (const ratio of ['3/2', 'auto']) {
        it(`${name}, ratio="${ratio}": the error state in a 3/2 box`, async () => {
          const expected = await reference();
          const { el, errors } = await show(answer, { ratio });
          expect(el.state).to.equal('error');
          expect(markup(part(el, 'image'))).to.equal(null);
          expect(text(part(el, 'retry'))).to.equal('Try again');
          expect(errors.map((e) => e.error.code)).to.deep.equal(['invalid_response']);
          expect(box(part(el, 'frame')!)).to.deep.equal(expected.frame);
        });
      }
    }
  });

  describe('placeholders', () => {
    // The image takes 1 s (a URL of its own per row, never from the memory cache),
    // so the placeholder, if any, is what the frame shows meanwhile.
    let n = 0;
    const rows = [
      { name: 'not base64', placeholder: 'not base64 at all!' },
      { name: 'CSS that tries to escape url("…")', placeholder: '"), url(https://evil.example/x.png), url("' },
      { name: 'base64 of nothing', placeholder: '====' },
      { name: 'base64, but not a ThumbHash', placeholder: 'AAAA' },
      { name: 'a 2 MB string', placeholder: 'A'.repeat(2_000_000) },
      { name: 'a 2 MB string of garbage', placeholder: '%'.repeat(2_000_000) },
    ];
    for (const row of rows) {
      it(`${row.name}: no broken background, no request, the photo shows`, async function () {
        this.timeout(10000);
        const slow = image(`1200x800/slategray?delay=1000&row=${n++}-${Date.now()}`);
        const api = await craft({ ...GOOD, url: slow, placeholder: row.placeholder });
        const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${WIDTH}px"><photo-frame endpoint=${api}></photo-frame></div>`);
        const el = wrapper.querySelector('photo-frame')!;
        await aTimeout(400);
        expect(el.state, 'still loading the slow image').to.equal('loading');
        const background = getComputedStyle(part(el, 'frame')!).backgroundImage;
        expect(background, 'nothing, or an image drawn from the hash').to.match(/^none$|^url\("data:image\/png;base64,[A-Za-z0-9+/=]+"\)$/);
        expect(box(part(el, 'frame')!).height).to.be.closeTo(200, 0.5);
        await settled(el, 6000);
        expect(el.state).to.equal('ready');
        expect(part<HTMLImageElement>(el, 'image')!.src).to.equal(slow);
        const requested = performance.getEntriesByType('resource').map((e) => e.name);
        expect(requested.some((u) => u.includes('evil.example'))).to.be.false;
      });
    }
  });

  describe('URLs and variants', () => {
    const variant = (url: string, width: unknown = 400) => ({ url, width, type: 'image/png' });
    const ok400 = variant(image('400x267/slategray'));
    // Refused by the contract: the reader sees the error state, and no such URL reaches the page.
    const refused = [
      { name: 'a javascript: variant', fields: { variants: [variant('javascript:window.__xss=1'), ok400] } },
      { name: 'a JavaScript: variant in capitals, with spaces', fields: { variants: [variant('  JavaScript:window.__xss=1')] } },
      { name: 'a variant URL that smuggles srcset candidates', fields: { variants: [variant(`${image('400x267/slategray')} 1w, javascript:window.__xss=1 2000w, x`)] } },
      { name: 'a data: variant', fields: { variants: [variant('data:image/svg+xml,<svg onload="window.__xss=1"/>')] } },
      { name: 'a relative variant URL', fields: { variants: [variant('/test-api/img/400x267/slategray')] } },
      { name: 'a javascript: url with good variants', fields: { url: 'javascript:window.__xss=1', variants: [ok400] } },
      { name: 'a variant width in text ("400")', fields: { variants: [variant(image('400x267/slategray'), '400')] } },
      { name: 'a variant width that is negative', fields: { variants: [variant(image('400x267/slategray'), -400)] } },
      { name: 'a variant that is not an object', fields: { variants: ['https://example.com/a.png 400w'] } },
      { name: 'variants that are not a list', fields: { variants: { url: image('400x267/slategray'), width: 400 } } },
    ];
    for (const row of refused) {
      it(`${row.name}: the error state, no such URL in the page`, async () => {
        const { el, errors } = await show({ ...GOOD, ...row.fields });
        await aTimeout(100);
        expect(window.__xss).to.be.undefined;
        expectErrorState(el, errors, row.name);
        expect(attributeValues(el).filter((v) => /javascript:|data:image\/svg/i.test(v))).to.deep.equal([]);
      });
    }

    it('good variants are still used (srcset), and an empty list is no srcset', async () => {
      const { el } = await show({ ...GOOD, variants: [ok400] });
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.srcset).to.equal(`${ok400.url} 400w, ${GOOD.url} 1200w`);
      const { el: none } = await show({ ...GOOD, variants: [] });
      expect(part(none, 'image')!.hasAttribute('srcset')).to.be.false;
    });

    it('a variant of zero width is never chosen; the photo shows', async () => {
      const { el } = await show({ ...GOOD, variants: [variant(image('400x267/crimson'), 0)] });
      expect(el.state).to.equal('ready');
      expect(part<HTMLImageElement>(el, 'image')!.currentSrc).to.equal(GOOD.url);
    });
  });
});
