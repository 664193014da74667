import { isoDate } from './iso-date.js';

/**
 * An EXIF date ("2024:06:01 18:30:00") with its offset ("+02:00") as ISO 8601.
 * Without an offset it stays local time, as the camera recorded it.
 */
export function exifDate(value: unknown, offset?: unknown): string | undefined {
  const m = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) return undefined;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  return isoDate(typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? local + offset : local);
}
