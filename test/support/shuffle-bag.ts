/**
 * What a reader going through an album photo after photo must see, by the
 * rule of src/format/pick-unseen.ts: shared by the Node tests (the API over
 * HTTP, the worker's offline pick) and the browser tests (the element, the
 * test photo API). Pure: no Node or DOM globals.
 */
import { recentAfter } from '../../src/contract.js';

/** The album sizes every test goes through: 1, 2, 3, the element's list size (20) and one more. */
export const ALBUM_SIZES = [1, 2, 3, 20, 21] as const;

/** How many photos a run shows for an album of `size`: enough full rounds for the checks below. */
export const runLength = (size: number): number => size * Math.max(4, Math.ceil(60 / size));

/**
 * Shows `count` photos as the element does: each request excludes the round
 * so far (at most `limit` ids), and the answer updates it (recentAfter).
 */
export async function readAlbum(count: number, limit: number, pick: (exclude: readonly string[]) => string | Promise<string>): Promise<string[]> {
  let recent: string[] = [];
  const shown: string[] = [];
  for (let i = 0; i < count; i++) {
    const exclude = recent;
    const id = await pick(exclude);
    recent = recentAfter(recent, id, exclude, limit);
    shown.push(id);
  }
  return shown;
}

/**
 * What is wrong with the photos `shown` one after another from `album` by a
 * reader who remembers `limit` of them, starting with nothing remembered:
 * nothing (an empty list) when
 * - every photo is of the album, and none follows itself (two photos or more);
 * - an album of at most `limit` photos goes in rounds: each run of `album.length`
 *   photos from the start shows every photo once, and (three photos or more)
 *   neither all rounds in the same order, nor all beginning with the same photo;
 * - a larger album never brings a photo back within `limit` photos, and shows every photo.
 * A run too short to tell is a problem too, never a silent pass.
 */
export function roundProblems(shown: readonly string[], album: readonly string[], limit: number): string[] {
  const problems: string[] = [];
  const n = album.length;
  const members = new Set(album);
  shown.forEach((id, i) => {
    if (!members.has(id)) problems.push(`photo ${i} (${id}) is not in the album`);
    if (n >= 2 && i > 0 && id === shown[i - 1]) problems.push(`photo ${i} (${id}) is the one before it again`);
  });
  if (n <= limit) {
    const rounds: string[][] = [];
    for (let i = 0; i + n <= shown.length; i += n) rounds.push(shown.slice(i, i + n));
    if (rounds.length < 4) problems.push(`only ${rounds.length} full rounds: too short a run to tell`);
    rounds.forEach((round, j) => {
      if (new Set(round).size !== n) problems.push(`round ${j + 1} (${round.join(' ')}) does not show every photo once`);
    });
    if (n >= 3 && new Set(rounds.map((r) => r.join(' '))).size < 2) problems.push(`all ${rounds.length} rounds came in the same order`);
    // A new round may begin with any photo but the last one shown: not always with the one the round before began with.
    if (n >= 3 && rounds.every((r, j) => j === 0 || r[0] === rounds[j - 1]![0])) problems.push('every round began with the same photo');
  } else {
    shown.forEach((id, i) => {
      const back = shown.slice(Math.max(0, i - limit), i).lastIndexOf(id);
      if (back >= 0) problems.push(`photo ${i} (${id}) came back after ${Math.min(i, limit) - back - 1} others`);
    });
    const missing = album.filter((id) => !shown.includes(id));
    if (missing.length > 0) problems.push(`never shown: ${missing.join(' ')}`);
    if (shown.length < 2 * n) problems.push(`${shown.length} photos: too short a run to tell`);
  }
  return problems;
}
