/**
 * The catalog's ids, sorted, as UTF-8 in one Buffer outside the JavaScript
 * heap: as strings they would be one object each for every full garbage
 * collection to mark, here they are two allocations it never walks, and a
 * request decodes only the one or two ids it needs.
 *
 * The order is code point order, which is the byte order of UTF-8, so the
 * Buffer is searched without decoding. (JavaScript's `<` compares UTF-16 code
 * units, which puts U+E000–U+FFFF after the surrogate pairs of U+10000 and
 * above: a different order for a few unusual names.)
 */
export class SortedIds {
  readonly length: number;
  readonly #bytes: Buffer;
  /** Id i is `#bytes` from `#ends[i - 1]` (0 for the first) to `#ends[i]`. */
  readonly #ends: Uint32Array;

  /** `ids` must already be sorted by `compareCodePoints` (src/format/compare-code-points.ts), without duplicates. */
  constructor(ids: readonly string[]) {
    let total = 0;
    for (const id of ids) total += Buffer.byteLength(id);
    // Not from the shared pool: the catalog keeps this for as long as it lives.
    this.#bytes = Buffer.allocUnsafeSlow(total);
    this.#ends = new Uint32Array(ids.length);
    let used = 0;
    ids.forEach((id, i) => {
      used += this.#bytes.write(id, used);
      this.#ends[i] = used;
    });
    this.length = ids.length;
  }

  /** Id i, or undefined past the end. */
  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    return this.#bytes.toString('utf8', index === 0 ? 0 : this.#ends[index - 1], this.#ends[index]);
  }

  /** The first index whose id is not below `id`. */
  lowerBound(id: string): number {
    const key = Buffer.from(id);
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of `id`, or -1. */
  indexOf(id: string): number {
    const i = this.lowerBound(id);
    return i < this.length && this.#compare(i, Buffer.from(id)) === 0 ? i : -1;
  }

  /** Id i against `key`: negative when it sorts first. */
  #compare(index: number, key: Buffer): number {
    return this.#bytes.compare(key, 0, key.length, index === 0 ? 0 : this.#ends[index - 1], this.#ends[index]);
  }
}
