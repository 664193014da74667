// <photo-frame>: the full-size view for assistive technology (its accessibility
// tree through a11ySnapshot), for the page behind it (nothing moves or
// scrolls) and for readers who ask for reduced motion
// (test/element/support/view.ts: real browser input).
import { emulateMedia, executeServerCommand, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import { endpoint } from './support/api.js';
import { resetAll, settled, showing } from './support/frame.js';
import { type AxNode, axTree, closed, frame, openByClick, resetInput } from './support/view.js';

describe('<photo-frame> full-size view', () => {
  beforeEach(resetAll);
  afterEach(resetInput);

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
});
