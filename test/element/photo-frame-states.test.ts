// <photo-frame>: its states as a reader sees them. When things go wrong (API
// errors, no photos, bad answers, an unreachable API, a failed image, the
// offline cache, no endpoint), while it loads (the light-DOM fallback, the
// status region, the ThumbHash placeholder), and the accessibility of each.
// The photo API is the test API served by web-test-runner
// (test/element/support/test-photo-api.mjs).
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoErrorEvent, PhotoFrameElement } from '../../src/element/photo-frame.js';
import { apiRequests, endpoint } from './support/api.js';
import { frame, HARBOUR, part, record, resetAll, settled, text } from './support/frame.js';

describe('<photo-frame>', () => {
  beforeEach(resetAll);

  describe('when things go wrong', () => {
    it('an API error shows the error state with its message and a "Try again" button that works', async () => {
      const el = await frame({ scenario: 'seq/empty,ok' });
      expect(el.state).to.equal('error');
      expect(el.photo).to.be.undefined;
      const status = part(el, 'status')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.include('upload some');
      const retry = part<HTMLButtonElement>(el, 'retry')!;
      expect(retry.localName).to.equal('button');
      expect(text(retry)).to.equal('Try again');
      const changed = oneEvent(el, 'photo-change');
      retry.click();
      await changed;
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(el.photo?.id).to.equal('harbour.jpg');
      expect(part(el, 'retry')).to.be.null;
      expect(part<HTMLImageElement>(el, 'image')!.src).to.equal(el.photo!.url);
      expect((await apiRequests()).filter((u) => u.pathname.startsWith('/test-api/seq/'))).to.have.length(2);
    });

    it('no photos (404 no_photos) is an error with its code', async () => {
      const { el, errors } = await settledWithErrors(endpoint('empty'));
      expect(el.state).to.equal('error');
      expect(errors.map((e) => e.error.code)).to.deep.equal(['no_photos']);
      expect(text(part(el, 'status'))).to.include('upload some');
    });

    it('an answer that is not JSON, or not a photo, is an error', async () => {
      for (const scenario of ['bad-json', 'invalid']) {
        const el = await frame({ scenario });
        expect(el.state, scenario).to.equal('error');
        expect(part(el, 'retry'), scenario).to.exist;
        expect(part(el, 'image'), scenario).to.be.null;
      }
    });

    it('an unreachable API is a "network" error once the frame has tried again', async function () {
      this.timeout(20_000);
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
      const el = document.createElement('photo-frame');
      el.endpoint = 'http://127.0.0.1:1/'; // nothing listens on port 1
      wrapper.append(el);
      await settled(el, 15_000);
      expect(el.state).to.equal('error');
      expect(errors.map((e) => e.error.code)).to.deep.equal(['network']);
      expect(text(part(el, 'status'))).to.include('cannot be reached');
    });

    it('a caption with markup shows as text and runs nothing', async () => {
      const el = await frame({ scenario: 'markup' });
      await aTimeout(200);
      expect(window.__xss).to.be.undefined;
      expect(text(part(el, 'caption-text'))).to.equal('<img src=x onerror="window.__xss=1">');
      expect(part(el, 'caption')!.querySelector('img')).to.be.null;
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.alt).to.equal('<b>bold</b>');
      expect(el.shadowRoot!.querySelector('b')).to.be.null;
      expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(1);
    });

    it('an image that fails after a good photo keeps the good photo and fires photo-error "image"', async () => {
      const el = await frame({ scenario: 'seq/ok,broken-image' });
      expect(el.photo?.id).to.equal('harbour.jpg');
      const goodSrc = part<HTMLImageElement>(el, 'image')!.src;
      const error = oneEvent(el, 'photo-error');
      await el.next();
      const event = (await error) as unknown as PhotoErrorEvent;
      await el.updateComplete;
      expect(event.error.code).to.equal('image');
      expect(el.photo?.id).to.equal('harbour.jpg');
      expect(el.state).to.equal('ready');
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.src).to.equal(goodSrc);
      expect(img.complete && img.naturalWidth).to.equal(1500);
      expect(text(part(el, 'caption-text'))).to.equal(HARBOUR.caption);
      expect((await apiRequests()).map((u) => u.pathname)).to.deep.equal(['/test-api/seq/ok,broken-image/', '/test-api/seq/ok,broken-image/']);
    });

    it('an image that fails first shows the error state (code "image"), never a broken image', async () => {
      const { el, errors } = await settledWithErrors(endpoint('broken-image'));
      expect(el.state).to.equal('error');
      expect(errors.map((e) => e.error.code)).to.deep.equal(['image']);
      expect(part(el, 'image')).to.be.null;
      expect(part(el, 'retry')).to.exist;
    });

    it('a photo answered from the offline cache shows the offline state, with the photo', async () => {
      const el = await frame({ scenario: 'offline' });
      expect(el.state).to.equal('offline');
      expect(el.getAttribute('state')).to.equal('offline');
      expect(el.photo?.id).to.equal('offline.jpg');
      expect(part<HTMLImageElement>(el, 'image')!.src).to.equal(el.photo!.url);
      expect(text(part(el, 'status'))).to.match(/offline/i);
      expect(text(part(el, 'caption-text'))).to.equal('Kept for offline reading');
    });

    it('with no endpoint, shows the error state rather than loading forever', async () => {
      const el = await fixture<PhotoFrameElement>(html`<photo-frame></photo-frame>`);
      await settled(el);
      expect(el.state).to.equal('error');
    });
  });

  describe('while loading', () => {
    it('shows the light-DOM fallback until the photo shows', async function () {
      this.timeout(8000);
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('slow/1000')}><p id="fallback">A photo from the blog</p></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      const fallback = wrapper.querySelector('#fallback')!;
      await aTimeout(50);
      expect(el.state).to.equal('loading');
      expect(fallback.checkVisibility(), 'fallback visible while loading').to.be.true;
      expect(fallback.getBoundingClientRect().height).to.be.above(0);
      expect(part(el, 'image')).to.be.null;
      await settled(el);
      expect(el.state).to.equal('ready');
      expect(fallback.checkVisibility(), 'fallback hidden once the photo shows').to.be.false;
    });

    it('tells assistive technology it is loading, in the status region', async function () {
      this.timeout(8000);
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('slow/1000')}></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await aTimeout(50);
      const status = part(el, 'status')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.match(/loading/i);
      await settled(el);
    });

    it('paints the ThumbHash placeholder while the image loads', async function () {
      this.timeout(8000);
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('slow-image')}></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      // The API answers at once; the image takes 1.5 s.
      const frameEl = part(el, 'frame')!;
      await waitForPlaceholder(frameEl);
      expect(el.state).to.equal('loading');
      await settled(el, 6000);
      expect(el.state).to.equal('ready');
    });
  });

  describe('accessibility', () => {
    it('is accessible with a photo', async () => {
      const el = await frame();
      await expect(el).to.be.accessible();
    });

    it('is accessible in the error state', async () => {
      const el = await frame({ scenario: 'empty' });
      expect(el.state).to.equal('error');
      await expect(el).to.be.accessible();
    });

    it('is accessible offline', async () => {
      const el = await frame({ scenario: 'offline' });
      await expect(el).to.be.accessible();
    });
  });
});

/** A frame on `endpoint` inside a wrapper that records its photo-error events, once it has settled. */
async function settledWithErrors(endpointUrl: string): Promise<{ el: PhotoFrameElement; errors: PhotoErrorEvent[] }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
  const el = document.createElement('photo-frame');
  el.endpoint = endpointUrl;
  wrapper.append(el);
  await settled(el);
  return { el, errors };
}

async function waitForPlaceholder(frameEl: HTMLElement): Promise<void> {
  const deadline = performance.now() + 1200;
  while (performance.now() < deadline) {
    if (getComputedStyle(frameEl).backgroundImage.startsWith('url("data:image/png')) return;
    await aTimeout(20);
  }
  expect.fail(`no placeholder painted; background-image is ${getComputedStyle(frameEl).backgroundImage}`);
}
