/** Time from the element's connection to its photo decoded, beside a plain `<img>` and one API round trip. */
import type { Browser, BrowserContext } from 'playwright-core';
import { fmt, logger } from './format.ts';
import { timeApi, timeElement, timeImg, type TimingSample } from './element-pages.ts';
import type { ElementServer } from './element-server.ts';
import { VIEWPORT, type ElementSettings } from './element-settings.ts';
import { stats, type Stats } from './stats.ts';

const log = logger('element');

export type TimingKind = 'element' | 'img' | 'api';


export interface TimingResult {
  samples: Record<TimingKind, (TimingSample & { photo: string })[]>;
  stats: Record<TimingKind, Stats | null>;
  /** Medians of the element's phases, ms from its connection. */
  elementPhases: { apiStart: number; apiEnd: number; imgStart: number; imgEnd: number; decoded: number } | null;
  imgPhases: { imgStart: number; imgEnd: number; decoded: number } | null;
  failures: string[];
}

const medianOf = (values: (number | undefined)[]) => stats(values.filter((v): v is number => v !== undefined))?.median ?? NaN;

async function timingRun(browser: Browser, server: ElementServer, kind: TimingKind, pin: number, s: ElementSettings): Promise<TimingSample> {
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

export async function measureTiming(browser: Browser, server: ElementServer, s: ElementSettings): Promise<TimingResult> {
  const kinds: TimingKind[] = ['element', 'img', 'api'];
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
    const last = (k: TimingKind) => samples[k].at(-1)?.ms;
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
