// A bucket's objects, with their names kept in the order Cloud Storage lists them.
import type { Hashes } from './object-hashes.js';

// `data` is kept by reference (seeding 100k objects from one shared buffer stays cheap: do not
// mutate it afterwards); `hashes` are computed on first use (object-hashes.ts).
export interface StoredObject {
  name: string; data: Buffer; contentType: string; cacheControl?: string; metadata: Record<string, string>;
  generation: number; metageneration: number; timeCreated: string; updated: string; hashes?: Hashes;
}

/** One page of a list: the objects, the prefixes a delimiter grouped, and where the next page starts. */
export interface ListPage { items: StoredObject[]; prefixes: string[]; nextPageToken?: string }

// GCS orders names by UTF-8 bytes, i.e. by code point. UTF-16 code units agree except that
// surrogates (code points >= U+10000) must rank above U+E000..U+FFFF.
const rank = (u: number) => (u >= 0xd800 && u <= 0xdfff ? u + 0x10000 : u);
function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}
/** First index at or after `lo` where `before` turns false (`before` must be true-then-false). */
function partition(arr: string[], lo: number, before: (s: string) => boolean): number {
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(arr[mid]!)) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export class Bucket {
  readonly created = new Date().toISOString();
  readonly objects = new Map<string, StoredObject>();
  private readonly sorted: string[] = [];
  private dirty = false;

  constructor(readonly name: string) {}

  /** Names stay sorted lazily: appends in order keep them clean, anything else sorts once on the next list. */
  names(): string[] {
    if (this.dirty) { this.sorted.sort(compareNames); this.dirty = false; }
    return this.sorted;
  }

  set(o: StoredObject): void {
    if (!this.objects.has(o.name)) {
      const last = this.sorted[this.sorted.length - 1];
      this.sorted.push(o.name);
      if (last !== undefined && compareNames(last, o.name) > 0) this.dirty = true;
    }
    this.objects.set(o.name, o);
  }

  delete(name: string): void {
    if (!this.objects.delete(name)) return;
    const names = this.names();
    names.splice(partition(names, 0, (s) => compareNames(s, name) < 0), 1);
  }

  /** One page in O(page size + log n): binary search to the start, walk the sorted names. */
  page(q: Record<string, string>): ListPage {
    const names = this.names();
    const prefix = q.prefix ?? '';
    const delimiter = q.delimiter || '';
    const max = Math.min(Math.max(Number(q.maxResults) || 1000, 1), 1000);
    let from = prefix;
    for (const key of [q.startOffset, q.pageToken && Buffer.from(q.pageToken, 'base64url').toString('utf8')]) {
      if (key && compareNames(key, from) > 0) from = key;
    }
    const inRange = (n: string) => n.startsWith(prefix) && (!q.endOffset || compareNames(n, q.endOffset) < 0);
    const items: StoredObject[] = [];
    const prefixes: string[] = [];
    let nextPageToken: string | undefined;
    let i = partition(names, 0, (s) => compareNames(s, from) < 0);
    while (i < names.length && inRange(names[i]!)) {
      const name = names[i]!;
      if (items.length + prefixes.length >= max) { nextPageToken = Buffer.from(name).toString('base64url'); break; }
      const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
      if (cut < 0) { items.push(this.objects.get(name)!); i++; continue; }
      const p = name.slice(0, cut + delimiter.length);
      prefixes.push(p);
      i = partition(names, i, (s) => s.startsWith(p) || compareNames(s, p) < 0); // skip the whole group
    }
    return { items, prefixes, ...(nextPageToken && { nextPageToken }) };
  }
}
