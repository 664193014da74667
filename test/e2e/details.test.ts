// End to end, the photographer's details: a camera JPEG (an X100V's EXIF, with
// its serial number, owner and GPS position) is published by the upload
// command into a fresh folder; the photo API serves it as its local store; a
// blog page with the built files from dist/ shows it in Debian's Chromium
// through playwright-core. The page's stylesheet (photo-frame.css) reserves the
// details line before the script runs, the frame with `details` shows the line
// under the caption, the one without does not, and the full-size view shows it
// under the caption and date. Needs `npm run build` first, as `npm test` does.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { ROOT } from '../../scripts/spawn-function.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { CAMERA_TAGS, makePhoto, NEVER_PUBLISHED } from '../support/make-photo.ts';
import { startApi, type TestApi } from '../support/start-api.ts';

const LINE = 'X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160';
const STEP_MS = 15_000;

/** The page: the stylesheet in <head>, two frames (with and without `details`) and a paragraph below; the script comes later. */
const page = (api: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Details</title>
<link rel="stylesheet" href="/dist/photo-frame.css"></head>
<body style="margin: 0; font: 16px/1.5 sans-serif">
<div style="width: 400px"><photo-frame id="with" details endpoint="${api}"></photo-frame></div>
<p id="between">Between the frames.</p>
<div style="width: 400px"><photo-frame id="without" endpoint="${api}"></photo-frame></div>
<p id="below">Below the frames.</p>
</body></html>`;

/** A blog on its own origin: the page, and the built files under /dist/. */
async function startBlog(html: string): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname;
    if (name === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    const file = /^\/dist\/(photo-frame[\w-]*\.(js|css))$/.exec(name);
    const bytes = file ? await fs.readFile(path.join(ROOT, 'dist', file[1]!)).catch(() => undefined) : undefined;
    if (!bytes) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file![2] === 'js' ? 'text/javascript' : 'text/css' }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

/** What a reader sees of a text: the invisible isolates and no-break spaces are layout, not words. */
const SEEN = `(node) => node ? node.textContent.replace(/[\\u2068\\u2069]/g, '').replace(/\\u00a0/g, ' ') : null`;

test('details from the camera to the page: the frame with `details`, the one without, and the full-size view', { timeout: 120_000 }, async () => {
  assert.ok(existsSync(path.join(ROOT, 'dist/photo-frame-details.js')), 'dist/photo-frame-details.js is missing: run "npm run build" first');
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-e2e-details-'));
  let api: TestApi | undefined;
  let blog: { url: string; server: http.Server } | undefined;
  let browser: Browser | undefined;
  try {
    await makePhoto(path.join(base, 'camera'), 'harbour.jpg', { width: 1200, height: 800, exif: CAMERA_TAGS.x100v, sidecar: { caption: 'The harbour at dusk' } });
    const code = await runCli(['upload', path.join(base, 'camera'), '--to', path.join(base, 'site')], { stdout: { write: () => true } });
    assert.equal(code, 0);
    api = await startApi({ PHOTOS_DIR: path.join(base, 'site') });
    const answer = await (await api.get('/')).text();
    assert.ok(!NEVER_PUBLISHED.some((secret) => answer.includes(secret)), 'no serial number or owner in the answer');
    // Both on localhost: Chromium keeps a page on one loopback name from fetching another.
    blog = await startBlog(page(`${api.url.replace('127.0.0.1', 'localhost')}/`));
    const executablePath = findChromium();
    assert.ok(executablePath, 'no Chromium found: sudo apt-get install -y chromium');
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const tab = await browser.newPage({ viewport: { width: 800, height: 1400 } });
    tab.setDefaultTimeout(STEP_MS);
    await tab.goto(`${blog.url}/`);

    // Before the script: photo-frame.css keeps each frame's place, the details line included.
    const layout = () => tab.evaluate(`({
      with: document.getElementById('with').getBoundingClientRect().height,
      without: document.getElementById('without').getBoundingClientRect().height,
      between: document.getElementById('between').getBoundingClientRect().top,
      below: document.getElementById('below').getBoundingClientRect().top,
    })`) as Promise<{ with: number; without: number; between: number; below: number }>;
    const reserved = await layout();
    assert.ok(reserved.with > reserved.without + 15, `the frame with details reserves a line more (${reserved.with} vs ${reserved.without})`);

    await tab.evaluate(`new PerformanceObserver((list) => { window.shifts = (window.shifts ?? []).concat(list.getEntries().map((e) => e.value)); }).observe({ type: 'layout-shift', buffered: true })`);
    await tab.addScriptTag({ type: 'module', url: `${blog.url}/dist/photo-frame.js` });
    await tab.waitForFunction(`[...document.querySelectorAll('photo-frame')].every((el) => el.getAttribute('state') === 'ready')`);
    const withFrame = `document.getElementById('with').shadowRoot`;
    await tab.waitForFunction(`${withFrame}.querySelector('[part~=details]')?.textContent !== ''`);

    assert.equal(await tab.evaluate(`(${SEEN})(${withFrame}.querySelector('[part~=details]'))`), LINE, 'the frame with details shows the line');
    assert.equal(await tab.evaluate(`(${SEEN})(${withFrame}.querySelector('[part~=caption-text]'))`), 'The harbour at dusk');
    assert.equal(await tab.evaluate(`document.getElementById('without').shadowRoot.querySelector('[part~=details]')`), null, 'the frame without details has no line');
    const shown = await layout();
    for (const key of ['with', 'without', 'between', 'below'] as const) assert.ok(Math.abs(shown[key] - reserved[key]) < 0.5, `${key}: ${reserved[key]} before the script, ${shown[key]} after`);
    assert.deepEqual(await tab.evaluate('window.shifts ?? []'), [], 'no layout shift');
    const lines = await tab.evaluate(`(() => { const p = ${withFrame}.querySelector('[part~=details]'); return p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight); })()`);
    assert.equal(Math.round(lines as number), 1, 'one line');

    // The full-size view, opened from the frame without `details`: the line under the caption and date.
    await tab.locator('#without img[part~=image]').click();
    const view = `document.getElementById('without').shadowRoot.querySelector('[part~=view]')`;
    await tab.waitForFunction(`${view}?.open`);
    assert.equal(await tab.evaluate(`(${SEEN})(${view}.querySelector('[part~=view-details]'))`), LINE, 'the view shows the line');
    assert.equal(await tab.evaluate(`${view}.querySelector('[part~=view-details]').hidden`), false);
    await tab.keyboard.press('Escape');
  } finally {
    await browser?.close();
    if (blog) await new Promise<void>((resolve) => { blog!.server.closeAllConnections(); blog!.server.close(() => resolve()); });
    await api?.close();
    await fs.rm(base, { recursive: true, force: true });
  }
});
