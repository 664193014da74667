// Lighthouse's accessibility category on the demo blog as `npm start` serves
// it: the built photo API on the demo's photos (its own process) and the demo
// page (scripts/demo-server.ts), in Debian's Chromium driven by puppeteer-core
// (Lighthouse's user flows take a puppeteer page). One flow, each step scored
// on its own and each required to score 1: the page as it loads (Lighthouse's
// navigation: after load and a quiet network); every frame showing its photo
// and caption; the full-size view open on the first frame's photo; a desktop
// window, in the light and the dark colour scheme. A failing audit is named with its id, its
// title and the elements it flagged. Needs `npm run build` first, as
// `npm test` does.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { defaultConfig, desktopConfig, startFlow, type Config, type Result } from 'lighthouse';
import puppeteer, { type Browser, type Page, type Viewport } from 'puppeteer-core';
import { startDemoServer } from '../../scripts/demo-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { freePort, ROOT, spawnFunction, type RunningFunction } from '../../scripts/spawn-function.ts';

const STEP_MS = 20_000;

/**
 * Lighthouse's default configuration cut to its accessibility category: the
 * same audits, weights and gatherer, without loading the other 150 audits
 * (about 5 s a run here). Screen emulation is the test's own (see VIEWPORTS):
 * a snapshot step audits the page as it is and would not emulate.
 */
const ACCESSIBILITY_ONLY: Config = {
  settings: { onlyCategories: ['accessibility'], formFactor: 'mobile', screenEmulation: { disabled: true } },
  artifacts: defaultConfig.artifacts!.filter((artifact) => artifact.id === 'Accessibility'),
  audits: defaultConfig.audits!.filter((audit) => typeof audit === 'string' && audit.startsWith('accessibility/')),
  categories: { accessibility: defaultConfig.categories!.accessibility! },
  groups: Object.fromEntries(Object.entries(defaultConfig.groups!).filter(([id]) => id.startsWith('a11y-') || id === 'hidden')),
};

/** Lighthouse's own mobile and desktop screens, for puppeteer. */
function viewportOf(config: Config): Viewport {
  const { width, height, deviceScaleFactor, mobile } = config.settings!.screenEmulation!;
  return { width: width!, height: height!, deviceScaleFactor, isMobile: mobile, hasTouch: mobile };
}
const VIEWPORTS = { mobile: viewportOf(defaultConfig), desktop: viewportOf(desktopConfig) };

/** Every frame shows its photo: ready, its image loaded, its caption written. */
const EVERY_FRAME_SHOWN = `document.querySelectorAll('photo-frame').length > 0 && [...document.querySelectorAll('photo-frame')].every((el) => {
  const img = el.shadowRoot?.querySelector('img[part~=image]');
  const caption = el.shadowRoot?.querySelector('[part~=caption-text]')?.textContent ?? '';
  return el.getAttribute('state') === 'ready' && img?.complete && img.naturalWidth > 0 && caption === (el.photo.caption ?? '');
})`;

/** The first frame's full-size view is open, its photo loaded. */
const VIEW_SHOWN = `(() => {
  const img = document.querySelector('photo-frame').shadowRoot.querySelector('[part~=view-image]');
  return Boolean(img?.closest('dialog')?.open && img.complete && img.naturalWidth > 0);
})()`;

/**
 * Frames start loading when they come near the viewport: brings each one in
 * turn into view until it has its photo (all at once, the observers would
 * only see where the scrolling ended), then waits for every one to show it.
 */
async function showEveryPhoto(page: Page): Promise<void> {
  const frames = `[...document.querySelectorAll('photo-frame')]`;
  try {
    const count = (await page.evaluate(`${frames}.length`)) as number;
    for (let i = 0; i < count; i++) {
      await page.evaluate(`${frames}[${i}].scrollIntoView({ block: 'center' })`);
      await page.waitForFunction(`${frames}[${i}].photo !== undefined`, { polling: 100 });
    }
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForFunction(EVERY_FRAME_SHOWN, { polling: 100 });
  } catch (error) {
    const states = await page.evaluate(`${frames}.map((el) => [el.getAttribute('state'), el.photo?.id])`);
    throw new Error(`${(error as Error).message}: not every frame showed its photo: ${JSON.stringify(states)}`);
  }
}

/** Each weighted audit of the category that did not pass: id, title and the elements it flagged. */
function failingAudits(lhr: Result): string[] {
  return lhr.categories.accessibility!.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id]!)
    .filter((audit) => audit.scoreDisplayMode === 'error' || (audit.score !== null && audit.score < 1))
    .map((audit) => {
      type Item = { node?: { snippet?: string; path?: string; explanation?: string } };
      const items = (audit.details as { items?: Item[] } | undefined)?.items ?? [];
      const nodes = items.map(({ node }) =>
        [`      ${node?.snippet ?? ''} at ${node?.path ?? '?'}`, ...(node?.explanation ? [`        ${node.explanation.replace(/\s+/g, ' ')}`] : [])].join('\n'),
      );
      return [`    ${audit.id}: ${audit.title}${audit.errorMessage ? ` (${audit.errorMessage})` : ''}`, ...nodes].join('\n');
    });
}

async function closeServer(server: http.Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

test('Lighthouse scores the demo blog 1 for accessibility: loading, every photo shown, the full-size view open, desktop light and dark', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(path.join(ROOT, 'dist/photo-frame.js')), 'dist/photo-frame.js is missing: run "npm run build" first');
  const executablePath = findChromium();
  assert.ok(executablePath, 'no Chromium found: sudo apt-get install -y chromium');
  let api: RunningFunction | undefined;
  let demo: { url: string; server: http.Server } | undefined;
  let browser: Browser | undefined;
  try {
    api = await spawnFunction({ port: await freePort(), stdout: 'ignore', env: { PHOTOS_DIR: path.join(ROOT, 'demo/photos') } });
    demo = await startDemoServer({ port: 0, apiUrl: api.url });
    browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_MS);
    await page.setViewport(VIEWPORTS.mobile);
    const flow = await startFlow(page, { config: ACCESSIBILITY_ONLY });

    await flow.navigate(`${demo.url}/`, { name: 'The demo blog as it loads' });

    await showEveryPhoto(page);
    await flow.snapshot({ name: 'Every frame showing its photo' });

    await page.locator('photo-frame >>> img[part~=image]').click();
    await page.waitForFunction(VIEW_SHOWN, { polling: 100 });
    await flow.snapshot({ name: 'The full-size view open' });
    assert.equal(await page.evaluate(VIEW_SHOWN), true, 'the view stayed open while it was audited');
    await page.keyboard.press('Escape');

    // A new viewport reloads the page (touch emulation off): the photos are shown again. Wider, the
    // styled frames' captions fit where on a phone they may be clamped; the demo has a dark palette too.
    await page.setViewport(VIEWPORTS.desktop);
    await showEveryPhoto(page);
    await flow.snapshot({ name: 'A desktop window, every frame showing its photo', formFactor: 'desktop' });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await flow.snapshot({ name: 'The same in the dark colour scheme', formFactor: 'desktop' });
    assert.equal(await page.evaluate(EVERY_FRAME_SHOWN), true, 'every frame still showed its photo when audited');

    const { steps } = await flow.createFlowResult();
    assert.equal(steps.length, 5);
    const report = steps.map(({ name, lhr }) => [`  ${name}: ${lhr.categories.accessibility!.score}`, ...failingAudits(lhr)].join('\n'));
    for (const { name, lhr } of steps) {
      assert.equal(lhr.categories.accessibility!.score, 1, `Lighthouse accessibility below 1 in "${name}":\n${report.join('\n')}`);
    }
    // The photos were there to audit: an <img> exists only once a frame shows one (the demo page itself has none).
    for (const { name, lhr } of steps.slice(1)) {
      assert.equal(lhr.audits['image-alt']!.score, 1, `"${name}": Lighthouse audited the frames' images`);
    }
  } finally {
    await browser?.close();
    await closeServer(demo?.server);
    await api?.stop();
  }
});
