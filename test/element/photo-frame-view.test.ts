// <photo-frame>: the full-size view. A reader opens the photo by mouse,
// keyboard or touch into a native modal <dialog>, steps through photos with
// the arrow keys, the buttons or a swipe, and closes it with its button, Esc or
// a click beside the photo; focus stays in the view and comes back to the
// photo; the page behind never moves; `no-view` turns it all off. Mouse and
// keys go through the runner's sendMouse/sendKeys, touch through DevTools
// (test/element/support/input-plugin.mjs), the accessibility tree through
// a11ySnapshot: all real browser input and state.
import { a11ySnapshot, emulateMedia, executeServerCommand, findAccessibilityNode, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoFrameElement } from '../../src/element/photo-frame.js';
import { apiRequests, craft, endpoint } from './support/api.js';
import { part, resetAll, settled, showing, text } from './support/frame.js';

interface AxNode {
  role: string;
  name: string;
  haspopup?: string;
  modal?: boolean;
  children: AxNode[];
}

type Point = [number, number];

async function frame(attrs: { scenario?: string; noView?: boolean } = {}) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en" style="width: 300px">
    <photo-frame endpoint=${endpoint(attrs.scenario ?? 'ok')} ?no-view=${attrs.noView ?? false}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

const photo = (el: PhotoFrameElement) => part<HTMLImageElement>(el, 'image')!;
const view = (el: PhotoFrameElement) => part<HTMLDialogElement>(el, 'view');
/** The element that has the focus, inside the frame's shadow root. */
const focused = (el: PhotoFrameElement) => el.shadowRoot!.activeElement;

function center(node: Element): Point {
  const r = node.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

async function opened(el: PhotoFrameElement): Promise<HTMLDialogElement> {
  await waitUntil(() => view(el)?.open, 'the view did not open', { timeout: 3000, interval: 20 });
  return view(el)!;
}

async function closed(el: PhotoFrameElement): Promise<void> {
  await waitUntil(() => !view(el)?.open, 'the view did not close', { timeout: 3000, interval: 20 });
}

/** What the view shows: its photo, caption, date and name. */
function shownInView(el: PhotoFrameElement) {
  const dialog = view(el)!;
  return {
    src: part<HTMLImageElement>(el, 'view-image')!.src,
    caption: text(part(el, 'view-caption-text')),
    date: part(el, 'view-date')!.hidden ? '' : text(part(el, 'view-date')),
    label: dialog.getAttribute('aria-label'),
  };
}

async function click([x, y]: Point): Promise<void> {
  await sendMouse({ type: 'click', position: [x, y] });
}

/** A mouse drag from `from` to `to`, in steps, as a hand makes it. */
async function drag(from: Point, to: Point): Promise<void> {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= 5; i++) {
    await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / 5), Math.round(from[1] + ((to[1] - from[1]) * i) / 5)] });
  }
  await sendMouse({ type: 'up' });
}

async function touch(...fingers: Point[][]): Promise<void> {
  await executeServerCommand('touch', { fingers });
}

/** Opens the view with a click on the photo and waits for it. */
async function openByClick(el: PhotoFrameElement): Promise<HTMLDialogElement> {
  await click(center(photo(el)));
  return opened(el);
}

async function axTree(): Promise<AxNode> {
  return (await a11ySnapshot({})) as unknown as AxNode;
}

describe('<photo-frame> full-size view', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    await resetMouse();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

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

  describe('steps through photos', () => {
    it('with the arrow keys: on to the frame\'s next photo, back through the ones it showed', async () => {
      const el = await frame();
      await openByClick(el);
      const seen = [el.photo!.id];
      for (let i = 0; i < 2; i++) {
        await sendKeys({ press: 'ArrowRight' });
        await waitUntil(() => el.photo!.id !== seen.at(-1), 'no next photo');
        await waitUntil(() => shownInView(el).src === el.photo!.url, 'the view did not follow');
        seen.push(el.photo!.id);
      }
      expect(seen).to.deep.equal(['harbour.jpg', 'forest/pine.jpg', 'square.png']);
      // square.png has alt text only: the view is named after it.
      expect(shownInView(el)).to.deep.include({ caption: '', label: 'A red square' });
      const requests = (await apiRequests()).length;

      await sendKeys({ press: 'ArrowLeft' });
      expect(shownInView(el)).to.deep.include({ caption: 'A tall pine', date: 'December 24, 2023' });
      await sendKeys({ press: 'ArrowLeft' });
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      expect(part(el, 'view-previous')!.getAttribute('aria-disabled'), 'nothing before the first photo').to.equal('true');
      await sendKeys({ press: 'ArrowLeft' });
      expect(shownInView(el).caption, 'stays on the first photo').to.equal('Boats in the harbour at dawn');
      await sendKeys({ press: 'ArrowRight' });
      expect(shownInView(el).caption, 'forward through the photos shown').to.equal('A tall pine');
      expect((await apiRequests()).length, 'photos already shown are not asked for again').to.equal(requests);
      expect(el.photo!.id, 'the frame stays on its latest photo').to.equal('square.png');
    });

    it('with the Previous and Next buttons, by mouse and by keyboard', async () => {
      const el = await frame();
      await openByClick(el);
      const previous = part<HTMLButtonElement>(el, 'view-previous')!;
      expect(previous.getAttribute('aria-disabled'), 'nothing before the first photo').to.equal('true');
      await click(center(part(el, 'view-next')!));
      await showing(el, 'forest/pine.jpg');
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'the view did not follow');
      expect(previous.hasAttribute('aria-disabled')).to.be.false;
      await click(center(previous));
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      // By keyboard: Next, then Previous back to the first photo, the focus staying on the button pressed.
      part<HTMLButtonElement>(el, 'view-next')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'Enter on Next did not step');
      previous.focus();
      await sendKeys({ press: 'Enter' });
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      expect(previous.getAttribute('aria-disabled')).to.equal('true');
      expect(focused(el), 'the focus stays on Previous').to.equal(previous);
    });

    it('with a mouse swipe (drag) left then right, which does not close the view', async () => {
      const el = await frame();
      const dialog = await openByClick(el);
      const [x, y] = center(part(el, 'view-image')!);
      await drag([x + 150, y], [x - 150, y]);
      await showing(el, 'forest/pine.jpg');
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'the view did not follow');
      // Ends on the backdrop: the click a drag fires there is not a click on the backdrop.
      await drag([x - 150, y], [innerWidth - 4, y]);
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      expect(dialog.open).to.be.true;
    });

    it('with a touch swipe left then right', async () => {
      const el = await frame();
      await openByClick(el);
      const [x, y] = center(part(el, 'view-image')!);
      await touch([[x + 120, y], [x - 120, y]]);
      await showing(el, 'forest/pine.jpg');
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'the view did not follow');
      await touch([[x - 120, y], [x + 120, y]]);
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      expect(view(el)!.open).to.be.true;
    });

    it('leaves vertical scrolling and pinch-zoom to the browser: a pinch or a vertical move is no swipe', async () => {
      const el = await frame();
      const dialog = await openByClick(el);
      const action = getComputedStyle(dialog).touchAction;
      expect(action).to.include('pan-y');
      expect(action).to.include('pinch-zoom');
      const [x, y] = center(part(el, 'view-image')!);
      // One finger moving up, then two fingers moving apart sideways: the browser zooms in.
      await touch([[x, y + 100], [x + 20, y - 100]]);
      await touch([[x - 20, y], [x - 140, y]], [[x + 20, y], [x + 140, y]]);
      await waitUntil(() => visualViewport!.scale > 1, `the pinch did not zoom (scale ${visualViewport!.scale})`);
      expect(el.photo!.id).to.equal('harbour.jpg');
      expect(shownInView(el).caption).to.equal('Boats in the harbour at dawn');
      expect((await apiRequests()).length, 'no next photo asked for').to.equal(1);
      // Pinch back out to the page's own scale, for the tests that follow.
      const [cx, cy] = [innerWidth / 2, innerHeight / 2].map(Math.round) as Point;
      await touch([[cx - 200, cy], [cx - 10, cy]], [[cx + 200, cy], [cx + 10, cy]]);
      await waitUntil(() => visualViewport!.scale === 1, `still zoomed in (scale ${visualViewport!.scale})`);
    });
  });

  describe('for assistive technology', () => {
    it('the photo is a button named by its alt text that opens a dialog; the view is a modal dialog named by the caption', async () => {
      const el = await frame();
      let tree = await axTree();
      const button = findAccessibilityNode<AxNode>(tree, (n) => n.role === 'button' && n.name === 'Fishing boats moored in a calm harbour, pink sky');
      expect(button, 'the photo as a button').to.exist;
      expect(button!.haspopup).to.equal('dialog');
      await openByClick(el);
      tree = await axTree();
      const dialog = findAccessibilityNode<AxNode>(tree, (n) => n.role === 'dialog');
      expect(dialog?.name).to.equal('Boats in the harbour at dawn');
      expect(dialog?.modal).to.be.true;
      const inside = (role: string, name: string) => findAccessibilityNode<AxNode>(dialog!, (n) => n.role === role && n.name === name);
      expect(inside('image', 'Fishing boats moored in a calm harbour, pink sky') ?? inside('img', 'Fishing boats moored in a calm harbour, pink sky'), 'the photo, by its alt text').to.exist;
      for (const name of ['Close', 'Previous photo', 'Next photo']) expect(inside('button', name), name).to.exist;
      // The page behind is inert: its "Show another photo" button is out of the tree.
      expect(findAccessibilityNode<AxNode>(tree, (n) => n.name === 'Show another photo')).to.not.exist;
      // And axe finds nothing to fix in the frame with its view open.
      await expect(el).to.be.accessible();
    });

    it('named by the alt text when the photo has no caption', async () => {
      const el = await frame();
      await el.next();
      await el.next();
      await showing(el, 'square.png');
      await openByClick(el);
      const dialog = findAccessibilityNode<AxNode>(await axTree(), (n) => n.role === 'dialog');
      expect(dialog?.name).to.equal('A red square');
    });
  });

  describe('the page behind', () => {
    it('does not move when the view opens and closes (no scrollbar taken away, no layout shift)', async () => {
      const shifts: number[] = [];
      const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries().map((e) => (e as PerformanceEntry & { value: number }).value)));
      observer.observe({ type: 'layout-shift' });
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
        <div style="height: 150px"></div>
        <div style="width: 300px"><photo-frame endpoint=${endpoint('ok')}></photo-frame></div>
        <p id="below">A paragraph below the frame.</p>
        <div style="height: 3000px"></div>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      const below = wrapper.querySelector('#below')!;
      const layout = () => ({ width: document.documentElement.clientWidth, frame: JSON.stringify(el.getBoundingClientRect()), below: JSON.stringify(below.getBoundingClientRect()), scrollY });
      scrollTo(0, 100);
      await new Promise(requestAnimationFrame);
      expect(document.documentElement.clientWidth, 'the page has a scrollbar that takes room').to.equal(innerWidth - 15);
      expect(scrollY).to.equal(100);
      const before = layout();
      shifts.length = 0;
      await openByClick(el);
      await new Promise(requestAnimationFrame);
      expect(layout(), 'while open').to.deep.equal(before);
      // Nor does it scroll underneath: a wheel turn over the view stays there.
      await executeServerCommand('wheel', { x: 20, y: 300, deltaY: 400 });
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      expect(layout(), 'after a wheel turn').to.deep.equal(before);
      await sendKeys({ press: 'Escape' });
      await closed(el);
      await new Promise(requestAnimationFrame);
      expect(layout(), 'after closing').to.deep.equal(before);
      // Every layout shift counts here, even those right after input that CLS forgives.
      await new Promise(requestAnimationFrame);
      observer.disconnect();
      expect(shifts).to.deep.equal([]);
      scrollTo(0, 0);
    });
  });

  describe('motion', () => {
    it('fades in, but not with prefers-reduced-motion', async () => {
      let el = await frame();
      let dialog = await openByClick(el);
      expect(getComputedStyle(dialog).animationName).to.equal('photo-view-in');
      dialog.close();
      el.remove();
      await emulateMedia({ reducedMotion: 'reduce' });
      el = await frame();
      dialog = await openByClick(el);
      expect(getComputedStyle(dialog).animationName).to.equal('none');
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
