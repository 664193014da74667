/** Median, nearest-rank p90, extremes and count of some samples; null without any. */
export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { n: sorted.length, median, p90: sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]!, min: sorted[0]!, max: sorted.at(-1)! };
}
