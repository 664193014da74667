export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'none';

/**
 * The calendar date the photo was taken, as recorded where it was taken: the
 * date part of the ISO string, so a photo from 23:30 in Tokyo is not shown as
 * the day before to a reader in Lisbon.
 */
export function formatPhotoDate(iso: string, lang: string, dateStyle: Exclude<DateStyle, 'none'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle, timeZone: 'UTC' }).format(date);
  } catch {
    // An invalid language tag: the reader's default language.
    return new Intl.DateTimeFormat(undefined, { dateStyle, timeZone: 'UTC' }).format(date);
  }
}
