// <photo-frame> given hostile metadata, table-driven: what a reader sees when
// the photo API answers crafted JSON (test/element/support/hostile.ts).
// The photographer's details: a detail the contract refuses
// (src/photo-details.ts) is left out of the line, never the photo; what is
// shown is text, in the frame and in the full-size view.
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../src/element/photo-frame.js';
import { box, part, resetAll } from './support/frame.js';
import { characterLefts, GOOD, increasing, show, WIDTH } from './support/hostile.js';

describe('<photo-frame> with hostile metadata', () => {
  beforeEach(resetAll);

  describe("the photographer's details", () => {
    const X100V = { camera: 'X100V', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 };
    const LINE = 'X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160';
    /** The line as a reader sees it (the isolates around names are invisible), once the formatter has filled it. */
    async function detailsOf(el: PhotoFrameElement, view = false): Promise<string> {
      const name = view ? 'view-details' : 'details';
      if (view) {
        part<HTMLImageElement>(el, 'image')!.click();
        await waitUntil(() => part<HTMLDialogElement>(el, 'view')?.open, 'the view did not open');
      } else {
        await waitUntil(() => performance.getEntriesByType('resource').some((e) => e.name.includes('format-photo-details')), 'the formatter did not load');
        await el.updateComplete;
      }
      return part(el, name)!.textContent!.replace(/[\u2068\u2069]/g, '').replace(/\u00a0/g, ' ');
    }

    async function referenceWithDetails() {
      const { el } = await show({ ...GOOD, ...X100V }, { details: true });
      await detailsOf(el);
      const boxes = box(el);
      el.parentElement!.remove();
      return boxes;
    }

    // Each row: the answer's details, and the line a reader sees; the photo always shows, in the same box.
    const rows: [string, Record<string, unknown> | string, string][] = [
      ['markup in the camera and lens: text', { camera: '<img src=x onerror="window.__xss=1">', lens: '<b>b</b><script>window.__xss=2</script>' }, '<img src=x onerror="window.__xss=1"> · <b>b</b><script>window.__xss=2</script>'],
      ['entities stay literal', { camera: '&lt;b&gt; &amp;' }, '&lt;b&gt; &amp;'],
      ['a 2 MB camera: left out', { ...X100V, camera: 'x'.repeat(2_000_000) }, '23 mm · ƒ/2 · 1/500 s · ISO 160'],
      ['a 101-character lens: left out', { ...X100V, lens: 'L'.repeat(101) }, LINE],
      ['blank text: left out', { ...X100V, camera: '   ', lens: '' }, '23 mm · ƒ/2 · 1/500 s · ISO 160'],
      ['negative numbers: left out', { ...X100V, focalLength: -23, iso: -160 }, 'X100V · ƒ/2 · 1/500 s'],
      ['zero: left out (no "1/Infinity s")', { ...X100V, exposureTime: 0, aperture: 0 }, 'X100V · 23 mm · ISO 160'],
      ['huge numbers: left out', { ...X100V, iso: 1e12, exposureTime: 1e9, focalLength: Number.MAX_VALUE }, 'X100V · ƒ/2'],
      ['Infinity (1e400 in the JSON): left out', JSON.stringify({ ...GOOD, ...X100V }).replace('"iso":160', '"iso":1e400'), 'X100V · 23 mm · ƒ/2 · 1/500 s'],
      ['"NaN" and numbers in text: left out', { ...X100V, aperture: 'NaN', iso: '160', focalLength: '23' }, 'X100V · 1/500 s'],
      ['a fractional ISO: left out', { ...X100V, iso: 160.5 }, 'X100V · 23 mm · ƒ/2 · 1/500 s'],
      ['wrong types: left out', { camera: 42, lens: ['XF23'], focalLength: { mm: 23 }, aperture: true, exposureTime: null, iso: [160] }, ''],
      ['a right-to-left override in the camera: left out', { ...X100V, camera: 'X100V\u202e' }, '23 mm · ƒ/2 · 1/500 s · ISO 160'],
      ['a right-to-left isolate in the lens: left out', { ...X100V, lens: '\u2067XF23' }, LINE],
      ['control characters: left out', { ...X100V, camera: 'X100V\nSerial 1', lens: 'XF\u000023' }, '23 mm · ƒ/2 · 1/500 s · ISO 160'],
    ];
    for (const [name, details, line] of rows) {
      it(`${name}: "${line.length > 60 ? `${line.slice(0, 60)}…` : line}", in the frame and the view, the photo shown in its box`, async () => {
        const expected = await referenceWithDetails();
        const { el } = await show(typeof details === 'string' ? details : { ...GOOD, ...details }, { details: true });
        expect(el.state).to.equal('ready');
        expect(await detailsOf(el), 'the frame').to.equal(line);
        expect(part(el, 'details')!.children.length, 'no element made from a detail').to.equal(0);
        expect(box(el), 'the element keeps its box').to.deep.equal(expected);
        const shown = part(el, 'details')!;
        expect(shown.scrollHeight, 'one line').to.be.at.most(shown.clientHeight + 1);
        expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(innerWidth);
        expect(await detailsOf(el, true), 'the view').to.equal(line);
        expect(part(el, 'view-details')!.hidden, 'the view hides an empty line').to.equal(line === '');
        await aTimeout(100);
        expect(window.__xss, 'nothing ran').to.be.undefined;
        expect(el.shadowRoot!.querySelectorAll('img, script, b').length, "the frame's image and the view's").to.equal(2);
        part<HTMLDialogElement>(el, 'view')!.close();
      });
    }

    it('a line too long for the frame ends in an ellipsis, on one line', async () => {
      const { el } = await show({ ...GOOD, ...X100V, camera: 'C'.repeat(100), lens: 'L'.repeat(100) }, { details: true });
      await detailsOf(el);
      const details = part(el, 'details')!;
      expect(details.scrollWidth, 'longer than the frame').to.be.above(details.clientWidth);
      expect(getComputedStyle(details).textOverflow).to.equal('ellipsis');
      expect(details.getBoundingClientRect().width).to.equal(WIDTH);
    });

    it('a camera named in Hebrew keeps its place at the start, and the rest of the line its order', async () => {
      const camera = 'מצלמה';
      const { el } = await show({ ...GOOD, ...X100V, camera }, { details: true });
      await detailsOf(el);
      const node = document.createTreeWalker(part(el, 'details')!, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const left = (text: string) => {
        const range = document.createRange();
        const at = node.data.indexOf(text);
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return range.getBoundingClientRect();
      };
      expect(left(camera).right, 'the camera first, at the left').to.be.at.most(left('23').left);
      expect(left('23').right).to.be.at.most(left('ƒ/2').left);
      expect(left('ƒ/2').right).to.be.at.most(left('ISO').left);
      expect(increasing(characterLefts(part(el, 'details')!).slice(-7)), '"ISO 160" reads left to right').to.be.true;
    });
  });
});
