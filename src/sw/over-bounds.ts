/**
 * The rule that bounds a cache (cache-bounds.ts), as pure functions so that
 * Node tests can check it.
 */

export interface Bounds {
  maxEntries: number;
  maxAgeSeconds: number;
}

/**
 * The entries to delete: `urls` is the cache's list (written longest ago
 * first), `writtenAt` the time of each write (an entry whose time is unknown
 * is not deleted for its age).
 */
export function overBounds(urls: readonly string[], writtenAt: ReadonlyMap<string, number>, bounds: Bounds, now: number): string[] {
  const excess = urls.length - bounds.maxEntries;
  return urls.filter((url, i) => i < excess || tooOld(writtenAt.get(url), bounds, now));
}

/** Whether an entry written at `at` (undefined: unknown) is past `maxAgeSeconds`. */
export function tooOld(at: number | undefined, bounds: Bounds, now: number): boolean {
  return at !== undefined && at < now - bounds.maxAgeSeconds * 1000;
}
