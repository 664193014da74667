export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'none';

/**
 * The calendar date the photo was taken, as recorded where it was taken: the
 * date part of the ISO string, so a photo from 23:30 in Tokyo is not shown as
 * the day before to a reader in Lisbon.
 */
export function formatPhotoDate(iso: string, lang: string, dateStyle: Exclude<DateStyle, 'none'>): string {
  // The calendar day must read back as written ("2024-02-30" would roll over
  // to March 1, "2024-13-45" is invalid) and the whole string must be a date
  // (not "2024-06-01garbage"): else no date is shown, and no <time> carries it.
  const day = iso.slice(0, 10);
  const date = new Date(`${day}T00:00Z`);
  const options = { dateStyle, timeZone: 'UTC' } as const;
  if (date.toJSON()?.slice(0, 10) !== day || isNaN(Date.parse(iso))) return '';
  try {
    return date.toLocaleDateString(lang || undefined, options);
  } catch {
    // An invalid language tag: the reader's default language.
    return date.toLocaleDateString(undefined, options);
  }
}
