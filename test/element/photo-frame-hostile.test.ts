// <photo-frame> given hostile metadata, table-driven: what a reader sees when
// the photo API answers crafted JSON (test/element/support/api.ts `craft`, the
// test API's `crafted` scenario). The contract (src/contract.ts, isPhoto)
// rejects some shapes outright (a number where text belongs, a negative or
// non-finite size, a non-numeric variant width, a URL that is not http(s)):
// the reader then sees the error state with "Try again", never a half-drawn
// photo. Every other shape is rendered, and must render safely and readably;
// a photographer's detail the contract refuses (src/photo-details.ts) is left
// out of the line, never the photo.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoErrorEvent, PhotoFrameElement } from '../../src/element/photo-frame.js';
import { craft } from './support/api.js';
import { box, part, record, resetAll, settled, text } from './support/frame.js';

const image = (spec: string) => `${location.origin}/test-api/img/${spec}`;

/** A well-formed photo: 3:2, caption and date. Each row changes some of it. */
const GOOD = {
  id: 'hostile.jpg',
  url: image('1200x800/slategray'),
  width: 1200,
  height: 800,
  caption: 'A quiet harbour',
  date: '2024-06-01T10:00:00Z',
};

const WIDTH = 300;

/** A <photo-frame> 300 px wide whose API answers `answer` (JSON-encoded unless a string), once it has settled. */
async function show(answer: unknown, attrs: { ratio?: string; lang?: string; details?: boolean } = {}) {
  const api = await craft(answer);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'} style="width: ${WIDTH}px">
    <photo-frame endpoint=${api} ratio=${attrs.ratio ?? '3/2'} ?details=${attrs.details ?? false}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
  await settled(el, 8000);
  return { el, errors };
}

/** The element's and the frame's boxes with the good photo: what every hostile answer must leave unchanged. */
async function reference() {
  const { el } = await show(GOOD);
  const boxes = { element: box(el), frame: box(part(el, 'frame')!) };
  el.parentElement!.remove();
  return boxes;
}

/** Every attribute value in the shadow root, and the <img>'s resolved src and srcset. */
function attributeValues(el: PhotoFrameElement): string[] {
  const values: string[] = [];
  for (const node of el.shadowRoot!.querySelectorAll('*')) for (const a of node.attributes) values.push(a.value);
  const img = part<HTMLImageElement>(el, 'image');
  if (img) values.push(img.src, img.srcset, img.currentSrc);
  return values;
}

/** The left edge of each visible character of `node`'s text, in logical order. */
function characterLefts(node: Element): number[] {
  const lefts: number[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    for (let i = 0; i < t.length; i++) {
      if (/\s/.test(t.data[i]!)) continue;
      const range = document.createRange();
      range.setStart(t, i);
      range.setEnd(t, i + 1);
      lefts.push(range.getBoundingClientRect().left);
    }
  }
  return lefts;
}

/**
 * A node as its markup, or null. Assert on this, never on a node: a failed
 * assertion on a DOM node makes the runner serialise it, which crashes the page.
 */
const markup = (node: Element | null | undefined) => node?.outerHTML ?? null;

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/** The error state as a reader sees it: a message, "Try again", no image. */
function expectErrorState(el: PhotoFrameElement, errors: PhotoErrorEvent[], row: string) {
  expect(el.state, row).to.equal('error');
  expect(el.photo, row).to.be.undefined;
  expect(markup(part(el, 'image')), `${row}: no image`).to.equal(null);
  expect(text(part(el, 'status')), `${row}: a message`).to.match(/photo/i);
  expect(text(part(el, 'retry')), row).to.equal('Try again');
  expect(errors.map((e) => e.error.code), row).to.deep.equal(['invalid_response']);
}

describe('<photo-frame> with hostile metadata', () => {
  beforeEach(resetAll);

  describe('markup is shown as text and runs nothing', () => {
    const rows = [
      { name: 'an <img onerror> and a <script> in the caption', caption: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>', alt: 'Harbour' },
      { name: 'a caption that closes the figcaption', caption: '</span></figcaption><img src=x onerror="window.__xss=3">', alt: 'Harbour' },
      { name: 'an alt that breaks out of its attribute', caption: 'Harbour', alt: '" onerror="window.__xss=4" data-x="' },
      { name: 'an alt with markup', caption: 'Harbour', alt: '<b>bold</b><svg onload="window.__xss=5">' },
      { name: 'entities stay literal', caption: '&lt;b&gt; &amp; &#x3C;', alt: '&quot;' },
    ];
    for (const row of rows) {
      it(row.name, async () => {
        const { el } = await show({ ...GOOD, caption: row.caption, alt: row.alt });
        await aTimeout(150);
        expect(window.__xss, 'nothing ran').to.be.undefined;
        expect(el.state).to.equal('ready');
        expect(part(el, 'caption-text')!.textContent, 'the caption, character for character').to.equal(row.caption);
        expect(part(el, 'caption-text')!.children.length, 'no element made from the caption').to.equal(0);
        const img = part<HTMLImageElement>(el, 'image')!;
        expect(img.alt, 'the alt, character for character').to.equal(row.alt);
        expect(img.getAttributeNames().sort()).to.deep.equal(['alt', 'aria-haspopup', 'class', 'crossorigin', 'decoding', 'height', 'part', 'role', 'src', 'tabindex', 'width']);
        expect(el.shadowRoot!.querySelectorAll('img, script, svg, b').length).to.equal(1);
        expect(text(part(el, 'date'))).to.equal('June 1, 2024');

        // The same in the full-size view: text, names and attributes, never markup.
        img.click();
        await waitUntil(() => part<HTMLDialogElement>(el, 'view')?.open, `${row.name}: the view did not open`);
        expect(part(el, 'view-caption-text')!.textContent, 'the caption in the view').to.equal(row.caption);
        expect(part(el, 'view-caption-text')!.children.length).to.equal(0);
        expect(part<HTMLImageElement>(el, 'view-image')!.alt, 'the alt in the view').to.equal(row.alt);
        expect(part(el, 'view')!.getAttribute('aria-label'), 'the view is named by the caption').to.equal(row.caption);
        expect(el.shadowRoot!.querySelectorAll('img, script, svg, b').length, 'the frame\'s image and the view\'s').to.equal(2);
        await aTimeout(150);
        expect(window.__xss, 'nothing ran in the view').to.be.undefined;
        part<HTMLDialogElement>(el, 'view')!.close();
      });
    }
  });

  describe('a very long caption without spaces', () => {
    const rows = [
      { name: 'one 5,000-letter word', caption: 'W'.repeat(5000) },
      { name: 'a long URL', caption: `https://example.com/${'a/b-c_d.e'.repeat(400)}?q=${'x'.repeat(500)}` },
      { name: 'CJK text (no spaces by nature)', caption: '港の夕暮れ、漁船が静かに揺れている。'.repeat(200) },
      { name: 'combining marks piled on one letter', caption: `Z${'\u0301\u0302\u0303\u0304'.repeat(500)}algo` },
    ];
    for (const row of rows) {
      it(`${row.name}: no horizontal overflow, the element's box unchanged`, async () => {
        const expected = await reference();
        const { el } = await show({ ...GOOD, caption: row.caption });
        expect(el.state).to.equal('ready');
        expect(part(el, 'caption-text')!.textContent).to.equal(row.caption);
        expect(box(el), 'the whole element').to.deep.equal(expected.element);
        expect(box(part(el, 'frame')!), 'the frame').to.deep.equal(expected.frame);
        const caption = part(el, 'caption')!;
        expect(caption.scrollWidth, 'the caption does not overflow sideways').to.be.at.most(caption.clientWidth + 1);
        expect(document.documentElement.scrollWidth, 'the page does not scroll sideways').to.be.at.most(innerWidth);
      });
    }
  });

  describe('right-to-left text and bidi control characters', () => {
    it('a Hebrew caption runs right to left, with the date to its left, in reading order', async () => {
      const { el } = await show({ ...GOOD, caption: 'שקיעה מעל הנמל' });
      const caption = part(el, 'caption')!.getBoundingClientRect();
      const captionText = part(el, 'caption-text')!.getBoundingClientRect();
      const date = part(el, 'date')!;
      expect(captionText.right, 'the caption starts at the right edge').to.be.closeTo(caption.right, 1.5);
      expect(date.getBoundingClientRect().right, 'the date follows it, to its left').to.be.at.most(captionText.left + 1);
      expect(text(date)).to.equal('June 1, 2024');
      expect(increasing(characterLefts(date)), '"June 1, 2024" reads left to right').to.be.true;
    });

    // A control character left open at the end of the caption would, without
    // isolation, reorder whatever follows it on the line: the date.
    const controls = [
      ['RLO (right-to-left override)', '\u202E'],
      ['RLE (right-to-left embedding)', '\u202B'],
      ['RLI (right-to-left isolate)', '\u2067'],
      ['FSI (first-strong isolate)', '\u2068'],
    ] as const;
    for (const [name, control] of controls) {
      for (const [where, caption] of [
        ['ending', `Harbour at dawn ${control}`],
        ['opening', `${control}Harbour at dawn`],
        ['in the middle of', `Harbour ${control}at dawn`],
      ] as const) {
        it(`an unclosed ${name} ${where} the caption leaves the date in place and in order`, async () => {
          const { el } = await show({ ...GOOD, caption });
          expect(part(el, 'caption-text')!.textContent).to.equal(caption);
          const date = part(el, 'date')!;
          expect(text(date)).to.equal('June 1, 2024');
          expect(increasing(characterLefts(date)), '"June 1, 2024" reads left to right').to.be.true;
          expect(date.getBoundingClientRect().left, 'the date stays after the caption').to.be.at.least(part(el, 'caption-text')!.getBoundingClientRect().right - 1);
        });
      }
    }

    it('stray closing controls (PDF, PDI) cannot close anything outside the caption', async () => {
      const { el } = await show({ ...GOOD, caption: '\u202C\u2069\u202C\u2069Harbour' }, { lang: 'en' });
      const date = part(el, 'date')!;
      expect(increasing(characterLefts(date))).to.be.true;
      expect(date.getBoundingClientRect().left).to.be.at.least(part(el, 'caption-text')!.getBoundingClientRect().right - 1);
    });
  });

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

  describe('missing optional fields', () => {
    it('only id, url, width and height: the photo, an alt text, no caption or date or stray separator, the same box', async () => {
      const expected = await reference();
      const { el } = await show({ id: GOOD.id, url: GOOD.url, width: GOOD.width, height: GOOD.height });
      expect(el.state).to.equal('ready');
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.src).to.equal(GOOD.url);
      expect(img.alt, 'not decorative: a photo is content').to.equal('Photo');
      expect(img.hasAttribute('srcset')).to.be.false;
      expect(text(part(el, 'caption')), 'an empty caption, not "Invalid Date" or " · "').to.equal('');
      expect(markup(part(el, 'date'))).to.equal(null);
      expect(getComputedStyle(part(el, 'frame')!).backgroundImage, 'no placeholder').to.equal('none');
      expect(box(el), 'the caption keeps its reserved lines: no shift').to.deep.equal(expected.element);
      await expect(el).to.be.accessible();
    });

    const altRows = [
      { name: 'a caption and no alt: alt is the caption', fields: { caption: 'The quay' }, alt: 'The quay' },
      { name: 'an empty alt and a caption: alt is the caption', fields: { alt: '', caption: 'The quay' }, alt: 'The quay' },
      { name: 'an empty caption and no alt: alt "Photo", no separator before the date', fields: { caption: '' }, alt: 'Photo' },
      { name: 'an alt and no caption: the date alone, without separator', fields: { alt: 'Boats at a quay', caption: undefined }, alt: 'Boats at a quay' },
    ];
    for (const row of altRows) {
      it(row.name, async () => {
        const { el } = await show({ ...GOOD, ...row.fields });
        expect(part<HTMLImageElement>(el, 'image')!.alt).to.equal(row.alt);
        const date = part(el, 'date')!;
        const caption = row.fields.caption ?? '';
        expect(text(part(el, 'caption-text'))).to.equal(caption);
        expect(getComputedStyle(date, '::before').content, 'a separator only after a caption').to.equal(caption ? '" · "' : 'none');
      });
    }
  });

  describe('dates', () => {
    const bogus = ['yesterday', '2024-13-45', '2024-02-30', '2023-02-29', '2024-00-10', '2024-06-00', '', '   ', '0000-00-00', '2024-06-01garbage', '2024-06-01T25:99:00Z', 'Invalid Date', '<time>2024</time>'];
    for (const date of bogus) {
      it(`date ${JSON.stringify(date)}: no date shown, no "Invalid Date", no <time> with it`, async () => {
        const { el } = await show({ ...GOOD, date });
        expect(el.state).to.equal('ready');
        expect(markup(el.shadowRoot!.querySelector('time'))).to.equal(null);
        expect(text(part(el, 'caption')), 'the caption alone').to.equal(GOOD.caption);
        expect(el.shadowRoot!.textContent).not.to.match(/Invalid|NaN/);
      });
    }

    for (const [date, shown] of [
      ['2024-02-29', 'February 29, 2024'],
      ['2024-06-01T23:59:59.999-11:00', 'June 1, 2024'],
      ['2024-06-01T10:00', 'June 1, 2024'],
    ] as const) {
      it(`date ${JSON.stringify(date)} (valid) is shown as ${shown}, with its datetime`, async () => {
        const { el } = await show({ ...GOOD, date });
        expect(text(part(el, 'date'))).to.equal(shown);
        expect(part(el, 'date')!.getAttribute('datetime')).to.equal(date);
      });
    }

    for (const date of [20240601, null, { iso: '2024-06-01' }, ['2024-06-01']]) {
      it(`date ${JSON.stringify(date)} (not text) is refused by the contract: the error state`, async () => {
        const { el, errors } = await show({ ...GOOD, date });
        expectErrorState(el, errors, JSON.stringify(date));
      });
    }
  });

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
