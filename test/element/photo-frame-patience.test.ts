// <photo-frame> when its first photo is slow or fails, as with a photo function
// starting from cold: it says it is still loading once its patience (4 s) runs
// out, asks again after a failure that may pass (unreachable, 429, 5xx) and
// shows the error with "Try again" only after three more attempts. What the
// reader sees and which requests were made are asserted, not how long anything took.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoErrorEvent, PhotoFrameElement } from '../../src/element/photo-frame.js';
import { apiRequests, endpoint } from './support/api.js';
import { box, part, record, resetAll, settled, text } from './support/frame.js';

/** Every layout shift the page records from now on. */
function layoutShifts(): { value: number }[] {
  const shifts: { value: number }[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) shifts.push(entry as unknown as { value: number });
  }).observe({ type: 'layout-shift' });
  return shifts;
}

/** A frame on `scenario` with fallback content, the photo-error events it fires, and every text its status region shows. */
async function watched(scenario: string) {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
    <photo-frame endpoint=${endpoint(scenario)}><p id="fallback">Photos from the blog</p></photo-frame>
  </div>`);
  const el = wrapper.querySelector<PhotoFrameElement>('photo-frame')!;
  const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
  const said = new Set<string>();
  const watch = setInterval(() => said.add(text(part(el, 'status'))), 20);
  await el.updateComplete;
  return { el, wrapper, errors, said, stop: () => clearInterval(watch) };
}

/** The requests for a photo made so far (not for images). */
async function photoRequests(): Promise<URL[]> {
  return (await apiRequests()).filter((url) => !url.pathname.startsWith('/test-api/img/'));
}

const STILL_LOADING = 'Still loading a photo…';

describe('<photo-frame> waiting for its first photo', () => {
  beforeEach(resetAll);

  it('says it is still loading once its patience runs out, politely, then shows the photo in the same box', async function () {
    this.timeout(20_000);
    const shifts = layoutShifts();
    const { el, wrapper, stop } = await watched('slow/8000');
    const status = part(el, 'status')!;
    expect(status.getAttribute('role'), 'a polite live region').to.equal('status');
    expect(text(status)).to.equal('Loading a photo…');
    const before = box(el);

    await waitUntil(() => text(part(el, 'status')) === STILL_LOADING, 'the frame says it is still loading', { timeout: 7000, interval: 50 });
    stop();
    expect(el.state).to.equal('loading');
    expect(part(el, 'status')!.querySelector('.badge')!.checkVisibility(), 'the message is visible').to.be.true;
    expect(wrapper.querySelector('#fallback')!.checkVisibility(), 'the fallback still shows').to.be.true;
    expect(box(el), 'the box does not move when the message shows').to.deep.equal(before);

    await settled(el, 15_000);
    expect(el.state).to.equal('ready');
    expect(el.photo?.id).to.equal('harbour.jpg');
    expect(text(part(el, 'status'))).to.equal('');
    expect(box(el), 'the photo shows in the reserved box').to.deep.equal(before);
    expect(shifts.reduce((sum, s) => sum + s.value, 0), 'no layout shift').to.equal(0);
    expect(await photoRequests(), 'the slow request was waited for, not abandoned for another').to.have.length(1);
  });

  it('says nothing of waiting when the photo comes within its patience, and prepares no status message', async function () {
    this.timeout(10_000);
    const { el, said, stop } = await watched('slow/300');
    await settled(el);
    const sheets = el.shadowRoot!.adoptedStyleSheets.length;
    // Past the patience of the request that was answered: the status messages (and their styles) are not prepared.
    await aTimeout(4500);
    stop();
    expect(el.state).to.equal('ready');
    expect([...said]).not.to.include(STILL_LOADING);
    expect(el.shadowRoot!.adoptedStyleSheets.length, "the status messages' styles adopted").to.equal(sheets);
  });

  // A failure that may pass, then a photo: the reader sees the photo without a reload or a click.
  for (const { failure, scenario } of [
    { failure: '503 with Retry-After', scenario: 'seq/error,ok' },
    { failure: 'a network error', scenario: 'seq/drop,ok' },
  ]) {
    it(`asks again after ${failure}, saying it is still loading, and shows the photo`, async function () {
      this.timeout(10_000);
      const { el, errors, said, stop } = await watched(scenario);
      await settled(el, 8000);
      stop();
      expect(el.state).to.equal('ready');
      expect(el.photo?.id).to.equal('harbour.jpg');
      expect([...said]).to.include(STILL_LOADING);
      expect(errors, 'no photo-error for a failure that passed').to.have.length(0);
      expect(await photoRequests()).to.have.length(2);
    });
  }

  it('after three more failures shows the error and "Try again", which works', async function () {
    this.timeout(20_000);
    const { el, errors, stop } = await watched('seq/error,error,error,error,ok');
    await settled(el, 15_000);
    stop();
    expect(el.state).to.equal('error');
    expect(text(part(el, 'status'))).to.include('Cloud Storage did not answer');
    expect(errors.map((e) => e.error.code), 'one photo-error, when the frame gives up').to.deep.equal(['storage_unavailable']);
    expect(errors[0]!.error.retryAfter, "the API's Retry-After").to.equal(1);
    expect(await photoRequests()).to.have.length(4);
    part<HTMLButtonElement>(el, 'retry')!.click();
    await settled(el);
    expect(el.state).to.equal('ready');
    expect(el.photo?.id).to.equal('harbour.jpg');
  });

  // A failure that will not pass by waiting is shown at once.
  for (const scenario of ['empty', 'bad-json', 'invalid']) {
    it(`does not ask again after "${scenario}"`, async () => {
      const { el, errors, stop } = await watched(scenario);
      await settled(el);
      stop();
      expect(el.state).to.equal('error');
      expect(part(el, 'retry')).to.exist;
      expect(errors).to.have.length(1);
      expect(errors[0]!.error.retryAfter).to.be.undefined;
      expect(await photoRequests()).to.have.length(1);
    });
  }
});
