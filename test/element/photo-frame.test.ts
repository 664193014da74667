// <photo-frame>: what a reader sees. The photo API is the test API served by
// web-test-runner (test/element/support/test-photo-api.mjs); its `ok`
// scenario answers harbour.jpg (3:2, caption + alt, 2024-06-01T00:30+02:00),
// then forest/pine.jpg (2:3, caption only), square.png (1:1, alt only),
// forest/valley.jpg (16:9), skipping excluded ids.
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { PhotoChangeEvent, PhotoErrorEvent, type PhotoFrameElement } from '../../src/element/photo-frame.js';
import { apiRequests, endpoint } from './support/api.js';
import { box, part, record, resetAll, settled, showing, text } from './support/frame.js';

const HARBOUR = {
  id: 'harbour.jpg',
  caption: 'Boats in the harbour at dawn',
  alt: 'Fishing boats moored in a calm harbour, pink sky',
};

/** A <photo-frame> 300 px wide (in a wrapper with `lang`), shown once it has settled. */
async function frame(attrs: { scenario?: string; lang?: string; ratio?: string; dateStyle?: string } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'} style="width: 300px">
    <photo-frame endpoint=${endpoint(attrs.scenario ?? 'ok')} ratio=${attrs.ratio ?? '3/2'} date-style=${attrs.dateStyle ?? 'long'}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

describe('<photo-frame>', () => {
  beforeEach(resetAll);

  describe('shows a photo', () => {
    it('with its caption, its date and its alt text', async () => {
      const el = await frame();
      expect(el.state).to.equal('ready');
      expect(el.getAttribute('state')).to.equal('ready');
      expect(el.photo?.id).to.equal(HARBOUR.id);
      const img = part<HTMLImageElement>(el, 'image')!;
      expect(img.src).to.equal(el.photo!.url);
      expect(img.alt).to.equal(HARBOUR.alt);
      expect(img.getAttribute('crossorigin')).to.equal('anonymous');
      expect(img.getAttribute('decoding')).to.equal('async');
      expect(img.complete && img.naturalWidth).to.equal(1500);
      expect(text(part(el, 'caption-text'))).to.equal(HARBOUR.caption);
      const time = part(el, 'date')!;
      expect(time.localName).to.equal('time');
      expect(time.getAttribute('datetime')).to.equal('2024-06-01T00:30:00+02:00');
      expect(part(el, 'caption')!.localName).to.equal('figcaption');
      expect(part(el, 'figure')!.localName).to.equal('figure');
    });

    it('dates the photo as recorded (June 1 at 00:30 +02:00 is May 31 in UTC), in English', async () => {
      const el = await frame({ lang: 'en' });
      expect(text(part(el, 'date'))).to.equal('June 1, 2024');
    });

    it('dates the photo in the language of the nearest lang attribute (German)', async () => {
      const el = await frame({ lang: 'de' });
      expect(text(part(el, 'date'))).to.equal('1. Juni 2024');
    });

    it("prefers the element's own lang attribute to its ancestors'", async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="de">
        <photo-frame lang="fr" endpoint=${endpoint('ok')}></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      expect(text(part(el, 'date'))).to.equal('1 juin 2024');
    });

    it('does not shift a late-evening date to the next day (23:45 -05:00 is the 25th in UTC)', async () => {
      const el = await frame();
      await el.next();
      await showing(el, 'forest/pine.jpg');
      expect(text(part(el, 'date'))).to.equal('December 24, 2023');
    });

    it('falls back to the caption for the alt text, and shows no caption text when there is none', async () => {
      const el = await frame();
      await el.next();
      await showing(el, 'forest/pine.jpg');
      expect(part<HTMLImageElement>(el, 'image')!.alt).to.equal('A tall pine');
      await el.next();
      await showing(el, 'square.png');
      expect(part<HTMLImageElement>(el, 'image')!.alt).to.equal('A red square');
      expect(text(part(el, 'caption-text'))).to.equal('');
      expect(text(part(el, 'date'))).to.equal('February 28, 2022');
      await el.next();
      await showing(el, 'forest/valley.jpg');
      expect(part(el, 'date'), 'a photo without a date shows none').to.be.null;
    });

    it('date-style="none" hides the date; other styles format it', async () => {
      const el = await frame({ dateStyle: 'none' });
      expect(part(el, 'date')).to.be.null;
      expect(text(part(el, 'caption-text'))).to.equal(HARBOUR.caption);
      el.dateStyle = 'short';
      await el.updateComplete;
      expect(text(part(el, 'date'))).to.equal('6/1/24');
      el.setAttribute('date-style', 'full');
      await el.updateComplete;
      expect(text(part(el, 'date'))).to.equal('Saturday, June 1, 2024');
    });

    it('gives the image a srcset of its variants and the sizes attribute', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('variants')} sizes="(min-width: 600px) 50vw, 100vw"></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      const img = part<HTMLImageElement>(el, 'image')!;
      const origin = location.origin;
      expect(img.srcset).to.include(`${origin}/test-api/img/400x267/teal 400w`);
      expect(img.srcset).to.include(`${origin}/test-api/img/800x533/teal 800w`);
      expect(img.srcset).to.include(`${origin}/test-api/img/1200x800/teal 1200w`);
      expect(img.sizes).to.equal('(min-width: 600px) 50vw, 100vw');
      expect(img.currentSrc, 'a 300 px frame picks a narrow variant').to.match(/\/test-api\/img\/(400x267|800x533)\/teal$/);
    });

    it('without variants, has no srcset', async () => {
      const el = await frame();
      expect(part(el, 'image')!.hasAttribute('srcset')).to.be.false;
    });

    it('fit="contain" letterboxes the image, cover (default) crops it', async () => {
      const el = await frame();
      const img = part(el, 'image')!;
      expect(getComputedStyle(img).objectFit).to.equal('cover');
      el.fit = 'contain';
      await el.updateComplete;
      expect(getComputedStyle(img).objectFit).to.equal('contain');
    });
  });

  describe('settles its box before the API answers', () => {
    for (const [ratio, factor] of [['3/2', 2 / 3], ['1/1', 1], ['16:9', 9 / 16]] as const) {
      it(`ratio="${ratio}": the frame is width × ${factor.toFixed(3)} while loading and once shown`, async function () {
        this.timeout(8000);
        const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
          <photo-frame endpoint=${endpoint('slow/1200')} ratio=${ratio}></photo-frame>
        </div>`);
        const el = wrapper.querySelector('photo-frame')!;
        await aTimeout(100);
        expect(el.state).to.equal('loading');
        const hostBefore = box(el);
        const frameBefore = box(part(el, 'frame')!);
        expect(frameBefore.width).to.equal(300);
        expect(frameBefore.height).to.be.closeTo(300 * factor, 0.5);
        await settled(el);
        expect(el.state).to.equal('ready');
        expect(box(part(el, 'frame')!)).to.deep.equal(frameBefore);
        expect(box(el), 'no layout shift of the whole element (caption included)').to.deep.equal(hostBefore);
      });
    }

    it('the default ratio is 3/2', async function () {
      this.timeout(8000);
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('slow/1000')}></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await aTimeout(50);
      expect(el.state).to.equal('loading');
      expect(box(part(el, 'frame')!).height).to.be.closeTo(200, 0.5);
      const hostBefore = box(el);
      await settled(el);
      expect(box(part(el, 'frame')!).height).to.be.closeTo(200, 0.5);
      expect(box(el)).to.deep.equal(hostBefore);
    });

    it('ratio="auto" adopts each photo\'s own ratio', async () => {
      const el = await frame({ ratio: 'auto' });
      expect(el.photo?.id).to.equal('harbour.jpg');
      expect(box(part(el, 'frame')!).height).to.be.closeTo(200, 0.5); // 1500×1000
      await el.next();
      await showing(el, 'forest/pine.jpg');
      expect(box(part(el, 'frame')!).height).to.be.closeTo(450, 0.5); // 1000×1500
      await el.next();
      await showing(el, 'square.png');
      expect(box(part(el, 'frame')!).height).to.be.closeTo(300, 0.5);
    });

    it('a very long RTL caption is clamped: it neither widens nor lengthens the element', async () => {
      const short = await frame();
      const el = await frame({ scenario: 'long' });
      expect(text(part(el, 'caption-text'))).to.have.length.above(300);
      expect(box(el).width).to.equal(300);
      expect(box(el).height, 'same height as with a short caption').to.equal(box(short).height);
      const caption = part(el, 'caption')!;
      expect(caption.scrollWidth).to.be.at.most(caption.clientWidth + 1);
    });
  });

  describe('tells the page', () => {
    /** The element inside another element's shadow root: only composed events reach `outside`. */
    async function inShadow(scenario: string) {
      const outside = await fixture<HTMLDivElement>(html`<div style="width: 300px"></div>`);
      const root = outside.attachShadow({ mode: 'open' });
      const el = document.createElement('photo-frame');
      el.endpoint = endpoint(scenario);
      return { outside, root, el };
    }

    it('photo-change, bubbling and composed, with the photo', async () => {
      const { outside, root, el } = await inShadow('ok');
      const changes = record<PhotoChangeEvent>(outside, 'photo-change');
      const caught = oneEvent(outside, 'photo-change');
      root.append(el);
      const event = (await caught) as unknown as PhotoChangeEvent;
      expect(event instanceof PhotoChangeEvent, 'a PhotoChangeEvent').to.be.true;
      expect(event.bubbles, 'bubbles').to.be.true;
      expect(event.composed, 'composed').to.be.true;
      expect(event.photo.id).to.equal('harbour.jpg');
      expect(el.photo).to.deep.equal(event.photo);
      expect(changes).to.have.length(1);
    });

    it('photo-error, bubbling and composed, with the API error code', async () => {
      const { outside, root, el } = await inShadow('error');
      const caught = oneEvent(outside, 'photo-error');
      root.append(el);
      const event = (await caught) as unknown as PhotoErrorEvent;
      expect(event instanceof PhotoErrorEvent, 'a PhotoErrorEvent').to.be.true;
      expect(event.bubbles, 'bubbles').to.be.true;
      expect(event.composed, 'composed').to.be.true;
      expect(event.error instanceof Error, 'an Error').to.be.true;
      expect(event.error.code).to.equal('storage_unavailable');
    });
  });

  describe('when things go wrong', () => {
    it('an API error shows the error state with its message and a "Try again" button that works', async () => {
      const key = `retry-${Math.random().toString(36).slice(2)}`;
      const el = await frame({ scenario: `flaky/${key}` });
      expect(el.state).to.equal('error');
      expect(el.photo).to.be.undefined;
      const status = part(el, 'status')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.include('Cloud Storage did not answer');
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
      expect((await apiRequests()).filter((u) => u.pathname.startsWith('/test-api/flaky/'))).to.have.length(2);
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

    it('an unreachable API is a "network" error', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const errors = record<PhotoErrorEvent>(wrapper, 'photo-error');
      const el = document.createElement('photo-frame');
      el.endpoint = 'http://127.0.0.1:1/'; // nothing listens on port 1
      wrapper.append(el);
      await settled(el);
      expect(el.state).to.equal('error');
      expect(errors.map((e) => e.error.code)).to.deep.equal(['network']);
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
      const el = await frame({ scenario: 'error' });
      expect(el.state).to.equal('error');
      await expect(el).to.be.accessible();
    });

    it('is accessible offline', async () => {
      const el = await frame({ scenario: 'offline' });
      await expect(el).to.be.accessible();
    });
  });

  describe('registration', () => {
    it('loading the script twice does not throw, and keeps the first definition', async () => {
      const before = customElements.get('photo-frame');
      expect(before).to.exist;
      // A second copy of the module (as two <script>s on one page would load).
      const again = '/src/element/photo-frame.ts?again';
      await import(/* @vite-ignore */ again);
      expect(customElements.get('photo-frame')).to.equal(before);
      const el = await fixture<PhotoFrameElement>(html`<photo-frame endpoint=${endpoint('ok')}></photo-frame>`);
      await settled(el);
      expect(el.state).to.equal('ready');
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
