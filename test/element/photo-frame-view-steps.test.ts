// <photo-frame>: the full-size view steps through photos with the arrow keys,
// the buttons, a mouse drag or a touch swipe, leaving pinch-zoom and vertical
// scrolling to the browser (test/element/support/view.ts: real browser input).
import { sendKeys } from '@web/test-runner-commands';
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { apiRequests } from './support/api.js';
import { part, resetAll, showing } from './support/frame.js';
import { center, click, drag, focused, frame, openByClick, type Point, resetInput, shownInView, touch, view } from './support/view.js';

describe('<photo-frame> full-size view', () => {
  beforeEach(resetAll);
  afterEach(resetInput);

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

    it('on a right-to-left page, in its reading order: on is leftwards, for the keys, a swipe and the buttons', async () => {
      const el = await frame({ dir: 'rtl' });
      await openByClick(el);
      const [previous, next] = [part(el, 'view-previous')!, part(el, 'view-next')!];
      expect(center(previous)[0], '"Previous" on the right of "Next"').to.be.greaterThan(center(next)[0]);
      await sendKeys({ press: 'ArrowLeft' });
      await showing(el, 'forest/pine.jpg');
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'the view did not follow ←');
      await sendKeys({ press: 'ArrowRight' });
      expect(shownInView(el).caption, '→ goes back').to.equal('Boats in the harbour at dawn');
      const [x, y] = center(part(el, 'view-image')!);
      await touch([[x - 120, y], [x + 120, y]]);
      await waitUntil(() => shownInView(el).caption === 'A tall pine', 'a swipe to the right did not go on');
      await touch([[x + 120, y], [x - 120, y]]);
      expect(shownInView(el).caption, 'a swipe to the left goes back').to.equal('Boats in the harbour at dawn');
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
});
