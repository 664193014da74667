/**
 * Deterministic, realistic photo records for the benchmarks: album folders
 * like `2024/trip-07/IMG_01234.jpg`, a ~40-character caption, a ~60-character
 * alt text, an ISO date with its offset, a 28-character placeholder and two
 * variants, as `photo-frame upload` would publish them.
 */
import type { Photo } from '../src/contract.ts';
import { encodeObjectPath } from '../src/function/photo-store.ts';
import type { PhotoRecord } from '../src/format/photo-record.ts';
import { seededRandom } from '../test/support/seeded-random.ts';

export const BENCH_BUCKET = 'bench-photos';

/** Photos per album folder. */
const PER_ALBUM = 100;

const SIZES: ReadonlyArray<readonly [number, number]> = [
  [4032, 3024],
  [3024, 4032],
  [1600, 1067],
  [1067, 1600],
  [2000, 1333],
  [1920, 1080],
];
const OFFSETS = ['+02:00', '+01:00', '-05:00', '+09:00', '-08:00', '+05:30'];
const WORDS = (
  'harbour lake ridge dunes evening light morning fog quiet street old town market square ' +
  'boats moored stone quay pine forest trail summit snow glacier river bend bridge lanterns ' +
  'festival crowd beach sunset tide pools cliffs lighthouse vineyard terraces autumn leaves'
).split(' ');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Words up to about `length` characters, capitalised. */
function sentence(random: () => number, length: number): string {
  let out = '';
  while (out.length < length - 4) out += (out ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)];
  out = out.slice(0, length).trimEnd();
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Photo number `i` (0-based) of a benchmark bucket. */
export function makeRecord(i: number): PhotoRecord {
  const random = seededRandom(i + 1);
  const album = Math.floor(i / PER_ALBUM);
  const year = 2015 + (album % 10);
  const folder = `${year}/trip-${pad(Math.floor(album / 10))}`;
  const base = `${folder}/IMG_${pad(i, 5)}`;
  const [width, height] = SIZES[Math.floor(random() * SIZES.length)]!;
  const date =
    `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}` +
    `T${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}` +
    OFFSETS[Math.floor(random() * OFFSETS.length)];
  let placeholder = '';
  for (let k = 0; k < 28; k++) placeholder += B64[Math.floor(random() * 64)];
  return {
    id: `${base}.jpg`,
    width,
    height,
    caption: sentence(random, 40),
    alt: sentence(random, 60),
    date,
    placeholder,
    variants: [
      { name: `_photo-frame/variants/${base}-640.webp`, width: 640, type: 'image/webp' },
      { name: `_photo-frame/variants/${base}-1280.webp`, width: 1280, type: 'image/webp' },
    ],
  };
}

/** The answer `GET /` gives for a record, with public URLs under `publicBase` (e.g. `http://127.0.0.1:PORT/bucket`). */
export function toAnswer(record: PhotoRecord, publicBase: string): Photo {
  const { variants, ...rest } = record;
  const photo: Photo = { ...rest, url: `${publicBase}/${encodeObjectPath(record.id)}` };
  if (variants) photo.variants = variants.map((v) => ({ url: `${publicBase}/${encodeObjectPath(v.name)}`, width: v.width, type: v.type }));
  return photo;
}

/** The fixed body the ceiling servers answer: a typical photo answer, so sizes match. */
export function fixedAnswerJson(): string {
  return JSON.stringify(toAnswer(makeRecord(12_345), `http://127.0.0.1:40000/${BENCH_BUCKET}`));
}
