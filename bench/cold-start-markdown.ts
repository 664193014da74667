/** The cold-start benchmark's rows, target and results as Markdown. */
import { fmt, int } from './format.ts';
import { targetsSection, type Target } from './results-file.ts';
import type { Stats } from './stats.ts';
import type { ColdStartConfig, Sample } from './time-cold-start.ts';

const TARGET_RATIO = 1.3;

export type Kind = 'floor' | 'photo-frame' | 'photo-frame without index';

export interface Row {
  config: ColdStartConfig['name'];
  kind: Kind;
  photos: number | null;
  samples: Sample[];
  stats: Stats | null;
  cpu: Stats | null;
  /** photo-frame rows: the median of this row over the median of the floor runs made alongside it. */
  ratio?: number;
  floorMedian?: number;
  /** photo-frame rows: the same for CPU time. */
  cpuRatio?: number;
  floorCpuMedian?: number;
}

export function coldStartCommand(meta: { memoryCgroup: unknown; rounds: number }): string {
  const env = [
    meta.memoryCgroup ? `BENCH_MEMORY_CGROUP=${process.env.BENCH_MEMORY_CGROUP} ` : '',
    process.env.BENCH_NODE ? `BENCH_NODE=${process.env.BENCH_NODE} ` : '',
    process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${meta.rounds} ` : '',
    process.env.BENCH_SIZES ? `BENCH_SIZES=${process.env.BENCH_SIZES} ` : '',
  ].join('');
  return `npm run build && ${env}npm run bench -- cold-start`;
}

export function coldStartTargets(rows: Row[]): Target[] {
  const deployed = rows.filter((r) => r.config === 'as deployed' && r.kind === 'photo-frame');
  const worst = deployed.reduce<Row | undefined>((w, r) => (w === undefined || (r.ratio ?? Infinity) > (w.ratio ?? Infinity) ? r : w), undefined);
  return [
    {
      name: `first answer within ${TARGET_RATIO}x of the floor at every catalog size, as deployed`,
      met: deployed.length === 0 ? null : deployed.every((r) => r.ratio !== undefined && r.ratio <= TARGET_RATIO),
      detail: deployed.map((r) => `${int(r.photos!)}: ${fmt(r.ratio, 2)}x`).join(', ') + (worst ? ` (worst ${int(worst.photos!)} photos)` : ''),
    },
  ];
}

export function coldStartMarkdown(rows: Row[], targets: Target[], meta: Record<string, unknown> & { serverNode: string; function: string; rounds: number; loadAverages: { start: number; end: number }; memoryCgroup: { limitMiB: number } | null; nodeOptions: Record<string, string>; cores: number; cpu: string; date: string; commit: string; runSeconds: number }): string {
  const lines = [
    '# Cold start',
    '',
    `Spawn to the first \`200\` on \`GET /\`, medians of ${meta.rounds} rounds, photo-frame and the floor alternated. ` +
      `Servers on ${meta.serverNode}; the function from ${meta.function}. ${meta.date}, commit ${meta.commit}, ${meta.cores} × ${meta.cpu}; ` +
      `load average ${meta.loadAverages.start} at the start, ${meta.loadAverages.end} at the end (the machine is shared: absolute times move with it, ratios to the floor much less). ${meta.runSeconds} s.`,
    '',
  ];
  for (const config of ["as deployed", "this machine's defaults"] as const) {
    const ofConfig = rows.filter((r) => r.config === config && r.kind !== 'floor');
    if (ofConfig.length === 0) continue;
    const options = meta.nodeOptions[config] || 'none';
    const limit = config === 'as deployed' ? (meta.memoryCgroup ? `, each server in a ${meta.memoryCgroup.limitMiB} MiB memory cgroup of its own` : ', no memory cgroup (BENCH_MEMORY_CGROUP unset)') : '';
    lines.push(`## ${config[0]!.toUpperCase()}${config.slice(1)}`, '', `NODE_OPTIONS: \`${options}\`${limit}.`, '');
    lines.push(
      '| server | catalog | first answer (median) | range | floor (median) | vs the floor | CPU time, vs the floor\'s | storage requests before the answer |',
      '|---|--:|--:|--:|--:|--:|--:|---|',
    );
    for (const row of ofConfig) {
      const storage = row.samples[0]?.storage ?? {};
      const failed = row.samples.filter((s) => s.error);
      lines.push(
        `| ${row.kind} | ${int(row.photos!)} | ${fmt(row.stats?.median, 0)} ms | ${fmt(row.stats?.min, 0)}–${fmt(row.stats?.max, 0)} ms | ${fmt(row.floorMedian, 0)} ms | ` +
          `${row.ratio === undefined ? '–' : `${fmt(row.ratio, 2)}x`} | ${fmt(row.cpu?.median, 0)} ms, ${row.cpuRatio === undefined ? '–' : `${fmt(row.cpuRatio, 2)}x`} | ${Object.entries(storage).map(([k, n]) => `${n} ${k}`).join(', ') || '–'}` +
          `${failed.length ? `; ${failed.length} failed: ${failed[0]!.error}` : ''} |`,
      );
    }
    lines.push('');
  }
  lines.push(...targetsSection(targets), `Reproduce: \`${coldStartCommand(meta as never)}\``, '');
  return lines.join('\n');
}
