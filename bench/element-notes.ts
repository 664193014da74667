/** The element benchmark's notes: where the bytes, the shifts and the time go. */
import type { ClsResult, ClsRun } from './element-cls.ts';
import type { ElementMeta } from './element-markdown.ts';
import { SETTLE_MS, SLIDES, VIEWPORT, type ElementSettings } from './element-settings.ts';
import { BUNDLE, type BundleSize } from './element-size.ts';
import type { TimingResult } from './element-timing.ts';
import { fmt, int } from './format.ts';

export function elementNotes(size: BundleSize, cls: ClsResult[], timing: TimingResult, s: ElementSettings, meta: ElementMeta): string[] {
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
