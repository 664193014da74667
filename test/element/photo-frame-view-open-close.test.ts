// <photo-frame>: the full-size view opens and closes. A reader opens the photo
// by mouse, keyboard or touch into a native modal <dialog> and closes it with
// its button, Esc or a click beside the photo; focus stays in the view and
// comes back to the photo; `no-view` turns it all off
// (test/element/support/view.ts: real browser input).
import { findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../src/element/photo-frame.js';
import { craft, endpoint } from './support/api.js';
import { part, resetAll, settled, showing } from './support/frame.js';
import { type AxNode, axTree, center, click, closed, focused, frame, openByClick, opened, photo, resetInput, shownInView, touch, view } from './support/view.js';

describe('<photo-frame> full-size view', () => {
  beforeEach(resetAll);
  afterEach(resetInput);

  describe('opens', () => {
    it('loads its module only when a reader first opens a photo', async () => {
      const loaded = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('photo-view-controller'));
      const el = await frame();
      expect(loaded(), 'loaded before anyone opened a photo').to.be.false;
      expect(view(el), 'no dialog before the first opening').to.be.null;
      await openByClick(el);
      expect(loaded()).to.be.true;
    });

    it('by a mouse click: a modal dialog with the photo, its caption and its date, focus inside', async () => {
      const el = await frame();
      const dialog = await openByClick(el);
      expect(dialog.localName).to.equal('dialog');
      expect(dialog.matches(':modal'), 'opened with showModal()').to.be.true;
      expect(shownInView(el)).to.deep.equal({
        src: el.photo!.url,
        caption: 'Boats in the harbour at dawn',
        date: 'June 1, 2024',
        label: 'Boats in the harbour at dawn',
      });
      const image = part<HTMLImageElement>(el, 'view-image')!;
      expect(image.alt).to.equal('Fishing boats moored in a calm harbour, pink sky');
      expect(part(el, 'view-date')!.getAttribute('datetime')).to.equal('2024-06-01T00:30:00+02:00');
      // No photographer's details in this photo: their line takes no room.
      expect(part(el, 'view-details')!.hidden).to.be.true;
      expect(dialog.contains(focused(el)), 'the focus moved into the view').to.be.true;
      // Larger than in the frame: the whole width of the viewport, or its height.
      await waitUntil(() => image.complete && image.naturalWidth > 0, 'the view\'s image did not load');
      const shown = image.getBoundingClientRect();
      expect(Math.max(shown.width / innerWidth, shown.height / innerHeight)).to.be.above(0.5);
    });

    it('with the largest variants on offer: srcset with every variant and sizes="100vw"', async () => {
      const el = await frame({ scenario: 'variants' });
      await openByClick(el);
      const image = part<HTMLImageElement>(el, 'view-image')!;
      expect(image.sizes).to.equal('100vw');
      expect(image.srcset.split(', ').map((candidate) => candidate.split(' ')[1])).to.deep.equal(['400w', '800w', '1200w', '1500w']);
      await waitUntil(() => image.complete && image.currentSrc !== '', 'the view\'s image did not load');
      // The frame (300 px) took the 400 px variant; the view, as wide as the viewport, a larger one.
      expect(photo(el).currentSrc).to.match(/400x267/);
      const width = Number(/img\/(\d+)x/.exec(image.currentSrc)?.[1]);
      expect(width).to.be.at.least(Math.min(innerWidth * devicePixelRatio, 1500));
    });

    it('with the image the frame loaded when a larger one fails (offline, never cached)', async () => {
      const img = (spec: string) => `${location.origin}/test-api/img/${spec}`;
      const api = await craft({
        id: 'large-missing.jpg',
        url: img('missing'),
        width: 1500,
        height: 1000,
        caption: 'Only the small one loads',
        variants: [
          { url: img('400x267/teal'), width: 400, type: 'image/png' },
          { url: `${img('missing')}?800`, width: 800, type: 'image/png' },
          { url: `${img('missing')}?1200`, width: 1200, type: 'image/png' },
        ],
      });
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px"><photo-frame endpoint=${api}></photo-frame></div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      expect(photo(el).currentSrc).to.match(/400x267/);
      await openByClick(el);
      const image = part<HTMLImageElement>(el, 'view-image')!;
      await waitUntil(() => image.complete && image.naturalWidth > 0, `the view's image did not load: ${image.currentSrc}`);
      expect(image.currentSrc).to.match(/400x267/);
    });

    it('by keyboard: the photo is a focusable button; Enter opens the view and it stays open', async () => {
      const el = await frame();
      const image = photo(el);
      expect(image.tabIndex).to.equal(0);
      expect(image.getAttribute('role')).to.equal('button');
      image.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = await opened(el);
      // The key's up (and a keypress) reached the view's focused Close button without closing it.
      await new Promise(requestAnimationFrame);
      expect(dialog.open).to.be.true;
      expect(dialog.contains(focused(el))).to.be.true;
    });

    it('by keyboard: Space opens the view (on key up, as a button) and it stays open', async () => {
      const el = await frame();
      photo(el).focus();
      const scrolled = scrollY;
      await sendKeys({ press: 'Space' });
      const dialog = await opened(el);
      await new Promise(requestAnimationFrame);
      expect(dialog.open).to.be.true;
      expect(scrollY, 'Space did not scroll the page').to.equal(scrolled);
    });

    it('by touch: a tap on the photo', async () => {
      const el = await frame();
      await touch([center(photo(el))]);
      await opened(el);
    });

    it('tabs from the page to the photo', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <button>before</button><photo-frame endpoint=${endpoint('ok')}></photo-frame>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      wrapper.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(photo(el));
    });
  });

  describe('closes, and gives the focus back to the photo', () => {
    const ways: { name: string; close: (el: PhotoFrameElement) => Promise<void> }[] = [
      { name: 'Esc', close: () => sendKeys({ press: 'Escape' }) },
      { name: 'the Close button', close: (el) => click(center(part(el, 'view-close')!)) },
      { name: 'the Close button, by keyboard (it has the focus)', close: () => sendKeys({ press: 'Enter' }) },
      // The dark area around the photo: the top left corner of the viewport.
      { name: 'a click on the backdrop', close: () => click([4, 4]) },
      { name: 'a tap on the backdrop', close: () => touch([[4, 4]]) },
    ];
    for (const { name, close } of ways) {
      it(name, async () => {
        const el = await frame();
        await openByClick(el);
        await close(el);
        await closed(el);
        expect(focused(el)).to.equal(photo(el));
        expect(document.activeElement).to.equal(el);
      });
    }

    it('not by a click on the photo or its caption', async () => {
      const el = await frame();
      const dialog = await openByClick(el);
      await click(center(part(el, 'view-image')!));
      await click(center(part(el, 'view-caption-text')!));
      await new Promise(requestAnimationFrame);
      expect(dialog.open).to.be.true;
    });

    it('keeps the focus inside while open: Tab and Shift+Tab cycle through its buttons, never to the page behind', async () => {
      const el = await frame();
      const dialog = await openByClick(el);
      // Step forward so that the photo has a previous one: every button is enabled.
      await sendKeys({ press: 'ArrowRight' });
      await showing(el, 'forest/pine.jpg');
      for (const key of ['Tab', 'Shift+Tab']) {
        const names = new Set<string>();
        for (let i = 0; i < 8; i++) {
          if (key === 'Shift+Tab') await sendKeys({ down: 'Shift' });
          await sendKeys({ press: 'Tab' });
          if (key === 'Shift+Tab') await sendKeys({ up: 'Shift' });
          const active = focused(el);
          // Past the last button the browser may take the focus to its own controls (here, none: the
          // page's body), as a native modal dialog does; never to an element of the page behind.
          if (document.activeElement === document.body) continue;
          expect(dialog.contains(active), `after ${key}, the focus is on ${document.activeElement?.outerHTML}: ${active?.outerHTML}`).to.be.true;
          names.add(active!.getAttribute('aria-label')!);
        }
        expect([...names].sort(), key).to.deep.equal(['Close', 'Next photo', 'Previous photo']);
      }
    });
  });

  describe('no-view', () => {
    it('the photo is not a button: not focusable, not announced as one, and a click, a tap or Enter open nothing', async () => {
      const el = await frame({ noView: true });
      const image = photo(el);
      expect(image.hasAttribute('role')).to.be.false;
      expect(image.hasAttribute('tabindex')).to.be.false;
      expect(image.tabIndex).to.equal(-1);
      const tree = await axTree();
      expect(findAccessibilityNode<AxNode>(tree, (n) => n.role === 'button' && n.name === 'Fishing boats moored in a calm harbour, pink sky')).to.not.exist;
      const asImage = findAccessibilityNode<AxNode>(tree, (n) => n.name === 'Fishing boats moored in a calm harbour, pink sky');
      expect(asImage?.role).to.be.oneOf(['image', 'img']);
      await click(center(image));
      await touch([center(image)]);
      image.focus();
      await sendKeys({ press: 'Enter' });
      await new Promise(requestAnimationFrame);
      expect(view(el)).to.be.null;
    });

    it('is the property noView, reflected from the attribute', async () => {
      const el = await frame({ noView: true });
      expect(el.noView).to.be.true;
      el.removeAttribute('no-view');
      await el.updateComplete;
      expect(el.noView).to.be.false;
      expect(photo(el).getAttribute('role')).to.equal('button');
      await openByClick(el);
    });
  });
});
