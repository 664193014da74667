// <photo-frame>: what a reader sees of a photo (caption, date, alt text,
// srcset, fit), its box settled before the API answers, the events the page
// gets, and registering twice; its states when things go wrong or while it
// loads are in photo-frame-states.test.ts. The photo API is the test API served by
// web-test-runner (test/element/support/test-photo-api.mjs); its `ok`
// scenario answers harbour.jpg (3:2, caption + alt, 2024-06-01T00:30+02:00),
// then forest/pine.jpg (2:3, caption only), square.png (1:1, alt only),
// forest/valley.jpg (16:9), skipping excluded ids.
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { nothing } from 'lit';
import { PhotoChangeEvent, PhotoErrorEvent, type PhotoFrameElement } from '../../src/element/photo-frame.js';
import { endpoint } from './support/api.js';
import { box, frame, HARBOUR, part, record, resetAll, settled, showing, text } from './support/frame.js';

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
    // No ratio attribute: the default, 3/2.
    for (const [ratio, factor] of [[undefined, 2 / 3], ['3/2', 2 / 3], ['1/1', 1], ['16:9', 9 / 16]] as const) {
      it(`${ratio ? `ratio="${ratio}"` : 'the default ratio (3/2)'}: the frame is width × ${factor.toFixed(3)} while loading and once shown`, async function () {
        this.timeout(8000);
        const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
          <photo-frame endpoint=${endpoint('slow/1200')} ratio=${ratio ?? nothing}></photo-frame>
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
      const { outside, root, el } = await inShadow('empty');
      const caught = oneEvent(outside, 'photo-error');
      root.append(el);
      const event = (await caught) as unknown as PhotoErrorEvent;
      expect(event instanceof PhotoErrorEvent, 'a PhotoErrorEvent').to.be.true;
      expect(event.bubbles, 'bubbles').to.be.true;
      expect(event.composed, 'composed').to.be.true;
      expect(event.error instanceof Error, 'an Error').to.be.true;
      expect(event.error.code).to.equal('no_photos');
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

