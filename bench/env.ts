/** Benchmark settings from the environment (BENCH_…): read, checked, and written back for a "Reproduce" line. */

/** A whole-number setting, or its default; anything else stops the benchmark. */
export function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw} must be a whole number of at least ${min}`);
  return n;
}

/** A duration in seconds (fractions allowed), or its default. */
export function envSeconds(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a number of seconds`);
  return n;
}

/** The catalog sizes to measure: BENCH_SIZES, a comma-separated list. */
export function envSizes(fallback = '10,1000,10000,100000'): number[] {
  const sizes = (process.env.BENCH_SIZES || fallback).split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SIZES=${process.env.BENCH_SIZES} must list whole numbers`);
  return sizes;
}

/** `NAME=value ` for each setting that differs from its default: what a reproduction needs. */
export function envOverrides(settings: Array<[name: string, value: string | number, fallback: string | number]>): string {
  return settings
    .filter(([, value, fallback]) => value !== fallback)
    .map(([name, value]) => `${name}=${value} `)
    .join('');
}
