/** The element benchmark's targets: bundle size, layout shift and time to the decoded photo. */
import type { ClsResult } from './element-cls.ts';
import { GZIP_TARGET, SETTLE_MS, SLIDES, TIME_FACTOR } from './element-settings.ts';
import { BUNDLE, type BundleSize } from './element-size.ts';
import type { TimingResult } from './element-timing.ts';
import { fmt, int, kb } from './format.ts';
import type { Target } from './results-file.ts';

export function elementTargets(size: BundleSize, cls: ClsResult[], timing: TimingResult): Target[] {
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

export function describeFailures(v: ClsResult): string {
  return v.runs
    .map((r, i) => (r.error ? `run ${i + 1}: ${r.error}` : r.errors.length ? `run ${i + 1}: photo-error ${r.errors.map((e) => e.code).join(',')}` : r.changes.length < SLIDES ? `run ${i + 1}: ${r.changes.length} photos` : ''))
    .filter(Boolean)
    .join('; ');
}
