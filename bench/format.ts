/** How figures are written: in results tables and in a benchmark's log. */

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

/** A size in KB of 1,024 bytes, two decimals. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

/** A figure rounded to `digits` decimals, kept a number for the JSON. */
export const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;
