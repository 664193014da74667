/** The photo API benchmark's targets, judged from its rows. */
import { fmt, int } from './format.ts';
import { ceilingOf, type Row } from './photo-api-row.ts';
import type { PhotoApiSettings } from './photo-api-settings.ts';
import type { Target } from './results-file.ts';

export function photoApiTargets(rows: Row[], s: PhotoApiSettings): Target[] {
  const pf = (n: number) => rows.find((r) => r.kind === 'photo-frame' && r.photos === n);
  const nv = (n: number) => rows.find((r) => r.kind === 'naive' && r.photos === n);
  const ceiling = rows.find((r) => r.kind === 'framework');
  const targets: Target[] = [];

  const p10 = pf(10);
  const p10k = pf(10_000);
  if (p10?.medianMs && p10k?.medianMs) {
    const ratio = p10k.medianMs / p10.medianMs;
    targets.push({
      name: 'Median at 10,000 photos within 1.5x of the 10-photo median',
      met: ratio <= 1.5,
      detail: `${fmt(p10k.medianMs, 3)} ms vs ${fmt(p10.medianMs, 3)} ms: ${fmt(ratio, 2)}x`,
    });
  } else {
    targets.push({ name: 'Median at 10,000 photos within 1.5x of the 10-photo median', met: null, detail: 'not measured (needs sizes 10 and 10000 with completed requests)' });
  }

  const n10k = nv(10_000);
  if (p10k?.medianMs && n10k) {
    if (n10k.medianMs) {
      const speedup = n10k.medianMs / p10k.medianMs;
      targets.push({
        name: 'Median at 10,000 photos at least 20x faster than the naive design',
        met: speedup >= 20,
        detail: `${fmt(p10k.medianMs, 3)} ms vs naive ${fmt(n10k.medianMs, 1)} ms: ${fmt(speedup, 0)}x faster`,
      });
    } else {
      const atLeast = (n10k.seconds * 1000) / p10k.medianMs;
      targets.push({
        name: 'Median at 10,000 photos at least 20x faster than the naive design',
        met: atLeast >= 20,
        detail: `naive completed none in ${n10k.seconds} s: more than ${fmt(atLeast, 0)}x faster`,
      });
    }
  } else {
    targets.push({ name: 'Median at 10,000 photos at least 20x faster than the naive design', met: null, detail: 'not measured' });
  }

  const sized = rows.filter((r) => r.kind === 'photo-frame');
  if (sized.length > 0 && (ceiling?.rps || sized.every((r) => r.adjacentCeilingRps))) {
    const ratio = (r: Row) => r.rps / ceilingOf(r, ceiling);
    const parts = sized.map(
      (r) =>
        `${int(r.photos!)}: ${fmt(r.rps, 0)} vs ${fmt(ceilingOf(r, ceiling), 0)} req/s = ${fmt(ratio(r), 2)}x, ` +
        `CPU ${r.cpuUsPerRequest ?? '–'} vs ${r.adjacentCeilingCpuUsPerRequest ?? ceiling?.cpuUsPerRequest ?? '–'} µs/request` +
        `${r.rounds && r.rounds.length > 1 ? ` (rounds ${r.rounds.map((x) => fmt(x.rps / x.ceilingRps, 2)).join(', ')})` : ''} (${ratio(r) >= 0.8 ? 'met' : 'missed'})`,
    );
    targets.push({
      name: "Throughput at every size at least 0.8x the framework's fixed-JSON ceiling",
      met: sized.every((r) => ratio(r) >= 0.8),
      detail: `each the median of ${s.rounds} round(s), photo-frame against the ceiling measured just before it in the same round; ${parts.join('; ')}`,
    });
  }

  const p100k = pf(100_000);
  if (p100k?.peakRssMB) {
    const small = pf(Math.min(...rows.filter((r) => r.kind === 'photo-frame').map((r) => r.photos!)));
    targets.push({
      name: 'Peak memory with 100,000 photos under 200 MB',
      met: p100k.peakRssMB < 200,
      detail:
        `peak RSS (VmHWM) over the whole run ${fmt(p100k.peakRssMB, 1)} MB (RSS after the run ${fmt(p100k.rssMB, 1)} MB); ` +
        `${fmt(p100k.peakAfterFirstMB, 1)} MB right after the catalog load, before any load` +
        (small && small !== p100k ? `; for scale, at ${int(small.photos!)} photos the same run peaks at ${fmt(small.peakRssMB, 1)} MB` : '') +
        (ceiling ? ` and the framework's fixed-JSON server at ${fmt(ceiling.peakRssMB, 1)} MB` : ''),
    });
  } else {
    targets.push({ name: 'Peak memory with 100,000 photos under 200 MB', met: null, detail: 'not measured (needs size 100000)' });
  }
  return targets;
}
