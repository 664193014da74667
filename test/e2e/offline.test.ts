// End to end, the whole journey of a photo: `photo-frame upload` publishes the
// demo's camera files (demo/originals) into a fresh folder; the built photo API
// serves that folder as its local store; the demo blog (the element and the
// service worker opted in, from dist/) shows them in Debian's Chromium through
// playwright-core. Visit, visit again and step through
// photos; then stop the API's process and the blog's server for real and
// reload: the page, a photo seen before with its caption, and the offline
// state show, and next() steps among the photos seen only. Start both again
// on the same ports: the frame comes back online by itself. Screenshots go to
// test-results/e2e-offline/ (gitignored). Needs `npm run build` first, as
// `npm test` does.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemoServer } from '../../scripts/demo-server.ts';
import { upload } from '../../src/cli/upload.ts';
import { MANIFEST_NAME } from '../../src/format/manifest.ts';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { freePort, ROOT, spawnFunction, type RunningFunction } from '../../scripts/spawn-function.ts';

const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e-offline');
const STEP_MS = 15_000;

interface FrameView {
  id: string | null;
  state: string | null;
  caption: string;
  offline: boolean;
}

/** Each frame on the page: its photo, state and caption as a reader sees them. */
const FRAMES = `[...document.querySelectorAll('photo-frame')].map((el) => ({
  id: el.photo ? el.photo.id : null,
  state: el.getAttribute('state'),
  caption: (el.shadowRoot.querySelector('[part~=caption-text]')?.textContent ?? '').trim(),
  offline: el.photo?.offline === true,
}))`;
const HERO = `document.getElementById('hero')`;

async function frames(page: Page): Promise<FrameView[]> {
  return (await page.evaluate(FRAMES)) as FrameView[];
}

async function hero(page: Page): Promise<FrameView> {
  return (await frames(page))[0]!;
}

/** Waits until every frame shows a photo in one of `states`. */
async function allShowing(page: Page, states: string[]): Promise<void> {
  await page.waitForFunction(
    `[...document.querySelectorAll('photo-frame')].every((el) => el.photo && ${JSON.stringify(states)}.includes(el.getAttribute('state')))`,
    null,
    { timeout: STEP_MS, polling: 100 },
  );
}

/** Asks the controlling worker to finish its background work (caching, prefetching). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return reject(new Error('no service worker controls the page'));
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('the worker did not settle within 10 s')), 10000);
    channel.port1.onmessage = () => { clearTimeout(timer); resolve(); };
    worker.postMessage({ type: 'photo-frame:settle' }, [channel.port2]);
  })`);
}

/**
 * Each published photo's caption as the photographer wrote it: its sidecar
 * beside the camera file, or (without one) what the manifest took from EXIF.
 */
async function publishedCaptions(dir: string): Promise<Map<string, string>> {
  const lines = (await readFile(path.join(dir, MANIFEST_NAME), 'utf8')).trim().split('\n').slice(1);
  const photos = lines.map((line) => JSON.parse(line) as { id: string; caption?: string });
  const captions = new Map<string, string>();
  for (const photo of photos) {
    const sidecar = await readFile(path.join(ROOT, 'demo/originals', `${photo.id}.json`), 'utf8').catch(() => undefined);
    captions.set(photo.id, sidecar ? (JSON.parse(sidecar) as { caption: string }).caption : (photo.caption ?? ''));
  }
  return captions;
}

/**
 * Opens the hero's full-size view with a click on its photo, as a reader does, and returns what it
 * shows once its image has loaded: the caption, and whether it shows the frame's photo.
 */
async function openHeroView(page: Page): Promise<{ caption: string; samePhoto: boolean }> {
  await page.locator('#hero img[part~=image]').click();
  const view = `${HERO}.shadowRoot.querySelector('[part~=view]')`;
  await page.waitForFunction(`${view}?.open && ${view}.querySelector('img').complete && ${view}.querySelector('img').naturalWidth > 0`, null, { timeout: STEP_MS, polling: 100 });
  return (await page.evaluate(`({
    caption: ${view}.querySelector('[part~=view-caption-text]').textContent,
    samePhoto: ${view}.getAttribute('aria-label') === (${HERO}.photo.caption || ${HERO}.photo.alt || 'Photo'),
  })`)) as { caption: string; samePhoto: boolean };
}

async function closeHeroView(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForFunction(`!${HERO}.shadowRoot.querySelector('[part~=view]').open`, null, { timeout: STEP_MS, polling: 100 });
}

async function nextOnHero(page: Page): Promise<FrameView> {
  await page.evaluate(`${HERO}.next()`);
  return hero(page);
}

/** Whether something accepts connections on the port (the process really stopped when not). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

test('offline reading: photos seen, the page and the script come from the service worker; back online by itself', { timeout: 150_000 }, async () => {
  assert.ok(existsSync(path.join(ROOT, 'dist/photo-frame-sw.js')), 'dist/photo-frame-sw.js is missing: run "npm run build" first');
  mkdirSync(ARTIFACTS, { recursive: true });
  const published = await mkdtemp(path.join(os.tmpdir(), 'photo-frame-e2e-'));
  const apiPort = await freePort();
  const demoPort = await freePort();
  let api: RunningFunction | undefined;
  let demo: { url: string; server: Server } | undefined;
  let browser: Browser | undefined;
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600); // the photo's fade-in
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  try {
    // 0. Published: the camera files, with their sidecars and EXIF, through the upload command.
    const report = await upload(path.join(ROOT, 'demo/originals'), { to: published });
    assert.equal(report.failed.length, 0, 'every demo photo is published');
    const captions = await publishedCaptions(published);
    assert.equal(captions.size, 10);
    api = await spawnFunction({ port: apiPort, stdout: 'ignore', env: { PHOTOS_DIR: published } });
    demo = await startDemoServer({ port: demoPort, apiUrl: api.url });
    const executablePath = findChromium();
    assert.ok(executablePath, 'no Chromium found: sudo apt-get install -y chromium');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    // Tall enough that every frame is near the viewport (frames below the fold load only when scrolled to).
    const context = await browser.newContext({ viewport: { width: 900, height: 2400 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);

    // 1. The first visit: photos shown, the worker installs and takes control.
    await page.goto(`${demo.url}/`);
    await allShowing(page, ['ready']);
    /** Every photo shown so far (the element's list holds only the current round of its album). */
    const seen = new Set<string>();
    for (const frame of await frames(page)) {
      assert.equal(frame.caption, captions.get(frame.id!), `${frame.id} shows the caption it was published with`);
      seen.add(frame.id!);
    }
    await page.waitForFunction('navigator.serviceWorker.controller !== null', null, { timeout: STEP_MS });
    await settle(page);
    await shot(page, '1-first-visit');

    // 2. Visit again (the page, its script and stylesheets now go through the worker) and step through photos.
    await page.reload();
    await allShowing(page, ['ready']);
    for (const frame of await frames(page)) seen.add(frame.id!);
    for (let i = 0; i < 3; i++) {
      const view = await nextOnHero(page);
      assert.equal(view.state, 'ready');
      seen.add(view.id!);
    }
    // The reader opens the full-size view once (its file, photo-frame-view.js, now goes through the worker).
    const online = await openHeroView(page);
    assert.equal(online.caption, captions.get((await hero(page)).id!), 'the view shows the caption');
    await closeHeroView(page);
    await settle(page);
    assert.ok(seen.size >= 5, `at least five photos seen: ${[...seen].join(', ')}`);
    await shot(page, '2-second-visit');

    // 3. Stop the API's process and the blog's server, for real.
    await api.stop();
    await closeServer(demo.server);
    assert.equal(await listening(apiPort), false, 'the API still accepts connections');
    assert.equal(await listening(demoPort), false, 'the blog still accepts connections');

    // 4. Reload: the page, a photo seen before with its caption, and the offline state.
    await page.reload();
    assert.equal(await page.title(), 'Light on the water — Field notes');
    await page.waitForFunction(`${HERO}.photo && ${HERO}.getAttribute('state') === 'offline'`, null, { timeout: STEP_MS });
    const offline = await hero(page);
    assert.ok(seen.has(offline.id!), `${offline.id} was seen before`);
    assert.equal(offline.offline, true);
    assert.equal(offline.caption, captions.get(offline.id!), 'the caption shows');
    const badge = (await page.evaluate(`${HERO}.shadowRoot.querySelector('[part~=status]').textContent.trim()`)) as string;
    assert.match(badge, /Offline/);
    await shot(page, '3-offline-reload');

    // The full-size view opens offline too: its file and the photo's image come from the worker.
    const offlineView = await openHeroView(page);
    assert.equal(offlineView.caption, captions.get(offline.id!), 'the view shows the offline photo\'s caption');
    assert.ok(offlineView.samePhoto, 'the view shows the photo in the frame');
    await shot(page, '3b-offline-view');
    await closeHeroView(page);

    // next() steps among the photos seen only.
    const stepped = [offline.id!];
    for (let i = 0; i < 4; i++) {
      const view = await nextOnHero(page);
      assert.equal(view.state, 'offline');
      assert.ok(seen.has(view.id!), `${view.id} was seen before`);
      stepped.push(view.id!);
    }
    assert.ok(new Set(stepped).size >= 3, `next() moved among the photos seen: ${stepped.join(', ')}`);
    await shot(page, '4-offline-next');

    // 5. Both back on the same ports: the frame goes back online by itself (the register module probes the API).
    api = await spawnFunction({ port: apiPort, stdout: 'ignore' });
    demo = await startDemoServer({ port: demoPort, apiUrl: api.url });
    await page.waitForFunction(`${HERO}.getAttribute('state') === 'ready' && ${HERO}.photo && !${HERO}.photo.offline`, null, { timeout: 30_000, polling: 200 });
    await shot(page, '5-back-online');
    await context.close();
  } finally {
    await browser?.close();
    if (demo?.server.listening) await closeServer(demo.server);
    await api?.stop();
    await rm(published, { recursive: true, force: true });
  }
});
