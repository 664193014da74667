/**
 * A stored text field as the format keeps it: trimmed and at most `max`
 * characters; undefined for anything else (a number, blank text).
 */
export const cleanText = (value: unknown, max = 4096): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
