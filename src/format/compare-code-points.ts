/**
 * The order of photo ids wherever they are listed (the API's catalog and
 * `GET /photos`, the worker's offline list): code point order, which is the
 * byte order of their UTF-8, as Cloud Storage lists names. JavaScript's `<`
 * compares UTF-16 code units, which agree except where one side is a
 * surrogate (part of a code point above U+FFFF) and the other is not: there
 * the surrogate's code point is the larger, though its code unit is below
 * U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  const xSurrogate = x >= 0xd800 && x <= 0xdfff;
  const ySurrogate = y >= 0xd800 && y <= 0xdfff;
  if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
  return x - y;
}
