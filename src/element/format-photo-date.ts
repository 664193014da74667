export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'none';

/**
 * The calendar date the photo was taken, as recorded where it was taken: the
 * date part of the ISO string, so a photo from 23:30 in Tokyo is not shown as
 * the day before to a reader in Lisbon.
 */
export function formatPhotoDate(iso: string, lang: string, dateStyle: Exclude<DateStyle, 'none'>): string {
  // No date part reads as "nullT00:00Z": an invalid date, so no date shown.
  const date = new Date(`${/^\d{4}-\d{2}-\d{2}/.exec(iso)}T00:00Z`);
  const options = { dateStyle, timeZone: 'UTC' } as const;
  if (Number.isNaN(date.getTime())) return '';
  try {
    return date.toLocaleDateString(lang || undefined, options);
  } catch {
    // An invalid language tag: the reader's default language.
    return date.toLocaleDateString(undefined, options);
  }
}
