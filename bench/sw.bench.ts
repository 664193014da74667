/**
 * The service worker benchmark: in Chromium on loopback, with the photo API
 * and the image host answering after 150 ms each (another origin than the
 * blog, as on a real site), the time from navigation to the photo decoded
 * (`photo-change`) on a repeat visit:
 *
 * - `worker`: the built dist/photo-frame-sw.js, registered by
 *   dist/photo-frame-register.js (defaults: one pick fetched ahead);
 * - `worker, no prefetch`: the same routes with `prefetch: false`, bundled here
 *   from src/sw (pure network first for the API: what the worker saves
 *   without fetching ahead);
 * - `HTTP cache only`: no worker; images sent `Cache-Control: no-cache` with
 *   a strong ETag, like a bucket's default metadata, so a repeat visit
 *   revalidates them (304) and asks the API again (no-store).
 *
 * Also, from the servers' own logs, the bytes they sent before the photo was
 * shown on each repeat visit, by kind (page, scripts, API, image), and the
 * bytes sent for the visit afterwards (background revalidation, the pick
 * fetched ahead). Each run is a fresh browser context: a first visit (for
 * the worker: until it controls the page and has settled), then repeat
 * visits to the same page. Writes bench/results/sw.{json,md}; a missed target
 * is reported, not a failure.
 *
 * Environment: BENCH_SW_RUNS (browser contexts per variant, default 5),
 * BENCH_SW_VISITS (repeat visits per context, default 3), BENCH_SW_DELAY_MS
 * (API and image delay, default 150).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { ROOT } from '../scripts/spawn-function.ts';
import { fmt, logger } from './format.ts';
import { git, loadAverage, machine } from './machine.ts';
import { noPrefetchWorker } from './no-prefetch-worker.ts';
import { writeResults } from './results-file.ts';
import { swMarkdown, type SwMeta } from './sw-markdown.ts';
import { loadPhotos } from './sw-photos.ts';
import { startSwServers, type Servers } from './sw-servers.ts';
import { ELEMENT_CHUNKS } from '../src/sw/route-settings.ts';
import { summarise, swTargets, type VariantResult } from './sw-summary.ts';
import { swCommand, swSettings, TIME_FACTOR, VARIANTS, VIEWPORT, type VariantName } from './sw-variants.ts';
import { runContext, type Run } from './sw-visits.ts';

export const name = 'sw';
export const description =
  'service worker: navigation to decoded photo on a repeat visit with the worker vs the HTTP cache only, API and images 150 ms away; bytes fetched before the photo shows';

const DIST = ['photo-frame.js', ...ELEMENT_CHUNKS, 'photo-frame.css', 'photo-frame-register.js', 'photo-frame-sw.js'].map((file) => `dist/${file}`);
const log = logger('sw');

export async function run(): Promise<void> {
  const s = swSettings();
  for (const file of DIST) if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run "npm run build" first`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROME_PATH');
  const started = performance.now();
  const photos = await loadPhotos();
  const meta: SwMeta = {
    ...machine(),
    chromium: '',
    loadAverage: loadAverage(),
    commit: git(['rev-parse', 'HEAD']),
    photos: photos.length,
    photoBytes: { min: Math.min(...photos.map((p) => p.bytes.length)), max: Math.max(...photos.map((p) => p.bytes.length)) },
  };

  let servers: Servers | undefined;
  let browser: Browser | undefined;
  const results: VariantResult[] = [];
  try {
    servers = await startSwServers(photos, s.delayMs, await noPrefetchWorker());
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    meta.chromium = browser.version();
    log(`blog at ${servers.site}, photo API and images at ${servers.photos} (${s.delayMs} ms), Chromium ${meta.chromium}`);
    // One discarded context first: Chromium's first renderer and first worker start.
    await runContext(browser, servers, VARIANTS[0]!, { ...s, visits: 1 });
    const runs = Object.fromEntries(VARIANTS.map((v) => [v.name, [] as Run[]])) as Record<VariantName, Run[]>;
    for (let i = 0; i < s.runs; i++) {
      // The variants take turns, so a busy moment on a shared machine hits them alike.
      for (const variant of VARIANTS) {
        const r = await runContext(browser, servers, variant, s);
        runs[variant.name].push(r);
        log(
          `run ${i + 1}/${s.runs} ${variant.name}: ` +
            (r.error ? `failed: ${r.error}` : `first ${fmt(r.first?.ms)} ms, repeats ${r.repeats.map((v) => `${fmt(v.ms)} ms (${v.source})`).join(', ')}`),
        );
      }
    }
    for (const variant of VARIANTS) results.push(summarise(variant, runs[variant.name]));
  } finally {
    await browser?.close().catch(() => undefined);
    await servers?.close();
  }

  meta.runSeconds = Math.round((performance.now() - started) / 100) / 10;
  meta.loadAverageEnd = loadAverage();
  const targets = swTargets(results);
  const md = swMarkdown(results, targets, s, meta);
  const json = { ...meta, settings: { ...s, viewport: VIEWPORT, timeFactor: TIME_FACTOR }, command: swCommand(s), results, targets };
  writeResults('sw', json, md, log, meta.runSeconds);
}
