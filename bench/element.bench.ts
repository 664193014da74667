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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { ROOT } from '../scripts/spawn-function.ts';
import { CLS_READ, clsDone, clsPage, CLS_VARIANTS, TIMING_PAGE, timeApi, timeElement, timeImg, type ClsVariant, type TimingSample } from './element-pages.ts';
import { loadImages, startElementServer, type ElementServer } from './element-server.ts';
import { assertBundleBuilt, BUNDLE, elementChunks, measureBundle, type BundleSize } from './element-size.ts';
import { envInt } from './env.ts';
import { fmt, int } from './format.ts';
import { git } from './machine.ts';
import { type Target, targetLine } from './results-file.ts';
import { stats, type Stats } from './stats.ts';

export const name = 'element';
export const description =
  'dist/photo-frame.js size (gzip, Lit included); in Chromium with a 100 ms API and image server: CLS over a 4-ratio slideshow, and connection-to-decoded time vs a plain <img>';

const GZIP_TARGET = 10 * 1024;
const TIME_FACTOR = 1.3;
/** photo-change events a CLS page waits for: the first photo and four more (every ratio, then back to the first). */
const SLIDES = 5;
/** After the last photo-change: its fade-in and the re-render on the image's `load`. */
const SETTLE_MS = 800;
const VIEWPORT = { width: 800, height: 900 };

interface Settings {
  runs: number;
  clsRuns: number;
  delayMs: number;
}

function settings(): Settings {
  return { runs: envInt('BENCH_ELEMENT_RUNS', 15, 1), clsRuns: envInt('BENCH_ELEMENT_CLS_RUNS', 3, 1), delayMs: envInt('BENCH_ELEMENT_DELAY_MS', 100, 0) };
}

const log = (message: string) => console.log(`[element] ${message}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

// ---------------------------------------------------------------------------------------------
// CLS

interface Shift {
  startTime: number;
  value: number;
  hadRecentInput: boolean;
  sources: { node: string; previousRect: number[] | null; currentRect: number[] | null }[];
}

interface Snapshot {
  t: number;
  frameHeight: number | null;
  belowTop: number | null;
}

interface ClsRun {
  /** Every counted shift (no recent input), from navigation to SETTLE_MS after the last photo. */
  cls: number;
  /** The shifts before the second photo was shown: navigation, the first photo and its fade-in. */
  clsFirstPhoto: number;
  changes: (Snapshot & { id: string })[];
  distinctPhotos: number;
  errors: { t: number; code?: string; message?: string }[];
  shifts: Shift[];
  /** `parsed`: at the end of the HTML, before the bundle ran (the layout of the first paint when it comes first). */
  marks: { parsed?: Snapshot; domContentLoaded?: Snapshot; defined?: Snapshot; firstContentfulPaint?: { t: number } };
  end: Snapshot;
  state: string | null;
  error?: string;
}

interface ClsResult extends Omit<ClsVariant, 'path'> {
  page: string;
  runs: ClsRun[];
  maxCls: number | null;
  maxClsFirstPhoto: number | null;
}

async function clsRun(browser: Browser, server: ElementServer, v: ClsVariant, s: Settings): Promise<ClsRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.origin}${v.path}`, { waitUntil: 'load' });
    // Each photo: interval 1 s + API + image + decode; bounded generously.
    await page.waitForFunction(clsDone(SLIDES), null, { polling: 100, timeout: SLIDES * (2_000 + 4 * s.delayMs) + 10_000 });
    await page.waitForTimeout(SETTLE_MS);
    const r = (await page.evaluate(CLS_READ)) as Omit<ClsRun, 'cls' | 'clsFirstPhoto' | 'distinctPhotos'>;
    const counted = r.shifts.filter((e) => !e.hadRecentInput);
    const second = r.changes[1]?.t ?? Infinity;
    return {
      ...r,
      cls: counted.reduce((sum, e) => sum + e.value, 0),
      clsFirstPhoto: counted.filter((e) => e.startTime < second).reduce((sum, e) => sum + e.value, 0),
      distinctPhotos: new Set(r.changes.map((c) => c.id)).size,
    };
  } finally {
    await context.close();
  }
}

async function measureCls(browser: Browser, server: ElementServer, s: Settings): Promise<ClsResult[]> {
  const results: ClsResult[] = [];
  for (const v of CLS_VARIANTS) {
    const runs: ClsRun[] = [];
    for (let i = 0; i < s.clsRuns; i++) {
      try {
        runs.push(await clsRun(browser, server, v, s));
      } catch (error) {
        runs.push({
          cls: NaN,
          clsFirstPhoto: NaN,
          changes: [],
          distinctPhotos: 0,
          errors: [],
          shifts: [],
          marks: {},
          end: { t: 0, frameHeight: null, belowTop: null },
          state: null,
          error: (error as Error).message.split('\n')[0],
        });
      }
      const r = runs.at(-1)!;
      log(
        `CLS ${v.label}, run ${i + 1}: ` +
          (r.error ? `failed: ${r.error}` : `CLS ${fmt(r.cls, 4)} (first photo ${fmt(r.clsFirstPhoto, 4)}), ${r.changes.length} photos (${r.distinctPhotos} distinct), ${r.shifts.length} shift entries`),
      );
    }
    const ok = runs.filter((r) => !r.error && r.errors.length === 0 && r.changes.length >= SLIDES);
    const { path: page, ...rest } = v;
    results.push({
      ...rest,
      page,
      runs,
      maxCls: ok.length === runs.length ? Math.max(...ok.map((r) => r.cls)) : null,
      maxClsFirstPhoto: ok.length === runs.length ? Math.max(...ok.map((r) => r.clsFirstPhoto)) : null,
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Timing

type Kind = 'element' | 'img' | 'api';


interface TimingResult {
  samples: Record<Kind, (TimingSample & { photo: string })[]>;
  stats: Record<Kind, Stats | null>;
  /** Medians of the element's phases, ms from its connection. */
  elementPhases: { apiStart: number; apiEnd: number; imgStart: number; imgEnd: number; decoded: number } | null;
  imgPhases: { imgStart: number; imgEnd: number; decoded: number } | null;
  failures: string[];
}

const medianOf = (values: (number | undefined)[]) => stats(values.filter((v): v is number => v !== undefined))?.median ?? NaN;

async function timingRun(browser: Browser, server: ElementServer, kind: Kind, pin: number, s: Settings): Promise<TimingSample> {
  const timeoutMs = 10_000 + 10 * s.delayMs;
  // A new context each time: empty cache, no open connections, empty localStorage.
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs + 5_000);
    await page.goto(`${server.origin}/timing.html`, { waitUntil: 'load' });
    const script = kind === 'element' ? timeElement(pin, timeoutMs) : kind === 'img' ? timeImg(server.photo(pin).url, timeoutMs) : timeApi(pin, timeoutMs);
    return (await page.evaluate(script)) as TimingSample;
  } finally {
    await context.close();
  }
}

async function measureTiming(browser: Browser, server: ElementServer, s: Settings): Promise<TimingResult> {
  const kinds: Kind[] = ['element', 'img', 'api'];
  const samples: TimingResult['samples'] = { element: [], img: [], api: [] };
  const failures: string[] = [];
  // One discarded round first: Chromium's first renderer, first decode of each kind.
  for (const kind of kinds) await timingRun(browser, server, kind, 0, s).catch(() => undefined);
  for (let i = 0; i < s.runs; i++) {
    // Every kind for the same image in turn, rotating the image (every ratio) and the order.
    const pin = i % server.images.length;
    const order = kinds.map((_, k) => kinds[(k + i) % kinds.length]!);
    for (const kind of order) {
      try {
        const sample = await timingRun(browser, server, kind, pin, s);
        samples[kind].push({ ...sample, photo: server.images[pin]!.name });
      } catch (error) {
        failures.push(`${kind} run ${i + 1}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    const last = (k: Kind) => samples[k].at(-1)?.ms;
    log(`timing run ${i + 1}/${s.runs} (${server.images[pin]!.name}): element ${fmt(last('element'))} ms, <img> ${fmt(last('img'))} ms, API ${fmt(last('api'))} ms`);
  }
  const el = samples.element;
  const im = samples.img;
  return {
    samples,
    stats: { element: stats(el.map((x) => x.ms)), img: stats(im.map((x) => x.ms)), api: stats(samples.api.map((x) => x.ms)) },
    elementPhases:
      el.length > 0
        ? {
            apiStart: medianOf(el.map((x) => x.api?.start)),
            apiEnd: medianOf(el.map((x) => x.api?.end)),
            imgStart: medianOf(el.map((x) => x.img?.start)),
            imgEnd: medianOf(el.map((x) => x.img?.end)),
            decoded: medianOf(el.map((x) => x.ms)),
          }
        : null,
    imgPhases: im.length > 0 ? { imgStart: medianOf(im.map((x) => x.img?.start)), imgEnd: medianOf(im.map((x) => x.img?.end)), decoded: medianOf(im.map((x) => x.ms)) } : null,
    failures,
  };
}

// ---------------------------------------------------------------------------------------------
// Targets and report


function evaluate(size: BundleSize, cls: ClsResult[], timing: TimingResult): Target[] {
  const targets: Target[] = [];
  targets.push({
    name: `${BUNDLE} at most 10 KB (${int(GZIP_TARGET)} bytes) gzipped, Lit included`,
    met: size.gzip <= GZIP_TARGET,
    detail: `${int(size.gzip)} bytes gzip -9 (${kb(size.gzip)}), ${size.gzip <= GZIP_TARGET ? `${int(GZIP_TARGET - size.gzip)} bytes to spare` : `${int(size.gzip - GZIP_TARGET)} bytes (${fmt(((size.gzip - GZIP_TARGET) / GZIP_TARGET) * 100)}%) over`}; ${int(size.raw)} bytes minified, ${int(size.brotli)} brotli`,
  });
  for (const v of cls.filter((c) => c.target)) {
    const complete = v.maxCls !== null;
    const distinct = Math.min(...v.runs.map((r) => r.distinctPhotos));
    targets.push({
      name: `CLS 0 while the first photo loads (${v.label})`,
      met: complete ? v.maxClsFirstPhoto === 0 : null,
      detail: complete ? `largest of ${v.runs.length} page loads: ${fmt(v.maxClsFirstPhoto, 4)}` : `not measured: ${describeFailures(v)}`,
    });
    targets.push({
      name: `CLS 0 across a slideshow of ${SLIDES} photos of ${distinct} ratios (${v.label})`,
      met: complete && distinct >= 4 ? v.maxCls === 0 : null,
      detail: complete ? `largest of ${v.runs.length} page loads, navigation to ${SETTLE_MS} ms after the last photo: ${fmt(v.maxCls, 4)}` : `not measured: ${describeFailures(v)}`,
    });
  }
  const { element, img, api } = timing.stats;
  if (element && img && api) {
    const budget = TIME_FACTOR * img.median + api.median;
    const budget90 = TIME_FACTOR * img.p90 + api.p90;
    targets.push({
      name: `Connection to decoded within ${TIME_FACTOR}x a plain <img> plus one API round trip (medians)`,
      met: element.median <= budget,
      detail:
        `element ${fmt(element.median)} ms vs ${TIME_FACTOR} × ${fmt(img.median)} + ${fmt(api.median)} = ${fmt(budget)} ms ` +
        `(${fmt(element.median / budget, 2)}x of the budget; element minus <img> ${fmt(element.median - img.median)} ms); at p90: ${fmt(element.p90)} vs ${fmt(budget90)} ms`,
    });
  } else {
    targets.push({ name: `Connection to decoded within ${TIME_FACTOR}x a plain <img> plus one API round trip`, met: null, detail: `not measured: ${timing.failures.join('; ') || 'no samples'}` });
  }
  return targets;
}

function describeFailures(v: ClsResult): string {
  return v.runs
    .map((r, i) => (r.error ? `run ${i + 1}: ${r.error}` : r.errors.length ? `run ${i + 1}: photo-error ${r.errors.map((e) => e.code).join(',')}` : r.changes.length < SLIDES ? `run ${i + 1}: ${r.changes.length} photos` : ''))
    .filter(Boolean)
    .join('; ');
}

const verdict = (t: Target | undefined) => (!t ? '' : t.met === null ? 'not measured' : t.met ? '**met**' : '**missed**');

function summaryTable(size: BundleSize, cls: ClsResult[], timing: TimingResult, targets: Target[]): string {
  const main = cls.find((c) => c.target)!;
  const auto = cls.find((c) => c.ratio === 'auto');
  const { element, img, api } = timing.stats;
  const budget = element && img && api ? TIME_FACTOR * img.median + api.median : NaN;
  const lines = [
    '| measure | result | target | |',
    '|---|--:|--:|---|',
    `| ${BUNDLE}, minified | ${int(size.raw)} B | – | |`,
    `| ${BUNDLE}, gzip -9 | ${int(size.gzip)} B (${kb(size.gzip)}) | ≤ ${int(GZIP_TARGET)} B | ${verdict(targets[0])} |`,
    `| ${BUNDLE}, brotli | ${int(size.brotli)} B (${kb(size.brotli)}) | – | |`,
    ...size.chunks.map((c) => `| ${c.file} (loaded when first used), gzip -9 | ${int(c.gzip)} B (${int(c.raw)} B minified) | – | |`),
    `| CLS, first photo (${main.label}) | ${fmt(main.maxClsFirstPhoto, 4)} | 0 | ${verdict(targets.find((t) => t.name.startsWith('CLS 0 while')))} |`,
    `| CLS, slideshow of ${SLIDES} photos, 4 ratios (${main.label}) | ${fmt(main.maxCls, 4)} | 0 | ${verdict(targets.find((t) => t.name.startsWith('CLS 0 across')))} |`,
  ];
  if (auto) lines.push(`| CLS, same slideshow with \`ratio="auto"\` (control) | ${fmt(auto.maxCls, 4)} | (> 0 expected) | |`);
  const row = (label: string, st: Stats | null) => `| ${label} | ${st ? `${fmt(st.median)} ms (p90 ${fmt(st.p90)})` : '–'} |`;
  lines.push(
    `${row('`<photo-frame>`: connection → photo decoded', element)} ≤ ${fmt(budget)} ms | ${verdict(targets.at(-1))} |`,
    `${row('plain `<img>`: `src` → decoded', img)} – | |`,
    `${row('one API round trip (`fetch` → JSON)', api)} – | |`,
  );
  return lines.join('\n');
}

function clsTable(cls: ClsResult[]): string {
  const lines = [
    '| page | runs | CLS first photo (max) | CLS slideshow (max) | CLS of each page load | photos per run (distinct) | frame height at each photo, px | paragraph below: top, px (parsed → photos) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const v of cls) {
    const heights = [...new Set(v.runs.flatMap((r) => r.changes.map((c) => c.frameHeight)).filter((h) => h !== null))].join(', ');
    // In time order, repeats dropped: where the paragraph was once the HTML was parsed (before the bundle ran), at DOMContentLoaded and at each photo.
    const tops = [
      ...new Set(
        v.runs.flatMap((r) =>
          [r.marks.parsed, r.marks.domContentLoaded, ...r.changes]
            .filter((x): x is Snapshot => x !== undefined)
            .sort((a, b) => a.t - b.t)
            .map((x) => x.belowTop)
            .filter((top) => top !== null),
        ),
      ),
    ].join(' → ');
    lines.push(
      `| ${v.label}${v.target ? ' (target)' : ''} | ${v.runs.length} | ${fmt(v.maxClsFirstPhoto, 4)} | ${fmt(v.maxCls, 4)} | ` +
        `${v.runs.map((r) => fmt(r.cls, 4)).join(', ')} | ${v.runs.map((r) => (r.error ? 'failed' : `${r.changes.length} (${r.distinctPhotos})`)).join(', ')} | ${heights || '–'} | ${tops || '–'} |`,
    );
  }
  return lines.join('\n');
}

function timingTable(t: TimingResult): string {
  const lines = ['| measure | runs | median ms | p90 ms | min ms | max ms |', '|---|--:|--:|--:|--:|--:|'];
  const labels: Record<Kind, string> = { element: '`<photo-frame>`: connection → `photo-change` (image decoded)', img: 'plain `<img>`: `src` set → `decode()` resolved', api: 'API round trip: `fetch` → JSON parsed' };
  for (const kind of ['element', 'img', 'api'] as Kind[]) {
    const st = t.stats[kind];
    lines.push(`| ${labels[kind]} | ${st?.n ?? 0} | ${fmt(st?.median)} | ${fmt(st?.p90)} | ${fmt(st?.min)} | ${fmt(st?.max)} |`);
  }
  return lines.join('\n');
}

function sizeTable(size: BundleSize): string {
  if (size.modules.length === 0) return `(no ${BUNDLE}.map: no breakdown)`;
  const lines = ['| module | minified B | share | gzip cost B |', '|---|--:|--:|--:|'];
  for (const m of size.modules) lines.push(`| ${m.module} | ${int(m.bytes)} | ${fmt(m.share * 100)}% | ${int(m.gzipMarginal)} |`);
  return lines.join('\n');
}

function overrides(s: Settings): string {
  const parts: string[] = [];
  if (s.runs !== 15) parts.push(`BENCH_ELEMENT_RUNS=${s.runs}`);
  if (s.clsRuns !== 3) parts.push(`BENCH_ELEMENT_CLS_RUNS=${s.clsRuns}`);
  if (s.delayMs !== 100) parts.push(`BENCH_ELEMENT_DELAY_MS=${s.delayMs}`);
  return parts.map((p) => `${p} `).join('');
}

function notes(size: BundleSize, cls: ClsResult[], timing: TimingResult, s: Settings, meta: Meta): string[] {
  const out: string[] = [];
  const lit = size.modules.filter((m) => ['lit-html', '@lit/reactive-element', 'lit-element', 'lit'].includes(m.module));
  const own = size.modules.filter((m) => m.module.startsWith('src/'));
  const sum = (ms: typeof size.modules, key: 'bytes' | 'gzipMarginal') => ms.reduce((a, m) => a + m[key], 0);
  if (size.modules.length > 0) {
    out.push(
      `Bundle breakdown from ${BUNDLE}.map: Lit (lit-html, @lit/reactive-element, lit-element) ${int(sum(lit, 'bytes'))} B minified ` +
        `(${fmt((sum(lit, 'bytes') / size.raw) * 100)}%), this repo's sources ${int(sum(own, 'bytes'))} B (${fmt((sum(own, 'bytes') / size.raw) * 100)}%), ` +
        `thumbhash ${int(size.modules.find((m) => m.module === 'thumbhash')?.bytes ?? 0)} B. "gzip cost" is what removing that module's bytes saves gzipped ` +
        '(gzip shares repeated strings between modules, so the costs do not add up to the total).',
    );
  }
  const rect = (r: number[] | null) => (r ? `[${r.join(', ')}]` : '–');
  for (const v of cls) {
    const first = v.runs.find((r) => r.shifts.some((e) => !e.hadRecentInput));
    const paint = (r: ClsRun) =>
      `first contentful paint at ${fmt(r.marks.firstContentfulPaint?.t, 0)} ms, element defined at ${fmt(r.marks.defined?.t, 0)} ms`;
    if (!first) {
      out.push(`${v.label}: no layout shift in ${v.runs.length} page loads (${v.runs[0] ? paint(v.runs[0]) : ''}).`);
      continue;
    }
    const when = first.shifts
      .filter((e) => !e.hadRecentInput)
      .map((e) => {
        const shown = first.changes.filter((c) => c.t <= e.startTime + 50).length;
        const sources = e.sources.map((x) => `${x.node} ${rect(x.previousRect)} → ${rect(x.currentRect)}`).join(', ');
        return `${fmt(e.value, 4)} at ${fmt(e.startTime, 0)} ms (${shown === 0 ? 'before the first photo' : `photo ${shown} shown`}: ${sources})`;
      })
      .join('; ');
    out.push(`${v.label}, first page load with shifts (rects x, y, width, height in px): ${when}; ${paint(first)}.`);
  }
  const before = (vs: ClsResult[]) => {
    const runs = vs.flatMap((v) => v.runs.filter((r) => !r.error));
    return `${runs.filter((r) => r.shifts.some((e) => !e.hadRecentInput && e.startTime < (r.changes[0]?.t ?? Infinity))).length} of ${runs.length}`;
  };
  out.push(
    'A shift before the first photo (the page painted with `<photo-frame>` not yet defined, so without a box, then the element took its height) ' +
      `happened in ${before(cls.filter((v) => !v.lateScript && !v.reserveCss))} page loads with the bundle served at once and ` +
      `${before(cls.filter((v) => v.lateScript && !v.reserveCss))} with it delayed ${s.delayMs} ms: a race between the first paint and the module script, ` +
      'lost whenever the script arrives after the first paint.',
  );
  const target = cls.find((c) => c.target);
  const noDate = cls.find((c) => c.attributes === 'date-style="none"');
  const slideshowOnly = (v: ClsResult) => Math.max(...v.runs.map((r) => r.cls - r.clsFirstPhoto));
  if (target && noDate && target.maxCls !== null && noDate.maxCls !== null && slideshowOnly(target) > 0) {
    out.push(
      `Shifts after the first photo: ${fmt(slideshowOnly(target), 4)} at most with the date shown, ${fmt(slideshowOnly(noDate), 4)} with \`date-style="none"\`` +
        (slideshowOnly(noDate) === 0 ? ': they come from the date (`<time>`) moving along the caption line when a caption of another length is rendered before it.' : '.'),
    );
  }
  const ph = timing.elementPhases;
  const ip = timing.imgPhases;
  if (ph && ip) {
    out.push(
      `Where the element's time goes (medians, ms after connection, from resource timing): API request starts at ${fmt(ph.apiStart)} ` +
        `(the frame asks once its IntersectionObserver reports it on screen), answer at ${fmt(ph.apiEnd)}; image request starts at ${fmt(ph.imgStart)}, ` +
        `last byte at ${fmt(ph.imgEnd)}; decoded at ${fmt(ph.decoded)}. The plain <img>: request at ${fmt(ip.imgStart)}, last byte at ${fmt(ip.imgEnd)}, decoded at ${fmt(ip.decoded)}.`,
    );
    const imgRequests = [...new Set(timing.samples.element.map((x) => x.imgRequests))].join(' or ');
    out.push(`Image requests per element run (resource timing): ${imgRequests} (the element's preload and the <img> it renders share one download).`);
  }
  if (timing.failures.length > 0) out.push(`Timing runs that failed (left out): ${timing.failures.join('; ')}.`);
  out.push(
    `Each timing run is a fresh browser context (empty cache, no open connection) loading an empty page with the bundle; the image rotates through the ${meta.images.length} photos ` +
      `(${meta.images.map((i) => `${i.name} ${i.width}×${i.height}, ${int(i.bytes)} B`).join('; ')}), the same one for the element, the <img> and the API call of a round; ` +
      'the order of the three kinds rotates too. One discarded warm-up round comes first.',
  );
  out.push(
    `CLS pages: ${VIEWPORT.width}×${VIEWPORT.height} viewport, a paragraph above and below \`<photo-frame endpoint="/api/" interval="1">\`; shifts from a \`layout-shift\` PerformanceObserver (\`buffered\`, ` +
      `entries with \`hadRecentInput\` left out), from navigation to ${SETTLE_MS} ms after the ${SLIDES}th \`photo-change\`; "first photo" counts the shifts before the second photo is shown. ` +
      `The API answers the ${meta.images.length} photos in turn (honouring \`exclude\`), so each page shows 3:2, 2:3, 1:1, 2.35:1 and 3:2 again. ` +
      'The variants with the bundle delayed too are for information: they show what a page sees when the script arrives after the first paint.',
  );
  out.push(
    `1-minute load average ${fmt(meta.loadAverage, 2)} at the start and ${fmt(meta.loadAverageEnd, 2)} at the end, on ${meta.cores} cores ` +
      `(the machine may be shared: the timings move with it, CLS and size do not). API and image delay: ${s.delayMs} ms. Run time ${fmt(meta.runSeconds, 0)} s.`,
  );
  if (meta.sourcesChanged.length > 0) out.push(`Uncommitted changes in the element's sources when measured (the bundle is what was built from them): ${meta.sourcesChanged.join(', ')}.`);
  return out;
}

interface Meta {
  date: string;
  node: string;
  chromium: string;
  cpu: string;
  cores: number;
  platform: string;
  loadAverage: number;
  loadAverageEnd?: number;
  commit: string;
  sourcesChanged: string[];
  images: { name: string; width: number; height: number; bytes: number }[];
  runSeconds?: number;
}

function markdown(size: BundleSize, cls: ClsResult[], timing: TimingResult, targets: Target[], s: Settings, meta: Meta): string {
  return [
    '# Element benchmark',
    '',
    `${meta.date}, Node ${meta.node}, Chromium ${meta.chromium} (headless), ${meta.cpu} × ${meta.cores} cores, ${meta.platform}; commit ${meta.commit.slice(0, 7)}.`,
    '',
    `${BUNDLE} as built by \`npm run build\`; gzip at level 9, brotli at quality 11. Browser measurements on 127.0.0.1 with the fake photo API and the images ` +
      `answering after ${s.delayMs} ms, \`Cache-Control: no-store\`; ${s.runs} timing runs of each kind and ${s.clsRuns} page loads per CLS page. CLS is the largest over the page loads.`,
    '',
    summaryTable(size, cls, timing, targets),
    '',
    '## Targets',
    '',
    ...targets.map(targetLine),
    '',
    '## Layout shift',
    '',
    clsTable(cls),
    '',
    '## Time to the decoded photo',
    '',
    timingTable(timing),
    '',
    '## Bundle',
    '',
    sizeTable(size),
    '',
    '## Notes',
    '',
    ...notes(size, cls, timing, s, meta).map((n) => `- ${n}`),
    '',
    '## Reproduce',
    '',
    '```sh',
    `npm run build && ${overrides(s)}npm run bench -- element`,
    '```',
    '',
  ].join('\n');
}

export async function run(): Promise<void> {
  const s = settings();
  assertBundleBuilt(ROOT);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROME_PATH');
  const started = performance.now();

  const size = measureBundle(ROOT);
  log(`${BUNDLE}: ${int(size.raw)} B minified, ${int(size.gzip)} B gzip -9, ${int(size.brotli)} B brotli (target ≤ ${int(GZIP_TARGET)} B gzipped)`);

  const images = await loadImages(ROOT);
  const pages: Record<string, string> = { '/timing.html': TIMING_PAGE };
  for (const v of CLS_VARIANTS) pages[v.path] = clsPage(v);
  const cpus = os.cpus();
  const meta: Meta = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: '',
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
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
  meta.loadAverageEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  const targets = evaluate(size, cls, timing);
  const md = markdown(size, cls, timing, targets, s, meta);
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'element.json'),
    JSON.stringify(
      {
        ...meta,
        settings: { ...s, slides: SLIDES, settleMs: SETTLE_MS, viewport: VIEWPORT, gzipTarget: GZIP_TARGET, timeFactor: TIME_FACTOR },
        command: `npm run build && ${overrides(s)}npm run bench -- element`,
        size,
        cls,
        timing,
        requests: server.counts,
        targets,
      },
      null,
      2,
    ) + '\n',
  );
  writeFileSync(path.join(dir, 'element.md'), md);
  console.log(`\n${md}`);
  log(`results written to bench/results/element.{json,md} (${meta.runSeconds} s)`);
}
