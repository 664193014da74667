/** What the service worker benchmark compares: its variants, the blog page each serves, and the run's settings. */
import { envInt, envOverrides } from './env.ts';

/** The worker's repeat visit at most this fraction of the HTTP cache's. */
export const TIME_FACTOR = 0.3;
export const VIEWPORT = { width: 900, height: 700 };

export type VariantName = 'worker' | 'worker-no-prefetch' | 'http-cache' | 'worker-same-photo' | 'http-cache-same-photo';
export interface Variant {
  name: VariantName;
  label: string;
  worker?: string;
  seed?: boolean;
}
/**
 * The first three show a new photo on every visit, as the element does (recently seen ids are
 * excluded). The last two ask with `seed` (a photo of the day): the same photo on every visit,
 * which the worker never fetches ahead: what the image cache alone saves.
 */
export const VARIANTS: Variant[] = [
  { name: 'worker', label: 'worker (dist/photo-frame-sw.js, defaults)', worker: '/photo-frame-sw.js' },
  { name: 'worker-no-prefetch', label: 'worker with `prefetch: false` (network first only)', worker: '/photo-frame-sw-no-prefetch.js' },
  { name: 'http-cache', label: 'HTTP cache only (no worker)' },
  { name: 'worker-same-photo', label: 'same photo every visit (`seed`): worker', worker: '/photo-frame-sw.js', seed: true },
  { name: 'http-cache-same-photo', label: 'same photo every visit (`seed`): HTTP cache only', seed: true },
];

export interface SwSettings {
  runs: number;
  visits: number;
  delayMs: number;
}

export function swSettings(): SwSettings {
  return { runs: envInt('BENCH_SW_RUNS', 5, 1), visits: envInt('BENCH_SW_VISITS', 3, 1), delayMs: envInt('BENCH_SW_DELAY_MS', 150, 0) };
}

/** The command of a results file's "Reproduce": the environment only where it differs from the defaults. */
export function swCommand(s: SwSettings): string {
  const env = envOverrides([
    ['BENCH_SW_RUNS', s.runs, 5],
    ['BENCH_SW_VISITS', s.visits, 3],
    ['BENCH_SW_DELAY_MS', s.delayMs, 150],
  ]);
  return `npm run build && ${env}npm run bench -- sw`;
}

export function variantPage(variant: Variant, api: string): string {
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
