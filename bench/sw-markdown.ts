/** The service worker benchmark's results as Markdown. */
import { fmt, int } from './format.ts';
import type { BrowserRunMeta } from './machine.ts';
import { notesSection, reproduceSection, targetsSection, type Target } from './results-file.ts';
import type { Kind } from './sw-servers.ts';
import { KINDS, type VariantResult } from './sw-summary.ts';
import { swCommand, type SwSettings } from './sw-variants.ts';

const bytesCell = (b: Partial<Record<Kind, number>>) => {
  const parts = KINDS.filter((k) => (b[k] ?? 0) > 0).map((k) => `${k} ${int(b[k]!)}`);
  return parts.length ? `${parts.join(', ')} (total ${int(Object.values(b).reduce((a, x) => a + (x ?? 0), 0))})` : 'none';
};

export interface SwMeta extends BrowserRunMeta {
  photos: number;
  photoBytes: { min: number; max: number };
}

export function swMarkdown(results: VariantResult[], targets: Target[], s: SwSettings, meta: SwMeta): string {
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
    ...targetsSection(targets),
    ...notesSection([
      `${ratios.join('; ')}.`,
      `Where the repeat visits' API answers came from (\`X-Photo-Frame-Source\`): ${sources.join('; ')}. \`prefetch\`: the pick fetched ahead during the previous visit (its image cached with it), served at once; \`network\`: the API itself (network first).`,
      'A repeat visit shows a photo the reader has not seen (the element excludes the recent ones), so without the worker it waits for the API (no-store) and then downloads a new image: ' +
        'two round trips and the whole image. The worker without prefetch cannot do better (the new photo is not in its cache; it adds its own overhead on top). ' +
        'With the defaults the worker answers the API with the pick it fetched ahead during the previous visit, whose image it cached then, so the photo shows after the page, ' +
        'the script (stale-while-revalidate) and the decode, and the servers\' work (the image\'s revalidation, the next pick ahead) happens after it.',
      'With `seed` the photo is the same on every visit: without the worker the image is revalidated (a 304 after the delay) after the API answered; with it the image comes ' +
        'from Cache Storage at once (revalidated in the background) and only the API round trip remains (a seeded request is never answered ahead).',
      'Bytes are the response bodies the two servers sent, from their own logs, split at the moment the page reported the photo decoded (`photo-change`); 304s count 0. ' +
        '"After" is the background work of the visit, measured until it settled.',
      ...(failures.length ? [`Failed runs (left out): ${failures.join('; ')}.`] : []),
      `1-minute load average ${fmt(meta.loadAverage, 2)} at the start and ${fmt(meta.loadAverageEnd, 2)} at the end, on ${meta.cores} cores (the machine may be shared). Run time ${fmt(meta.runSeconds, 0)} s.`,
    ]),
    ...reproduceSection(swCommand(s)),
  ].join('\n');
}
