/** One browser context of the service worker benchmark: a first visit, then the repeat visits it measures. */
import type { Browser, Page, Response } from 'playwright-core';
import type { Kind, Served, Servers } from './sw-servers.ts';
import { VIEWPORT, type SwSettings, type Variant } from './sw-variants.ts';

export interface Visit {
  /** ms from navigation start to the first photo-change (the photo decoded). */
  ms: number;
  id: string;
  /** Where the API answer came from, per the worker's header (`network` when it has none). */
  source: string;
  /** Body bytes the servers sent before the photo was shown, by kind, and after it (background work of the visit). */
  before: Partial<Record<Kind, number>>;
  after: Partial<Record<Kind, number>>;
  /** Requests the image host answered before the photo was shown (status each). */
  imageRequestsBefore: number[];
}

const SHOWN = 'window.__shown';

async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) return reject(new Error('no worker controls the page'));
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('the worker did not settle within 10 s')), 10000);
    channel.port1.onmessage = () => { clearTimeout(timer); resolve(); };
    worker.postMessage({ type: 'photo-frame:settle' }, [channel.port2]);
  })`);
}

const sum = (entries: Served[]) => {
  const out: Partial<Record<Kind, number>> = {};
  for (const e of entries) out[e.kind] = (out[e.kind] ?? 0) + e.bytes;
  return out;
};

/** `wait`: how long a photo may take, and the servers' delay (the settings' BENCH_SW_DELAY_MS). */
async function visit(page: Page, servers: Servers, url: string, worker: boolean, wait: { timeoutMs: number; delayMs: number }): Promise<Visit> {
  const { timeoutMs } = wait;
  const from = servers.log.length;
  const sources: string[] = [];
  const onResponse = (response: Response) => {
    if (response.url().startsWith(`${servers.photos}/api/`)) sources.push(response.headers()['x-photo-frame-source'] ?? 'network');
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const navStart = (await page.evaluate('performance.timeOrigin')) as number;
    const shown = (await page.evaluate(`Promise.race([${SHOWN}, new Promise((_, reject) => setTimeout(() => reject(new Error('no photo within ${timeoutMs} ms')), ${timeoutMs}))])`)) as {
      t: number;
      epoch: number;
      id: string;
    };
    // Let the visit's background work finish (revalidation, the pick fetched ahead), then read the logs.
    if (worker) await settle(page);
    await page.waitForTimeout(3 * Math.max(50, wait.delayMs));
    const entries = servers.log.slice(from).filter((e) => e.start >= Math.floor(navStart) - 1);
    const before = entries.filter((e) => e.end <= shown.epoch);
    const after = entries.filter((e) => e.end > shown.epoch);
    return {
      ms: shown.t,
      id: shown.id,
      source: sources[0] ?? '(no API response seen)',
      before: sum(before),
      after: sum(after),
      imageRequestsBefore: before.filter((e) => e.kind === 'image').map((e) => e.status),
    };
  } finally {
    page.off('response', onResponse);
  }
}

export interface Run {
  first?: Visit;
  repeats: Visit[];
  error?: string;
}

export async function runContext(browser: Browser, servers: Servers, variant: Variant, s: SwSettings): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow' });
  const run: Run = { repeats: [] };
  const timeoutMs = 10_000 + 20 * s.delayMs;
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs + 5_000);
    const url = `${servers.site}/${variant.name}.html`;
    run.first = await visit(page, servers, url, false, { timeoutMs, delayMs: s.delayMs });
    if (variant.worker) {
      await page.waitForFunction('navigator.serviceWorker.controller !== null', null, { timeout: timeoutMs });
      await settle(page);
    }
    for (let i = 0; i < s.visits; i++) run.repeats.push(await visit(page, servers, url, variant.worker !== undefined, { timeoutMs, delayMs: s.delayMs }));
  } catch (error) {
    run.error = (error as Error).message.split('\n')[0];
  } finally {
    await context.close();
  }
  return run;
}
