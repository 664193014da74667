/** The element benchmark's results as Markdown: a summary, then layout shift, timing and bundle tables. */
import type { ClsResult, Snapshot } from './element-cls.ts';
import { elementNotes } from './element-notes.ts';
import { elementCommand, GZIP_TARGET, SLIDES, TIME_FACTOR, type ElementSettings } from './element-settings.ts';
import { BUNDLE, type BundleSize } from './element-size.ts';
import type { TimingKind, TimingResult } from './element-timing.ts';
import { fmt, int, kb } from './format.ts';
import type { BrowserRunMeta } from './machine.ts';
import { notesSection, reproduceSection, targetsSection, type Target } from './results-file.ts';
import type { Stats } from './stats.ts';

export interface ElementMeta extends BrowserRunMeta {
  sourcesChanged: string[];
  images: { name: string; width: number; height: number; bytes: number }[];
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
  const labels: Record<TimingKind, string> = { element: '`<photo-frame>`: connection → `photo-change` (image decoded)', img: 'plain `<img>`: `src` set → `decode()` resolved', api: 'API round trip: `fetch` → JSON parsed' };
  for (const kind of ['element', 'img', 'api'] as TimingKind[]) {
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

export function elementMarkdown(size: BundleSize, cls: ClsResult[], timing: TimingResult, targets: Target[], s: ElementSettings, meta: ElementMeta): string {
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
    ...targetsSection(targets),
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
    ...notesSection(elementNotes(size, cls, timing, s, meta)),
    ...reproduceSection(elementCommand(s)),
  ].join('\n');
}
