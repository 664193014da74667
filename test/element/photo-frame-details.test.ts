// <photo-frame details>: the photographer's details in one line under the
// caption (camera, lens, focal length, aperture, exposure time, ISO), its
// height reserved from the start; without the attribute no line and no
// formatter is downloaded; the full-size view shows the same line either way.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../src/element/photo-frame.js';
import { craft, endpoint } from './support/api.js';
import { box, part, resetAll, settled } from './support/frame.js';

const image = (spec: string) => `${location.origin}/test-api/img/${spec}`;
const PHOTO = { id: 'x100v.jpg', url: image('1200x800/slategray'), width: 1200, height: 800, caption: 'The harbour at dusk', date: '2024-06-01T10:00:00Z' };
const X100V = { camera: 'X100V', focalLength: 23, aperture: 2, exposureTime: 0.002, iso: 160 };

/** What a reader sees of the line: the isolates around names are invisible, a no-break space is a space. */
const seen = (node: Element | null | undefined) => (node ? node.textContent!.replace(/[\u2068\u2069]/g, '').replace(/\u00a0/g, ' ') : null);
const markup = (node: Element | null | undefined) => node?.outerHTML ?? null;
const formatterLoaded = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('format-photo-details'));

async function frame(answer: unknown, details = true) {
  const api = typeof answer === 'string' && answer.startsWith('http') ? answer : await craft(answer);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en" style="width: 300px"><photo-frame endpoint=${api} ?details=${details}></photo-frame></div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

/** Waits until the line shows something (the formatter loads when `details` is first set). */
async function line(el: PhotoFrameElement): Promise<string | null> {
  await waitUntil(() => (part(el, 'details')?.textContent ?? '') !== '', 'the details line stayed empty', { timeout: 3000, interval: 20 });
  return seen(part(el, 'details'));
}

describe('<photo-frame details>', () => {
  beforeEach(resetAll);

  it('without the attribute: no line, and the formatter is never downloaded', async () => {
    const el = await frame({ ...PHOTO, ...X100V }, false);
    expect(markup(part(el, 'details'))).to.equal(null);
    expect(formatterLoaded()).to.be.false;
  });

  it('with it: "X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160" in one line under the caption', async () => {
    const el = await frame({ ...PHOTO, ...X100V });
    expect(await line(el)).to.equal('X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160');
    const details = part(el, 'details')!;
    const caption = part(el, 'caption')!;
    expect(details.getBoundingClientRect().top, 'below the caption').to.be.at.least(caption.getBoundingClientRect().bottom);
    expect(Math.round(details.getBoundingClientRect().height / parseFloat(getComputedStyle(details).lineHeight))).to.equal(1);
    await expect(el).to.be.accessible();
  });

  // Each detail as photographers write it; a line with only some of them.
  const rows: [string, Record<string, unknown>, string][] = [
    ['a body and its lens, a two-second exposure', { camera: 'ILCE-7M3', lens: 'FE 24-70mm F2.8 GM', focalLength: 35, aperture: 8, exposureTime: 2, iso: 100 }, 'ILCE-7M3 · FE 24-70mm F2.8 GM · 35 mm · ƒ/8 · 2 s · ISO 100'],
    ['a phone: fractional focal length and aperture', { camera: 'iPhone 13 Pro', focalLength: 5.7, aperture: 1.5, exposureTime: 1 / 121, iso: 50 }, 'iPhone 13 Pro · 5.7 mm · ƒ/1.5 · 1/121 s · ISO 50'],
    ['a quarter second is a fraction, longer exposures are seconds', { exposureTime: 0.25 }, '1/4 s'],
    ['0.3 s', { exposureTime: 0.3 }, '0.3 s'],
    ['a third of a second (0.333…)', { exposureTime: 1 / 3 }, '0.3 s'],
    ['thirty seconds', { exposureTime: 30 }, '30 s'],
    ['1/8000 s', { exposureTime: 0.000125 }, '1/8000 s'],
    ['ƒ/2.8 and 4.25 mm, one decimal', { focalLength: 4.25, aperture: 2.8 }, '4.3 mm · ƒ/2.8'],
    ['the ISO alone', { iso: 12800 }, 'ISO 12800'],
    ['the lens alone', { lens: 'XF23mmF2 R WR' }, 'XF23mmF2 R WR'],
  ];
  for (const [name, details, expected] of rows) {
    it(`${name}: "${expected}"`, async () => {
      const el = await frame({ ...PHOTO, ...details });
      expect(await line(el)).to.equal(expected);
    });
  }

  it('a photo without details: the line stays empty, and keeps its height', async () => {
    const withDetails = await frame({ ...PHOTO, ...X100V });
    await line(withDetails);
    const reference = box(withDetails);
    const el = await frame(PHOTO);
    await waitUntil(formatterLoaded, 'the formatter did not load');
    await el.updateComplete;
    expect(part(el, 'details')!.textContent).to.equal('');
    expect(box(el)).to.deep.equal(reference);
  });

  it('its height is reserved while the first photo loads: nothing below moves when the line fills', async function () {
    this.timeout(8000);
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries().map((e) => (e as PerformanceEntry & { value: number }).value)));
    observer.observe({ type: 'layout-shift' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en" style="width: 300px">
      <photo-frame details endpoint=${endpoint('slow/1000')}></photo-frame><p>Below the frame.</p>
    </div>`);
    const el = wrapper.querySelector('photo-frame')!;
    const below = wrapper.querySelector('p')!;
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    const before = { frame: box(el), below: below.getBoundingClientRect().top };
    el.endpoint = await craft({ ...PHOTO, ...X100V });
    await settled(el);
    expect(await line(el)).to.equal('X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160');
    expect({ frame: box(el), below: below.getBoundingClientRect().top }).to.deep.equal(before);
    await new Promise(requestAnimationFrame);
    observer.disconnect();
    expect(shifts).to.deep.equal([]);
  });

  it('set and unset later: the line comes and goes, with the next photo\'s details', async () => {
    const el = await frame({ ...PHOTO, ...X100V }, false);
    el.details = true;
    expect(await line(el)).to.equal('X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160');
    el.endpoint = await craft({ ...PHOTO, id: 'other.jpg', camera: 'ILCE-7M3', iso: 100 });
    await waitUntil(() => el.photo?.id === 'other.jpg', 'the next photo did not show');
    await el.updateComplete;
    expect(seen(part(el, 'details'))).to.equal('ILCE-7M3 · ISO 100');
    el.details = false;
    await el.updateComplete;
    expect(markup(part(el, 'details'))).to.equal(null);
  });

  describe('in the full-size view', () => {
    const open = async (el: PhotoFrameElement) => {
      part<HTMLImageElement>(el, 'image')!.click();
      await waitUntil(() => part<HTMLDialogElement>(el, 'view')?.open, 'the view did not open', { timeout: 3000, interval: 20 });
      return part(el, 'view-details')!;
    };

    it('the same line under the caption and date, with or without the attribute', async () => {
      for (const attribute of [false, true]) {
        const el = await frame({ ...PHOTO, ...X100V }, attribute);
        const details = await open(el);
        expect(details.hidden, `details=${attribute}`).to.be.false;
        expect(seen(details)).to.equal('X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160');
        expect(details.getBoundingClientRect().top).to.be.at.least(part(el, 'view-date')!.getBoundingClientRect().bottom);
        part<HTMLDialogElement>(el, 'view')!.close();
      }
    });

    it("the whole line, in the view's colour, whatever the page sets for the frame's caption", async () => {
      const lens = 'XF16-55mmF2.8 R LM WR with a very long adapter name that no frame line could hold';
      const el = await frame({ ...PHOTO, ...X100V, lens });
      el.style.setProperty('--photo-frame-caption-color', 'rgb(85, 85, 85)');
      const details = await open(el);
      expect(seen(details)).to.include(lens);
      expect(details.scrollWidth, 'not cut off').to.be.at.most(details.clientWidth);
      expect(details.scrollHeight, 'not cut off').to.be.at.most(details.clientHeight);
      expect(getComputedStyle(details).color).to.equal(getComputedStyle(part(el, 'view-caption-text')!).color);
      part<HTMLDialogElement>(el, 'view')!.close();
    });

    it('a photo without details: no line in the view', async () => {
      const el = await frame(PHOTO, false);
      expect((await open(el)).hidden).to.be.true;
    });
  });
});
