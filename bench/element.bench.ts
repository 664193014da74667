/**
 * The element benchmark: the size of `dist/photo-frame.js` (minified, gzip
 * -9 and brotli, Lit included) and, in Chromium on loopback with the photo
 * API and the images answering after 100 ms, the cumulative layout shift of
 * a page with a `<photo-frame>` between two paragraphs (first photo and a
 * slideshow through four ratios), and the time from the element's connection
 * to its photo being decoded, side by side with a plain `<img>` for the same
 * image and one API round trip. Prints Markdown tables and the targets (met /
 * missed) and writes bench/results/element.{json,md}. Not a test: a missed
 * target does not fail the run.
 *
 * Environment: BENCH_ELEMENT_RUNS (timing runs of each kind, default 15),
 * BENCH_ELEMENT_CLS_RUNS (page loads per CLS variant, default 3),
 * BENCH_ELEMENT_DELAY_MS (API and image delay, default 100).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { ROOT } from '../scripts/spawn-function.ts';
import { measureCls, type ClsResult } from './element-cls.ts';
import { elementMarkdown, type ElementMeta } from './element-markdown.ts';
import { clsPage, CLS_VARIANTS, TIMING_PAGE } from './element-pages.ts';
import { loadImages, startElementServer, type ElementServer } from './element-server.ts';
import { elementCommand, elementSettings, GZIP_TARGET, SETTLE_MS, SLIDES, TIME_FACTOR, VIEWPORT } from './element-settings.ts';
import { assertBundleBuilt, BUNDLE, elementChunks, measureBundle } from './element-size.ts';
import { elementTargets } from './element-targets.ts';
import { measureTiming, type TimingResult } from './element-timing.ts';
import { int, logger } from './format.ts';
import { git, loadAverage, machine } from './machine.ts';
import { writeResults } from './results-file.ts';

export const name = 'element';
export const description =
  'dist/photo-frame.js size (gzip, Lit included); in Chromium with a 100 ms API and image server: CLS over a 4-ratio slideshow, and connection-to-decoded time vs a plain <img>';

const log = logger('element');

export async function run(): Promise<void> {
  const s = elementSettings();
  assertBundleBuilt(ROOT);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROME_PATH');
  const started = performance.now();

  const size = measureBundle(ROOT);
  log(`${BUNDLE}: ${int(size.raw)} B minified, ${int(size.gzip)} B gzip -9, ${int(size.brotli)} B brotli (target ≤ ${int(GZIP_TARGET)} B gzipped)`);

  const images = await loadImages(ROOT);
  const pages: Record<string, string> = { '/timing.html': TIMING_PAGE };
  for (const v of CLS_VARIANTS) pages[v.path] = clsPage(v);
  const meta: ElementMeta = {
    ...machine(),
    chromium: '',
    loadAverage: loadAverage(),
    commit: git(['rev-parse', 'HEAD']),
    sourcesChanged: git(['status', '--porcelain', '--', 'src/element', 'src/contract.ts', 'package-lock.json'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3)),
    images: images.map((i) => ({ name: i.name, width: i.width, height: i.height, bytes: i.bytes.length })),
  };

  let server: ElementServer | undefined;
  let browser: Browser | undefined;
  let cls: ClsResult[];
  let timing: TimingResult;
  try {
    const chunks = Object.fromEntries(elementChunks(ROOT).map((file) => [path.basename(file), readFileSync(path.join(ROOT, file))]));
    server = await startElementServer({ bundle: readFileSync(path.join(ROOT, BUNDLE)), chunks, images, pages, delayMs: s.delayMs });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    meta.chromium = browser.version();
    log(`server at ${server.origin}, Chromium ${meta.chromium}`);
    cls = await measureCls(browser, server, s);
    timing = await measureTiming(browser, server, s);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close();
  }

  meta.runSeconds = Math.round((performance.now() - started) / 100) / 10;
  meta.loadAverageEnd = loadAverage();
  const targets = elementTargets(size, cls, timing);
  const md = elementMarkdown(size, cls, timing, targets, s, meta);
  const json = {
    ...meta,
    settings: { ...s, slides: SLIDES, settleMs: SETTLE_MS, viewport: VIEWPORT, gzipTarget: GZIP_TARGET, timeFactor: TIME_FACTOR },
    command: elementCommand(s),
    size,
    cls,
    timing,
    requests: server.counts,
    targets,
  };
  writeResults('element', json, md, log, meta.runSeconds);
}
