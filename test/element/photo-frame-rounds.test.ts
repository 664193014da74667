// <photo-frame> photo after photo, in Chromium: never the photo on show, every
// photo of a small album once a round, rounds in new orders, with next(), the
// slideshow, across visits and with two frames on a page. The test photo API's
// `shuffle/<n>` scenario picks by the API's own rule (src/format/pick-unseen.ts)
// from a seeded source, so every run makes the same picks.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoChangeEvent, PhotoFrameElement } from '../../src/element/photo-frame.js';
import { RECENT_LIMIT } from '../../src/element/recent-photos.js';
import { ALBUM_SIZES, roundProblems, runLength } from '../support/shuffle-bag.js';
import { endpoint } from './support/api.js';
import { record, resetAll, settled } from './support/frame.js';

const albumOf = (size: number) => Array.from({ length: size }, (_, i) => `shuffle-${size}/photo-${String(i).padStart(2, '0')}.jpg`);

async function frame(size: number, interval = 0): Promise<PhotoFrameElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 200px">
    <photo-frame endpoint=${endpoint(`shuffle/${size}`)} interval=${interval}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

/** The photos `el` shows: the one on show, then `count - 1` more by next(). */
async function nextPhotos(el: PhotoFrameElement, count: number): Promise<string[]> {
  const shown = [el.photo!.id];
  while (shown.length < count) {
    await el.next();
    shown.push(el.photo!.id);
  }
  return shown;
}

describe('<photo-frame> photo after photo', () => {
  beforeEach(resetAll);
  afterEach(resetAll);

  for (const size of ALBUM_SIZES) {
    it(`next() through an album of ${size}: never the photo on show, ${size <= RECENT_LIMIT ? 'every photo once a round, rounds in new orders' : `none back within ${RECENT_LIMIT}`}`, async function () {
      this.timeout(30000);
      const shown = await nextPhotos(await frame(size), runLength(size));
      expect(roundProblems(shown, albumOf(size), RECENT_LIMIT)).to.deep.equal([]);
    });
  }

  it('the slideshow goes in rounds too', async function () {
    this.timeout(20000);
    const el = await frame(3, 0.05);
    const first = el.photo!.id;
    const changes = record<PhotoChangeEvent>(el, 'photo-change');
    await waitUntil(() => changes.length >= 14, 'the slideshow did not show 14 more photos', { timeout: 15000, interval: 20 });
    el.interval = 0;
    const shown = [first, ...changes.map((e) => e.photo.id)];
    expect(roundProblems(shown, albumOf(3), RECENT_LIMIT)).to.deep.equal([]);
  });

  it('rounds go on across visits (a new frame, as on a new page)', async function () {
    this.timeout(20000);
    const shown: string[] = [];
    for (let visit = 0; visit < 5; visit++) {
      const el = await frame(3);
      shown.push(...(await nextPhotos(el, 3)));
      el.remove();
    }
    // Visits of 3 photos need not line up with rounds of 3: checked as one reader's run.
    expect(roundProblems(shown, albumOf(3), RECENT_LIMIT)).to.deep.equal([]);
  });

  it('two frames on one page: neither shows its own photo twice in a row', async function () {
    this.timeout(20000);
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 200px">
      <photo-frame endpoint=${endpoint('shuffle/2')}></photo-frame>
      <photo-frame endpoint=${endpoint('shuffle/2')}></photo-frame>
    </div>`);
    const frames = [...wrapper.querySelectorAll('photo-frame')];
    for (const el of frames) await settled(el);
    for (let i = 0; i < 12; i++) {
      const el = frames[i % 2]!;
      const before = el.photo!.id;
      await el.next();
      expect(el.photo!.id, `frame ${(i % 2) + 1}, step ${i}`).not.to.equal(before);
    }
  });
});
