import { cleanText } from './clean-text.js';

/** A date the contract can carry: ISO 8601 that parses; anything else is dropped. */
export function isoDate(value: unknown): string | undefined {
  const s = cleanText(value, 64);
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}/.test(s) || Number.isNaN(Date.parse(s))) return undefined;
  return s;
}
