/**
 * The contract's rule for the photographer's details (`PhotoDetails`): what
 * each may be, and the check that keeps only those. Environment-neutral, like
 * src/contract.ts, and a module of its own so that only what shows the details
 * loads it: the element's entry file carries contract.ts, and a module shared
 * by the entry and a lazily loaded chunk would become a third file (see
 * scripts/build-bundle.ts).
 */
import type { PhotoDetails } from './contract.js';

/** What each detail may be: text of at most `textLength` characters, numbers within [least, most]. */
export const DETAIL_LIMITS = {
  textLength: 100,
  focalLength: [0.1, 10_000],
  aperture: [0.3, 1_000],
  exposureTime: [0.000_001, 86_400],
  iso: [1, 10_000_000],
} as const;

/** The details' fields, in the order the API writes them and the frame shows them. */
export const DETAIL_FIELDS = ['camera', 'lens', 'focalLength', 'aperture', 'exposureTime', 'iso'] as const;

/** Control characters, bidi controls (which would reorder the rest of the line) and lone surrogates (no UTF-8 form). */
const HIDDEN = /[\p{Cc}\p{Bidi_Control}\p{Cs}]/u;

/**
 * The details of an untrusted photo (an API answer, a stored record), each
 * kept only when it is what the contract says: text of 1 to 100 characters
 * that reads as written (no control character, no bidi control), or a number
 * within DETAIL_LIMITS (the ISO a whole one). Not part of `isPhoto`: a bad
 * detail is dropped, never the photo.
 */
export function photoDetails(photo: object): PhotoDetails {
  const details: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) {
    const value = (photo as Record<string, unknown>)[field];
    const ok =
      field === 'camera' || field === 'lens'
        ? typeof value === 'string' && value.trim() !== '' && value.length <= DETAIL_LIMITS.textLength && !HIDDEN.test(value)
        : typeof value === 'number' && value >= DETAIL_LIMITS[field][0] && value <= DETAIL_LIMITS[field][1] && (field !== 'iso' || Number.isInteger(value));
    if (ok) details[field] = value;
  }
  return details as PhotoDetails;
}
