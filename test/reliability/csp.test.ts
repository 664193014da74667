// The element under a strict Content-Security-Policy, in Debian's Chromium
// through playwright-core: the built photo API (its own process, on the demo's
// photos) and the demo blog served with a CSP header that allows no inline
// script or style and no eval. Every <photo-frame> on the demo page (and on a
// minimal page that only has the README's two lines) reaches "ready" with its
// image loaded and its caption shown, and the browser reports no violation.
// A control proves the policy is enforced and the listener hears it. Needs
// `npm run build` first, as `npm test` does.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { chromium, type APIResponse, type Browser, type Page } from 'playwright-core';
import { startDemoServer } from '../../scripts/demo-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';
import { freePort, ROOT, spawnFunction, type RunningFunction } from '../../scripts/spawn-function.ts';

const STEP_MS = 15_000;

/** A strict policy: scripts, styles and workers from the blog only; images and requests also from the API. */
function strictPolicy(apiOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${apiOrigin}`,
    `connect-src 'self' ${apiOrigin}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The README's embedding and nothing else. */
function minimalPage(apiUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>photo-frame under a strict CSP</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/dist/photo-frame.css">
  <script type="module" src="/dist/photo-frame.js"></script>
</head>
<body>
  <photo-frame endpoint="${apiUrl}/"><a href="/">See the gallery</a></photo-frame>
  <photo-frame endpoint="${apiUrl}/" album="mountains" ratio="16/9"></photo-frame>
</body>
</html>`;
}

/**
 * The demo blog (scripts/demo-server.ts, unchanged) behind a thin proxy that
 * adds the policy to every answer, and serves the minimal page at /strict.html.
 */
async function startStrictServer(demoUrl: string, policy: string, apiUrl: string): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.url === '/strict.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': policy });
        res.end(minimalPage(apiUrl));
        return;
      }
      const upstream = await fetch(demoUrl + (req.url ?? '/'), { headers: req.headers.accept ? { accept: req.headers.accept } : {} });
      const headers: Record<string, string> = { 'Content-Security-Policy': policy };
      for (const name of ['content-type', 'cache-control']) {
        const value = upstream.headers.get(name);
        if (value) headers[name] = value;
      }
      res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as { port: number }).port}`, server };
}

async function closeServer(server: http.Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Polls an expression through page.evaluate (a DevTools call, outside the page's
 * policy); page.waitForFunction evaluates its predicate in the page, which the
 * policy refuses as eval.
 */
async function waitFor(page: Page, expression: string, timeoutMs = STEP_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collects CSP violations from the page (DOM events, shadow roots included: they are composed). */
const LISTEN = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile + ':' + e.lineNumber });
}, true);`;

interface FrameView {
  state: string | null;
  id: string | null;
  expectedCaption: string;
  caption: string;
  naturalWidth: number;
  complete: boolean;
}

const FRAMES = `[...document.querySelectorAll('photo-frame')].map((el) => {
  const img = el.shadowRoot?.querySelector('img[part~=image]');
  return {
    state: el.getAttribute('state'),
    id: el.photo ? el.photo.id : null,
    expectedCaption: el.photo?.caption ?? '',
    caption: (el.shadowRoot?.querySelector('[part~=caption-text]')?.textContent ?? '').trim(),
    naturalWidth: img ? img.naturalWidth : 0,
    complete: img ? img.complete : false,
  };
})`;

/** Waits for every frame to be ready with its image decoded, and checks what shows. */
async function expectEveryFrameShown(page: Page, consoleCsp: string[]): Promise<FrameView[]> {
  await waitFor(
    page,
    `document.querySelectorAll('photo-frame').length > 0 && [...document.querySelectorAll('photo-frame')].every((el) => {
      const img = el.shadowRoot?.querySelector('img[part~=image]');
      return el.getAttribute('state') === 'ready' && el.photo && img && img.complete && img.naturalWidth > 0;
    })`,
  ).catch(async (error: Error) => {
    const detail = JSON.stringify({ frames: await page.evaluate(FRAMES), violations: await page.evaluate('window.__cspViolations'), console: consoleCsp });
    throw new Error(`${error.message}\n${detail}`);
  });
  const frames = (await page.evaluate(FRAMES)) as FrameView[];
  for (const frame of frames) {
    assert.equal(frame.state, 'ready', JSON.stringify(frame));
    assert.ok(frame.naturalWidth > 0, `${frame.id}: the image is shown`);
    assert.equal(frame.caption, frame.expectedCaption, `${frame.id}: the caption shows`);
  }
  return frames;
}

test('the element works under a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', { timeout: 60_000 }, async () => {
  assert.ok(existsSync(path.join(ROOT, 'dist/photo-frame.js')), 'dist/photo-frame.js is missing: run "npm run build" first');
  const executablePath = findChromium();
  assert.ok(executablePath, 'no Chromium found: sudo apt-get install -y chromium');
  let api: RunningFunction | undefined;
  let demo: { url: string; server: http.Server } | undefined;
  let strict: { url: string; server: http.Server } | undefined;
  let browser: Browser | undefined;
  try {
    api = await spawnFunction({ port: await freePort(), stdout: 'ignore', env: { PHOTOS_DIR: path.join(ROOT, 'demo/photos') } });
    demo = await startDemoServer({ port: 0, apiUrl: api.url });
    const policy = strictPolicy(new URL(api.url).origin);
    strict = await startStrictServer(demo.url, policy, api.url);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

    for (const [name, pagePath] of [['the demo blog', '/'], ['a minimal page with the README embedding', '/strict.html']] as const) {
      // A fresh context each time: no service worker or cache carried over.
      const context = await browser.newContext({ viewport: { width: 900, height: 2400 } });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_MS);
        const consoleCsp: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
        });
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.addInitScript(LISTEN);

        const response: APIResponse = await page.request.get(strict.url + pagePath);
        assert.equal(response.headers()['content-security-policy'], policy, `${name} is served with the policy`);

        await page.goto(strict.url + pagePath);
        const frames = await expectEveryFrameShown(page, consoleCsp);
        assert.ok(frames.length >= (pagePath === '/' ? 4 : 2), `${name}: ${frames.length} frames`);
        assert.ok(frames.some((f) => f.caption !== ''), `${name}: at least one caption shows`);
        if (pagePath === '/') {
          // The demo registers its service worker: it must install under the same policy.
          await waitFor(page, 'navigator.serviceWorker.controller !== null');
          await page.reload();
          await expectEveryFrameShown(page, consoleCsp);
        }
        // Step the first frame on to another photo (next() settles once it shows): still fine.
        const before = (await page.evaluate(`document.querySelector('photo-frame').photo.id`)) as string;
        await page.evaluate(`document.querySelector('photo-frame').next()`);
        const [first] = await expectEveryFrameShown(page, consoleCsp);
        assert.notEqual(first!.id, before, `${name}: next() showed another photo`);

        // The full-size view (its own module, its own stylesheet) opens on a click, shows the photo and closes.
        await page.locator('photo-frame').first().locator('img[part~=image]').click();
        await waitFor(page, `(() => {
          const img = document.querySelector('photo-frame').shadowRoot.querySelector('[part~=view-image]');
          return img?.closest('dialog').open && img.complete && img.naturalWidth > 0;
        })()`);
        const viewCaption = await page.evaluate(`document.querySelector('photo-frame').shadowRoot.querySelector('[part~=view-caption-text]').textContent`);
        assert.equal(viewCaption, first!.expectedCaption, `${name}: the view shows the caption`);
        await page.keyboard.press('Escape');
        await waitFor(page, `!document.querySelector('photo-frame').shadowRoot.querySelector('[part~=view]').open`);

        const violations = await page.evaluate('window.__cspViolations');
        assert.deepEqual(violations, [], `${name}: CSP violations reported`);
        assert.deepEqual(consoleCsp, [], `${name}: CSP messages on the console`);
        assert.deepEqual(pageErrors, [], `${name}: uncaught errors`);

        // Control: the policy is enforced and the listener hears it (an inline script is refused).
        await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.append(s); })()`);
        await waitFor(page, 'window.__cspViolations.length > 0', 5_000);
        assert.equal(await page.evaluate('window.__inlineRan === true'), false, 'the inline script did not run');
        assert.match(String(((await page.evaluate('window.__cspViolations[0]')) as { directive: string }).directive), /^script-src/);
        const deadline = Date.now() + 5_000;
        while (consoleCsp.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.ok(consoleCsp.length > 0, 'the console listener hears a violation too');
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await closeServer(strict?.server);
    await closeServer(demo?.server);
    await api?.stop();
  }
});
