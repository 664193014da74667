/** The element benchmark's targets, constants and settings, and the command that reproduces a run. */
import { envInt, envOverrides } from './env.ts';

export const GZIP_TARGET = 10 * 1024;
export const TIME_FACTOR = 1.3;
/** photo-change events a CLS page waits for: the first photo and four more (every ratio, then back to the first). */
export const SLIDES = 5;
/** After the last photo-change: its fade-in and the re-render on the image's `load`. */
export const SETTLE_MS = 800;
export const VIEWPORT = { width: 800, height: 900 };

export interface ElementSettings {
  runs: number;
  clsRuns: number;
  delayMs: number;
}

export function elementSettings(): ElementSettings {
  return { runs: envInt('BENCH_ELEMENT_RUNS', 15, 1), clsRuns: envInt('BENCH_ELEMENT_CLS_RUNS', 3, 1), delayMs: envInt('BENCH_ELEMENT_DELAY_MS', 100, 0) };
}

/** The command of a results file's "Reproduce": the environment only where it differs from the defaults. */
export function elementCommand(s: ElementSettings): string {
  const env = envOverrides([
    ['BENCH_ELEMENT_RUNS', s.runs, 15],
    ['BENCH_ELEMENT_CLS_RUNS', s.clsRuns, 3],
    ['BENCH_ELEMENT_DELAY_MS', s.delayMs, 100],
  ]);
  return `npm run build && ${env}npm run bench -- element`;
}
