// The photos the test photo API answers with (test-photo-api.mjs): the `ok` scenario's
// rotation and the special scenarios' photos. `src` is the image path under /test-api/img/.
import { rgbaToThumbHash } from 'thumbhash';

/** A ThumbHash (base64) of a w×h linear gradient between two RGB colours. */
function gradientThumbHash(w, h, [r0, g0, b0], [r1, g1, b1]) {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = (x / (w - 1) + y / (h - 1)) / 2;
      const i = (y * w + x) * 4;
      rgba[i] = Math.round(r0 + (r1 - r0) * t);
      rgba[i + 1] = Math.round(g0 + (g1 - g0) * t);
      rgba[i + 2] = Math.round(b0 + (b1 - b0) * t);
      rgba[i + 3] = 255;
    }
  }
  return Buffer.from(rgbaToThumbHash(w, h, rgba)).toString('base64');
}

/**
 * The photos of the `ok` scenario, in rotation order. `src` is the image path
 * under /test-api/img/; `url` is made absolute per request (from its Host).
 */
export const FIXTURES = [
  {
    // 3:2, caption + alt, a date whose UTC date is the day before (May 31, 22:30Z).
    id: 'harbour.jpg',
    src: '1500x1000/steelblue',
    width: 1500,
    height: 1000,
    caption: 'Boats in the harbour at dawn',
    alt: 'Fishing boats moored in a calm harbour, pink sky',
    date: '2024-06-01T00:30:00+02:00',
    placeholder: gradientThumbHash(30, 20, [40, 70, 120], [240, 160, 170]),
  },
  {
    // 2:3, caption only (alt falls back to it), a date whose UTC date is the day after.
    id: 'forest/pine.jpg',
    src: '1000x1500/seagreen',
    width: 1000,
    height: 1500,
    caption: 'A tall pine',
    date: '2023-12-24T23:45:00-05:00',
    placeholder: gradientThumbHash(20, 30, [20, 80, 40], [200, 220, 180]),
  },
  {
    // 1:1, alt only, date without a time, no placeholder.
    id: 'square.png',
    src: '800x800/crimson',
    width: 800,
    height: 800,
    alt: 'A red square',
    date: '2022-02-28',
  },
  {
    // 16:9, caption, no date.
    id: 'forest/valley.jpg',
    src: '1600x900/goldenrod',
    width: 1600,
    height: 900,
    caption: 'The valley from the ridge',
    placeholder: gradientThumbHash(32, 18, [200, 160, 40], [60, 90, 160]),
  },
];

/** The photos of the scenarios named after them (markup, broken-image, offline, long, slow-image, variants). */
export const SPECIAL = {
  markup: {
    id: 'markup.jpg',
    src: '1200x800/slategray',
    width: 1200,
    height: 800,
    caption: '<img src=x onerror="window.__xss=1">',
    alt: '<b>bold</b>',
    date: '2024-01-15T10:00:00Z',
  },
  'broken-image': {
    id: 'broken.jpg',
    src: 'missing',
    width: 1200,
    height: 800,
    caption: 'This image does not load',
    date: '2024-03-03T10:00:00Z',
  },
  offline: {
    id: 'offline.jpg',
    src: '1200x800/darkorange',
    width: 1200,
    height: 800,
    caption: 'Kept for offline reading',
    date: '2024-04-04T10:00:00Z',
    offline: true,
  },
  long: {
    id: 'long.jpg',
    src: '1200x800/rebeccapurple',
    width: 1200,
    height: 800,
    caption:
      'שקיעה מעל הים התיכון, צולם מהמרפסת של בית הסבתא בחיפה בערב קיץ ארוך וחם. ' +
      'غروب الشمس فوق البحر الأبيض المتوسط، من شرفة بيت الجدة في حيفا في مساء صيفي طويل. '.repeat(4) +
      'Supercalifragilisticexpialidocious'.repeat(6),
    date: '2024-08-08T20:00:00+03:00',
  },
  'slow-image': {
    // The harbour photo whose image takes 1.5 s: its placeholder shows meanwhile.
    ...FIXTURES[0],
    id: 'slow-image.jpg',
    src: '1500x1000/steelblue?delay=1500',
  },
  variants: {
    id: 'variants.jpg',
    src: '1500x1000/teal',
    width: 1500,
    height: 1000,
    caption: 'Three sizes',
    date: '2024-05-05T10:00:00Z',
    variants: [
      { src: '400x267/teal', width: 400, type: 'image/png' },
      { src: '800x533/teal', width: 800, type: 'image/png' },
      { src: '1200x800/teal', width: 1200, type: 'image/png' },
    ],
  },
};
