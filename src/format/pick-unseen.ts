/**
 * Which photo of an album a pick may give, the one rule the photo API and the
 * service worker's offline pick share. It reads as a shuffle bag:
 *
 * - The client excludes the photos it has shown in the current round, most
 *   recent last, the photo on show last of all. A pick is uniform among the
 *   album's photos that are not excluded.
 * - When the exclusions cover the album, the round is over: only the newest
 *   one (the photo on show) is still avoided, so the pick is uniform among the
 *   other N − 1 and is the first photo of a new round.
 * - The client sees that (the answer is one it had excluded) and starts its
 *   list again from that photo (recentAfter in src/contract.ts), so the rest
 *   of the round excludes this round only. Each round shows every photo once, in a new random order, and no
 *   photo ever follows itself (N ≥ 2).
 *
 * Exclusions that are not in the album (another album's photos, deleted ones)
 * count for nothing.
 *
 * @param count The album's size, at least 1; its photos are positions 0 … count − 1.
 * @param excluded The excluded photos' positions in the order of `exclude`
 *   (most recent last); repeats, and positions outside the album, are ignored.
 * @param random A uniform integer in [0, max).
 * @returns The picked photo's position. O(e log e) for e exclusions, whatever the album's size.
 */
export function pickUnseen(count: number, excluded: readonly number[], random: (max: number) => number): number {
  if (excluded.length === 0) return random(count);
  const avoided = new Set<number>();
  let newest: number | undefined;
  for (const p of excluded) {
    if (!(Number.isInteger(p) && p >= 0 && p < count)) continue;
    avoided.add(p);
    newest = p;
  }
  if (avoided.size === count) {
    avoided.clear();
    // An album of one photo can only show it again.
    if (count > 1) avoided.add(newest!);
  }
  const skip = [...avoided].sort((a, b) => a - b);
  // The k-th position that is not skipped.
  let position = random(count - skip.length);
  for (const s of skip) if (s <= position) position++;
  return position;
}
