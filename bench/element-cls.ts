/** Layout shift of the element's pages: a first photo, then a slideshow through four ratios. */
import type { Browser } from 'playwright-core';
import { fmt, logger } from './format.ts';
import { CLS_READ, clsDone, CLS_VARIANTS, type ClsVariant } from './element-pages.ts';
import type { ElementServer } from './element-server.ts';
import { SETTLE_MS, SLIDES, VIEWPORT, type ElementSettings } from './element-settings.ts';

const log = logger('element');

export interface Shift {
  startTime: number;
  value: number;
  hadRecentInput: boolean;
  sources: { node: string; previousRect: number[] | null; currentRect: number[] | null }[];
}

export interface Snapshot {
  t: number;
  frameHeight: number | null;
  belowTop: number | null;
}

export interface ClsRun {
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

export interface ClsResult extends Omit<ClsVariant, 'path'> {
  page: string;
  runs: ClsRun[];
  maxCls: number | null;
  maxClsFirstPhoto: number | null;
}

async function clsRun(browser: Browser, server: ElementServer, v: ClsVariant, s: ElementSettings): Promise<ClsRun> {
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

export async function measureCls(browser: Browser, server: ElementServer, s: ElementSettings): Promise<ClsResult[]> {
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
