/**
 * `npm run screenshot`: the README's demo screenshot, made from the real page
 * (the demo blog and the photo API on the local store) in Chromium.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';
import { startDemoServer } from './demo-server.ts';
import { spawnFunction } from './spawn-function.ts';

const out = process.argv[2] ?? 'docs/demo.png';
const api = await spawnFunction({ port: 0, stdout: 'ignore' });
const demo = await startDemoServer({ port: 0, apiUrl: api.url });
const browser = await chromium.launch({ executablePath: findChromium() ?? 'chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 2400 }, deviceScaleFactor: 1 });
  // Tall enough that every frame is near the viewport: frames below the fold load only when scrolled to.
  await page.goto(`${demo.url}/`);
  await page.waitForFunction("[...document.querySelectorAll('photo-frame')].every((el) => el.getAttribute('state') === 'ready')", null, { timeout: 15_000 });
  await page.waitForTimeout(600); // the fade-in
  await page.screenshot({ path: out, fullPage: true });
  console.log(`Wrote ${out}`);
} finally {
  await browser.close();
  demo.server.close();
  await api.stop();
}
