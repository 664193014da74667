/** The service worker benchmark's runs summarised per variant, and its targets. */
import { fmt, int } from './format.ts';
import type { Target } from './results-file.ts';
import { stats, type Stats } from './stats.ts';
import type { Kind } from './sw-servers.ts';
import { TIME_FACTOR, type Variant, type VariantName } from './sw-variants.ts';
import type { Run } from './sw-visits.ts';

export interface VariantResult {
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

export const KINDS: Kind[] = ['page', 'script', 'worker', 'api', 'image', 'other'];

export function summarise(variant: Variant, runs: Run[]): VariantResult {
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

export function swTargets(results: VariantResult[]): Target[] {
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
