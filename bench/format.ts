/** How measurements are written in results tables. */

/** A measurement: fixed digits, or – when there is none. */
export const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);

/** A count with thousands separators. */
export const int = (n: number): string => n.toLocaleString('en-US');

/** A benchmark's log: each line starts with its name. */
export const logger =
  (bench: string) =>
  (message: string): void =>
    console.log(`[${bench}] ${message}`);
