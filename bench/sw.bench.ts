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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import type { Photo } from '../src/contract.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.mjs';
import { ROOT } from '../scripts/spawn-function.ts';
import { sidecar } from './element-server.ts';
import { delayer } from './delayer.ts';
import { envInt } from './env.ts';
import { fmt, int } from './format.ts';
import { git } from './machine.ts';
import { type Target, targetLine } from './results-file.ts';
import { stats, type Stats } from './stats.ts';

export const name = 'sw';
export const description =
  'service worker: navigation to decoded photo on a repeat visit with the worker vs the HTTP cache only, API and images 150 ms away; bytes fetched before the photo shows';

const TIME_FACTOR = 0.3;
const VIEWPORT = { width: 900, height: 700 };
const DIST = ['dist/photo-frame.js', 'dist/photo-frame-slideshow.js', 'dist/photo-frame-placeholder.js', 'dist/photo-frame.css', 'dist/photo-frame-register.js', 'dist/photo-frame-sw.js'];

type VariantName = 'worker' | 'worker-no-prefetch' | 'http-cache' | 'worker-same-photo' | 'http-cache-same-photo';
/**
 * The first three show a new photo on every visit, as the element does (recently seen ids are
 * excluded). The last two ask with `seed` (a photo of the day): the same photo on every visit,
 * which the worker never fetches ahead: what the image cache alone saves.
 */
const VARIANTS: { name: VariantName; label: string; worker?: string; seed?: boolean }[] = [
  { name: 'worker', label: 'worker (dist/photo-frame-sw.js, defaults)', worker: '/photo-frame-sw.js' },
  { name: 'worker-no-prefetch', label: 'worker with `prefetch: false` (network first only)', worker: '/photo-frame-sw-no-prefetch.js' },
  { name: 'http-cache', label: 'HTTP cache only (no worker)' },
  { name: 'worker-same-photo', label: 'same photo every visit (`seed`): worker', worker: '/photo-frame-sw.js', seed: true },
  { name: 'http-cache-same-photo', label: 'same photo every visit (`seed`): HTTP cache only', seed: true },
];

interface Settings {
  runs: number;
  visits: number;
  delayMs: number;
}

function settings(): Settings {
  return { runs: envInt('BENCH_SW_RUNS', 5, 1), visits: envInt('BENCH_SW_VISITS', 3, 1), delayMs: envInt('BENCH_SW_DELAY_MS', 150, 0) };
}

const log = (message: string) => console.log(`[sw] ${message}`);

// ---------------------------------------------------------------------------------------------
// Servers

type Kind = 'page' | 'script' | 'worker' | 'api' | 'image' | 'other';

interface Served {
  kind: Kind;
  path: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  /** Epoch ms: request received, response finished. */
  start: number;
  end: number;
}

interface BenchPhoto {
  id: string;
  file: string;
  bytes: Buffer;
  etag: string;
  photo: Omit<Photo, 'url'>;
}

/** Every photo of the demo (so repeat visits do not run out of unseen ones), with its sidecar's caption. */
async function loadPhotos(): Promise<BenchPhoto[]> {
  const dir = path.join(ROOT, 'demo/photos');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(path.join(dir, file));
      const meta = await sharp(bytes).metadata();
      const { caption } = sidecar(path.join(dir, file));
      const id = file.split(path.sep).join('/');
      return {
        id,
        file,
        bytes,
        etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`,
        photo: { id, width: meta.width!, height: meta.height!, ...(caption ? { caption } : {}) },
      };
    }),
  );
}

interface Servers {
  site: string;
  photos: string;
  log: Served[];
  close(): Promise<void>;
}

function page(variant: (typeof VARIANTS)[number], api: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sw bench</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/photo-frame.css">
<script>
  // Navigation → photo decoded: the first photo-change, in ms since navigation start (performance.timeOrigin).
  window.__shown = new Promise((resolve) => document.addEventListener('photo-change', (e) => resolve({ t: performance.now(), epoch: performance.timeOrigin + performance.now(), id: e.photo.id }), { once: true }));
</script>
<script type="module" src="/photo-frame.js"></script>
${variant.worker ? `<script type="module" src="/photo-frame-register.js" data-service-worker="${variant.worker}"></script>` : ''}
</head><body>
<p>A paragraph of a blog post above the photo.</p>
<photo-frame id="frame" endpoint="${api}" style="width: 600px"></photo-frame>
</body></html>`;
}

async function startServers(photos: BenchPhoto[], delayMs: number, noPrefetchWorker: string): Promise<Servers> {
  const served: Served[] = [];
  const { later, cancel } = delayer(delayMs);
  const record = (req: http.IncomingMessage, res: http.ServerResponse, kind: Kind) => {
    const start = Date.now();
    const url = new URL(req.url ?? '/', 'http://x');
    let bytes = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) bytes += chunk.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') count(chunk);
      return (end as (...a: unknown[]) => http.ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.once('finish', () => served.push({ kind, path: url.pathname + url.search, status: res.statusCode, bytes: req.method === 'HEAD' ? 0 : bytes, start, end: Date.now() }));
  };
  const notModified = (req: http.IncomingMessage, etag: string) => req.headers['if-none-match']?.split(/\s*,\s*/).includes(etag) ?? false;

  // The blog: pages and photo-frame's files, at once (no delay), revalidated on every visit like most static hosts.
  const files: Record<string, { type: string; body: Buffer; kind: Kind }> = {
    '/photo-frame.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame.js')), kind: 'script' },
    '/photo-frame-slideshow.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-slideshow.js')), kind: 'script' },
    '/photo-frame-placeholder.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-placeholder.js')), kind: 'script' },
    '/photo-frame.css': { type: 'text/css', body: readFileSync(path.join(ROOT, 'dist/photo-frame.css')), kind: 'script' },
    '/photo-frame-register.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-register.js')), kind: 'script' },
    '/photo-frame-sw.js': { type: 'text/javascript', body: readFileSync(path.join(ROOT, 'dist/photo-frame-sw.js')), kind: 'worker' },
    '/photo-frame-sw-no-prefetch.js': { type: 'text/javascript', body: Buffer.from(noPrefetchWorker), kind: 'worker' },
  };
  let photosOrigin = '';
  const site = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const variant = VARIANTS.find((v) => url.pathname === `/${v.name}.html`);
    const file = files[url.pathname];
    record(req, res, variant ? 'page' : (file?.kind ?? 'other'));
    const body = variant ? Buffer.from(page(variant, `${photosOrigin}/api/${variant.seed ? '?seed=photo-of-the-day' : ''}`)) : file?.body;
    if (!body) return void res.writeHead(404).end();
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = { 'Cache-Control': 'no-cache', ETag: etag, 'Content-Type': variant ? 'text/html; charset=utf-8' : `${file!.type}; charset=utf-8` };
    if (notModified(req, etag)) return void res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body);
  });

  // The photo API and the image host: one origin, everything answered after `delayMs`.
  const cors = { 'Access-Control-Allow-Origin': '*' };
  const photoServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/') {
      record(req, res, 'api');
      const exclude = new Set((url.searchParams.get('exclude') ?? '').split(',').filter(Boolean));
      const order = (url.searchParams.get('exclude') ?? '').split(',').filter(Boolean);
      // As the real API: not excluded, unless everything is; then (for the bench) the one seen longest ago.
      // With a seed, always the same one.
      const pick = url.searchParams.has('seed') ? photos[0]! : (photos.find((p) => !exclude.has(p.id)) ?? photos.find((p) => p.id === order[0]) ?? photos[0]!);
      const body = JSON.stringify({ ...pick.photo, url: `${photosOrigin}/img/${pick.id}` });
      later(() => res.writeHead(200, { ...cors, 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }).end(body));
      return;
    }
    if (url.pathname.startsWith('/img/')) {
      record(req, res, 'image');
      const photo = photos.find((p) => `/img/${p.id}` === url.pathname);
      if (!photo) return void later(() => res.writeHead(404, cors).end());
      const headers = { ...cors, 'Cache-Control': 'no-cache', ETag: photo.etag, 'Content-Type': 'image/jpeg' };
      later(() => {
        if (notModified(req, photo.etag)) res.writeHead(304, headers).end();
        else res.writeHead(200, { ...headers, 'Content-Length': photo.bytes.length }).end(photo.bytes);
      });
      return;
    }
    record(req, res, 'other');
    res.writeHead(404, cors).end();
  });
  const listen = (server: http.Server) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const sitePort = await listen(site);
  const photoPort = await listen(photoServer);
  photosOrigin = `http://127.0.0.1:${photoPort}`;
  return {
    // Another host name, so the blog and the photo API are separate origins as on a real site.
    site: `http://localhost:${sitePort}`,
    photos: photosOrigin,
    log: served,
    close: async () => {
      cancel();
      for (const server of [site, photoServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** The worker with `prefetch: false`, bundled from source as dist/photo-frame-sw.js is. */
async function noPrefetchWorker(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "import { clientsClaim } from 'workbox-core';\n" +
        "import { registerPhotoFrameRoutes } from './src/sw/register-photo-frame-routes.ts';\n" +
        "self.addEventListener('install', () => self.skipWaiting());\nclientsClaim();\nregisterPhotoFrameRoutes({ prefetch: false });\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// ---------------------------------------------------------------------------------------------
// Visits

interface Visit {
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

async function visit(page: Page, servers: Servers, url: string, worker: boolean, timeoutMs: number): Promise<Visit> {
  const from = servers.log.length;
  const sources: string[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
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
    await page.waitForTimeout(3 * Math.max(50, Number(process.env.BENCH_SW_DELAY_MS ?? 150)));
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

interface Run {
  first?: Visit;
  repeats: Visit[];
  error?: string;
}

async function runContext(browser: Browser, servers: Servers, variant: (typeof VARIANTS)[number], s: Settings): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow' });
  const run: Run = { repeats: [] };
  const timeoutMs = 10_000 + 20 * s.delayMs;
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs + 5_000);
    const url = `${servers.site}/${variant.name}.html`;
    run.first = await visit(page, servers, url, false, timeoutMs);
    if (variant.worker) {
      await page.waitForFunction('navigator.serviceWorker.controller !== null', null, { timeout: timeoutMs });
      await settle(page);
    }
    for (let i = 0; i < s.visits; i++) run.repeats.push(await visit(page, servers, url, variant.worker !== undefined, timeoutMs));
  } catch (error) {
    run.error = (error as Error).message.split('\n')[0];
  } finally {
    await context.close();
  }
  return run;
}

// ---------------------------------------------------------------------------------------------
// Report

interface VariantResult {
  name: VariantName;
  label: string;
  runs: Run[];
  repeat: Stats | null;
  first: Stats | null;
  /** Medians over repeat visits of the bytes sent before the photo showed, by kind. */
  bytesBefore: Partial<Record<Kind, number>>;
  bytesAfter: Partial<Record<Kind, number>>;
  /** Repeat visits whose image host answered anything before the photo showed. */
  imageBeforeVisits: number;
  sources: Record<string, number>;
}

const KINDS: Kind[] = ['page', 'script', 'worker', 'api', 'image', 'other'];

function summarise(variant: (typeof VARIANTS)[number], runs: Run[]): VariantResult {
  const repeats = runs.flatMap((r) => r.repeats);
  const median = (key: 'before' | 'after') => {
    const out: Partial<Record<Kind, number>> = {};
    for (const kind of KINDS) {
      const st = stats(repeats.map((v) => v[key][kind] ?? 0));
      if (st && st.max > 0) out[kind] = st.median;
    }
    return out;
  };
  const sources: Record<string, number> = {};
  for (const v of repeats) sources[v.source] = (sources[v.source] ?? 0) + 1;
  return {
    name: variant.name,
    label: variant.label,
    runs,
    repeat: stats(repeats.map((v) => v.ms)),
    first: stats(runs.flatMap((r) => (r.first ? [r.first.ms] : []))),
    bytesBefore: median('before'),
    bytesAfter: median('after'),
    imageBeforeVisits: repeats.filter((v) => v.imageRequestsBefore.length > 0).length,
    sources,
  };
}

function evaluate(results: VariantResult[]): Target[] {
  const worker = results.find((r) => r.name === 'worker')!;
  const http = results.find((r) => r.name === 'http-cache')!;
  const targets: Target[] = [];
  if (worker.repeat && http.repeat) {
    const ratio = worker.repeat.median / http.repeat.median;
    targets.push({
      name: `Repeat visit, navigation to decoded photo, with the worker at most ${TIME_FACTOR}x of the HTTP cache alone (medians)`,
      met: ratio <= TIME_FACTOR,
      detail: `${fmt(worker.repeat.median)} ms vs ${fmt(http.repeat.median)} ms: ${fmt(ratio, 2)}x (p90 ${fmt(worker.repeat.p90)} vs ${fmt(http.repeat.p90)} ms)`,
    });
  } else {
    targets.push({ name: `Repeat visit with the worker at most ${TIME_FACTOR}x of without`, met: null, detail: 'not measured (see the runs)' });
  }
  const visits = worker.runs.flatMap((r) => r.repeats).length;
  targets.push({
    name: 'No image bytes fetched before the photo shows on a repeat visit (with the worker)',
    met: visits > 0 ? worker.imageBeforeVisits === 0 : null,
    detail: `${worker.imageBeforeVisits} of ${visits} repeat visits had an image response before the photo showed; median image bytes before: ${int(worker.bytesBefore.image ?? 0)} B`,
  });
  return targets;
}

const bytesCell = (b: Partial<Record<Kind, number>>) => {
  const parts = KINDS.filter((k) => (b[k] ?? 0) > 0).map((k) => `${k} ${int(b[k]!)}`);
  return parts.length ? `${parts.join(', ')} (total ${int(Object.values(b).reduce((a, x) => a + (x ?? 0), 0))})` : 'none';
};

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
  runSeconds?: number;
  photos: number;
  photoBytes: { min: number; max: number };
}

function overrides(s: Settings): string {
  const parts: string[] = [];
  if (s.runs !== 5) parts.push(`BENCH_SW_RUNS=${s.runs}`);
  if (s.visits !== 3) parts.push(`BENCH_SW_VISITS=${s.visits}`);
  if (s.delayMs !== 150) parts.push(`BENCH_SW_DELAY_MS=${s.delayMs}`);
  return parts.map((p) => `${p} `).join('');
}

function markdown(results: VariantResult[], targets: Target[], s: Settings, meta: Meta): string {
  const rows = results.map(
    (r) =>
      `| ${r.label} | ${r.repeat ? `${fmt(r.repeat.median)} ms (p90 ${fmt(r.repeat.p90)}, n ${r.repeat.n})` : '–'} | ${r.first ? `${fmt(r.first.median)} ms` : '–'} | ${bytesCell(r.bytesBefore)} | ${bytesCell(r.bytesAfter)} |`,
  );
  const httpOf = (r: VariantResult) => results.find((x) => x.name === (r.name.endsWith('same-photo') ? 'http-cache-same-photo' : 'http-cache'))?.repeat?.median;
  const ratios = results
    .filter((r) => !r.name.startsWith('http-cache') && r.repeat && httpOf(r))
    .map((r) => `${r.label}: ${fmt(r.repeat!.median / httpOf(r)!, 2)}x of the HTTP cache alone`);
  const sources = results
    .filter((r) => !r.name.startsWith('http-cache'))
    .map((r) => `${r.label}: ${Object.entries(r.sources).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const failures = results.flatMap((r) => r.runs.filter((x) => x.error).map((x) => `${r.label}: ${x.error}`));
  return [
    '# Service worker benchmark',
    '',
    `${meta.date}, Node ${meta.node}, Chromium ${meta.chromium} (headless), ${meta.cpu} × ${meta.cores} cores, ${meta.platform}; commit ${meta.commit.slice(0, 7)}.`,
    '',
    `One \`<photo-frame>\` on a blog page served at once from \`localhost\`; the photo API and the image host on \`127.0.0.1\` (another origin) answering after ${s.delayMs} ms each. ` +
      `${s.runs} fresh browser contexts per variant, each a first visit then ${s.visits} repeat visits (the measured ones). Photos: the demo's ${meta.photos} JPEGs ` +
      `(${int(meta.photoBytes.min)} to ${int(meta.photoBytes.max)} B), sent \`Cache-Control: no-cache\` with a strong ETag (a bucket's default metadata); the API \`no-store\`; pages and scripts \`no-cache\` with an ETag.`,
    '',
    '| variant | repeat visit: navigation → photo decoded, median | first visit | bytes sent before the photo showed (median per repeat visit) | bytes sent after it (background) |',
    '|---|--:|--:|---|---|',
    ...rows,
    '',
    '## Targets',
    '',
    ...targets.map(targetLine),
    '',
    '## Notes',
    '',
    `- ${ratios.join('; ')}.`,
    `- Where the repeat visits' API answers came from (\`X-Photo-Frame-Source\`): ${sources.join('; ')}. \`prefetch\`: the pick fetched ahead during the previous visit (its image cached with it), served at once; \`network\`: the API itself (network first).`,
    '- A repeat visit shows a photo the reader has not seen (the element excludes the recent ones), so without the worker it waits for the API (no-store) and then downloads a new image: ' +
      'two round trips and the whole image. The worker without prefetch cannot do better (the new photo is not in its cache; it adds its own overhead on top). ' +
      'With the defaults the worker answers the API with the pick it fetched ahead during the previous visit, whose image it cached then, so the photo shows after the page, ' +
      'the script (stale-while-revalidate) and the decode, and the servers\' work (the image\'s revalidation, the next pick ahead) happens after it.',
    '- With `seed` the photo is the same on every visit: without the worker the image is revalidated (a 304 after the delay) after the API answered; with it the image comes ' +
      'from Cache Storage at once (revalidated in the background) and only the API round trip remains (a seeded request is never answered ahead).',
    '- Bytes are the response bodies the two servers sent, from their own logs, split at the moment the page reported the photo decoded (`photo-change`); 304s count 0. ' +
      '"After" is the background work of the visit, measured until it settled.',
    ...(failures.length ? [`- Failed runs (left out): ${failures.join('; ')}.`] : []),
    `- 1-minute load average ${fmt(meta.loadAverage, 2)} at the start and ${fmt(meta.loadAverageEnd, 2)} at the end, on ${meta.cores} cores (the machine may be shared). Run time ${fmt(meta.runSeconds, 0)} s.`,
    '',
    '## Reproduce',
    '',
    '```sh',
    `npm run build && ${overrides(s)}npm run bench -- sw`,
    '```',
    '',
  ].join('\n');
}

export async function run(): Promise<void> {
  const s = settings();
  for (const file of DIST) if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run "npm run build" first`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROME_PATH');
  const started = performance.now();
  const photos = await loadPhotos();
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
    photos: photos.length,
    photoBytes: { min: Math.min(...photos.map((p) => p.bytes.length)), max: Math.max(...photos.map((p) => p.bytes.length)) },
  };

  let servers: Servers | undefined;
  let browser: Browser | undefined;
  const results: VariantResult[] = [];
  try {
    servers = await startServers(photos, s.delayMs, await noPrefetchWorker());
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
  meta.loadAverageEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  const targets = evaluate(results);
  const md = markdown(results, targets, s, meta);
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'sw.json'),
    JSON.stringify({ ...meta, settings: { ...s, viewport: VIEWPORT, timeFactor: TIME_FACTOR }, command: `npm run build && ${overrides(s)}npm run bench -- sw`, results, targets }, null, 2) + '\n',
  );
  writeFileSync(path.join(dir, 'sw.md'), md);
  console.log(`\n${md}`);
  log('wrote bench/results/sw.json and bench/results/sw.md');
}
