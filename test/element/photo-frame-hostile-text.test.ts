// <photo-frame> given hostile metadata, table-driven: what a reader sees when
// the photo API answers crafted JSON (test/element/support/hostile.ts).
// Text: markup in captions and alt texts is shown as text and runs nothing;
// long words, URLs and CJK leave the box unchanged; bidi controls never
// reorder the date; missing fields and dates that are not dates leave a sane
// frame. The contract (src/contract.ts, isPhoto) refuses a date that is not
// text: the reader then sees the error state with "Try again".
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { box, part, resetAll, text } from './support/frame.js';
import { characterLefts, expectErrorState, GOOD, increasing, markup, reference, show } from './support/hostile.js';

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
});
