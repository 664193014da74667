// <photo-frame>: moving on to another photo — the next button, `exclude`
// (recently seen photos, kept across instances), and the `interval` slideshow
// with its pauses (hidden tab, off-screen, pointer, focus).
import { a11ySnapshot, findAccessibilityNode, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/element/photo-frame.js';
import type { PhotoChangeEvent } from '../../src/element/photo-frame.js';
import { LIMITS } from '../../src/contract.js';
import { apiRequests, endpoint } from './support/api.js';
import { changeWithin, part, record, resetAll, settled, showing } from './support/frame.js';

interface AxNode {
  role: string;
  name: string;
  children: AxNode[];
}

async function frame(scenario = 'ok', interval = 0, album = '') {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
    <photo-frame endpoint=${endpoint(scenario)} interval=${interval} album=${album}></photo-frame>
  </div>`);
  const el = wrapper.querySelector('photo-frame')!;
  await settled(el);
  return el;
}

/** Makes `document.hidden` answer `hidden` and tells the page, as switching tabs does. */
function setHidden(hidden: boolean) {
  if (hidden) {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  } else {
    // Own properties shadow Document.prototype's getters: removing them restores them.
    delete (document as { hidden?: boolean }).hidden;
    delete (document as { visibilityState?: string }).visibilityState;
  }
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('<photo-frame> next photo', () => {
  beforeEach(resetAll);
  afterEach(async () => {
    setHidden(false);
    window.scrollTo(0, 0);
    await resetMouse();
  });

  it('next() shows another photo and resolves once it is shown', async () => {
    const el = await frame();
    expect(el.photo?.id).to.equal('harbour.jpg');
    await el.next();
    await el.updateComplete;
    expect(el.photo?.id).to.equal('forest/pine.jpg');
    expect(part<HTMLImageElement>(el, 'image')!.src).to.equal(el.photo!.url);
  });

  it('has a "Show another photo" button, in the accessibility tree', async () => {
    const el = await frame();
    const button = part<HTMLButtonElement>(el, 'next')!;
    expect(button.localName).to.equal('button');
    // The browser's own accessibility tree (through the DevTools protocol), shadow DOM included.
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
    const named = (name: string) => findAccessibilityNode<AxNode>(snapshot, (n) => n.role === 'button' && n.name === name);
    expect(named('Show another photo'), 'a button named "Show another photo"').to.exist;
  });

  it('the next button works from the keyboard (focus, Enter)', async () => {
    const el = await frame();
    const button = part<HTMLButtonElement>(el, 'next')!;
    button.focus();
    expect(el.shadowRoot!.activeElement).to.equal(button);
    const changed = oneEvent(el, 'photo-change');
    await sendKeys({ press: 'Enter' });
    const event = (await changed) as unknown as PhotoChangeEvent;
    expect(event.photo.id).to.equal('forest/pine.jpg');
    await el.updateComplete;
    expect(el.photo?.id).to.equal('forest/pine.jpg');
  });

  it('the next button works with a click', async () => {
    const el = await frame();
    const changed = oneEvent(el, 'photo-change');
    part<HTMLButtonElement>(el, 'next')!.click();
    await changed;
    expect(el.photo?.id).to.equal('forest/pine.jpg');
  });

  describe('exclude (recently seen photos)', () => {
    it('the next request excludes the photo just seen', async () => {
      const el = await frame();
      await el.next();
      const [first, second] = await apiRequests();
      expect(first!.searchParams.has('exclude'), 'nothing seen yet').to.be.false;
      expect(second!.searchParams.get('exclude')?.split(',')).to.include('harbour.jpg');
      await el.next();
      const third = (await apiRequests())[2]!;
      expect(third.searchParams.get('exclude')?.split(',')).to.include.members(['harbour.jpg', 'forest/pine.jpg']);
    });

    it('a new element (a new page) excludes what an earlier one showed', async () => {
      const first = await frame();
      expect(first.photo?.id).to.equal('harbour.jpg');
      first.remove();
      await frame();
      const requests = await apiRequests();
      expect(requests).to.have.length(2);
      expect(requests[1]!.searchParams.get('exclude')?.split(',')).to.include('harbour.jpg');
    });

    it('sends the album', async () => {
      const el = await frame('ok', 0, 'forest');
      expect(el.photo?.id).to.match(/^forest\//);
      expect((await apiRequests())[0]!.searchParams.get('album')).to.equal('forest');
    });

    it('stays bounded, within the API limit, and keeps the most recent ids', async function () {
      this.timeout(20000);
      const el = await frame('unique');
      const seen = [el.photo!.id];
      for (let i = 0; i < 30; i++) {
        await el.next();
        seen.push(el.photo!.id);
      }
      expect(new Set(seen).size).to.equal(31);
      const last = (await apiRequests()).at(-1)!;
      const exclude = last.searchParams.get('exclude')!.split(',');
      expect(exclude.length).to.be.at.most(LIMITS.excludeIds);
      expect(exclude, 'the photo on show is excluded').to.include(seen.at(-2)!);
      const stored = JSON.stringify({ ...localStorage });
      expect(stored.length, 'localStorage stays small').to.be.below(4000);
    });
  });

  describe('slideshow (interval)', () => {
    it('advances by itself every interval seconds', async function () {
      this.timeout(8000);
      const el = await frame('ok', 1);
      const changes = record<PhotoChangeEvent>(el, 'photo-change');
      const first = el.photo!.id;
      const next = await changeWithin(el, 2500);
      expect(next, 'a photo-change within 2.5 s with interval=1').to.be.a('string');
      expect(next).to.not.equal(first);
      await changeWithin(el, 2500);
      expect(changes.length).to.be.at.least(2);
    });

    it('does not advance without interval', async function () {
      this.timeout(8000);
      const el = await frame('ok', 0);
      expect(await changeWithin(el, 1800)).to.be.undefined;
      expect(await apiRequests()).to.have.length(1);
    });

    it('pauses while the tab is hidden, and resumes when it shows again', async function () {
      this.timeout(10000);
      const el = await frame('ok', 1);
      setHidden(true);
      expect(await changeWithin(el, 1800), 'no change while hidden').to.be.undefined;
      expect(await apiRequests(), 'no request while hidden').to.have.length(1);
      setHidden(false);
      expect(await changeWithin(el, 2500), 'resumes once visible').to.be.a('string');
    });

    it('pauses while off-screen, and resumes when scrolled back', async function () {
      this.timeout(10000);
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 300px">
        <photo-frame endpoint=${endpoint('ok')} interval="1"></photo-frame>
        <div style="height: 5000px"></div>
      </div>`);
      const el = wrapper.querySelector('photo-frame')!;
      await settled(el);
      el.scrollIntoView();
      window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY + 2000);
      expect(el.getBoundingClientRect().bottom).to.be.below(-1000);
      expect(await changeWithin(el, 1800), 'no change while off-screen').to.be.undefined;
      el.scrollIntoView();
      expect(await changeWithin(el, 2500), 'resumes on screen').to.be.a('string');
    });

    it('pauses while the pointer is on it', async function () {
      this.timeout(10000);
      const el = await frame('ok', 1);
      const r = el.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(r.left + 20), Math.round(r.top + 20)] });
      expect(await changeWithin(el, 1800), 'no change under the pointer').to.be.undefined;
      await sendMouse({ type: 'move', position: [Math.round(r.left + 20), Math.round(r.bottom + 400)] });
      expect(await changeWithin(el, 2500), 'resumes when the pointer leaves').to.be.a('string');
    });

    it('pauses while keyboard focus is on it', async function () {
      this.timeout(10000);
      const el = await frame('ok', 1);
      const button = part<HTMLButtonElement>(el, 'next')!;
      button.focus();
      expect(await changeWithin(el, 1800), 'no change while focused').to.be.undefined;
      button.blur();
      expect(await changeWithin(el, 2500), 'resumes on blur').to.be.a('string');
    });

    it('stops when removed from the page', async function () {
      this.timeout(8000);
      const el = await frame('ok', 1);
      el.remove();
      await aTimeout(1600);
      expect(await apiRequests()).to.have.length(1);
    });

    it('interval = 0 set later stops it', async function () {
      this.timeout(8000);
      const el = await frame('ok', 1);
      el.interval = 0;
      await el.updateComplete;
      expect(await changeWithin(el, 1800)).to.be.undefined;
      await showing(el, 'harbour.jpg');
    });
  });
});
