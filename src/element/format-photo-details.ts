import type { Photo } from '../contract.js';
import { photoDetails } from '../photo-details.js';

/**
 * In a first-strong isolate (FSI … PDI): a camera or lens named in a
 * right-to-left script keeps its own direction and cannot reorder the rest of
 * the line around it.
 */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** At most one decimal, none when whole: 2.8, 23, 18.5. */
const decimal = (value: number) => String(Math.round(value * 10) / 10);

/** As cameras show it: a fraction up to a quarter second (1/500), then seconds (0.3, 2.5, 30). */
const exposure = (seconds: number) => (seconds <= 0.25 ? `1/${Math.round(1 / seconds)}` : decimal(seconds));

/**
 * The photographer's details in one line, as the frame's `details` line and
 * the full-size view show them: `X100V · 23 mm · ƒ/2 · 1/500 s · ISO 160`
 * (camera, lens, focal length, aperture, exposure time, ISO, each when the
 * photo has it; a number and its unit joined by a no-break space); '' when it
 * has none. The answer is untrusted: a detail the contract refuses is left out.
 */
export function formatPhotoDetails(photo: Photo): string {
  const { camera, lens, focalLength, aperture, exposureTime, iso } = photoDetails(photo);
  return [
    camera && isolate(camera),
    lens && isolate(lens),
    focalLength && `${decimal(focalLength)}\u00a0mm`,
    aperture && `ƒ/${decimal(aperture)}`,
    exposureTime && `${exposure(exposureTime)}\u00a0s`,
    iso && `ISO\u00a0${iso}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
