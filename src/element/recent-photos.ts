import { recentAfter } from '../contract.js';

/** How many recently seen ids are remembered (and sent as `exclude`). */
export const RECENT_LIMIT = 20;
const KEY = 'photo-frame:recent';

/**
 * The photos seen in the current round, most recent last: shared by every
 * frame on the site and kept across visits, and sent as `exclude`, so a reader
 * sees every photo of an album before any comes back, and never the same one
 * twice in a row. Storage may be unavailable (private modes, blocked cookies):
 * then it is only in memory.
 *
 * What the limit means: an album of more than RECENT_LIMIT photos is never
 * covered, so no photo comes back before RECENT_LIMIT others have shown, but
 * there are no rounds (just above the limit, the order settles into nearly a
 * cycle). Frames of other albums on the site share the list: their ids take
 * room, and a new round of one album starts the list again for all.
 */
export class RecentPhotos {
  #memory: string[] = [];

  list(): string[] {
    try {
      const text = localStorage.getItem(KEY);
      if (text !== null) {
        const stored: unknown = JSON.parse(text);
        if (Array.isArray(stored)) return stored.filter((id): id is string => typeof id === 'string').slice(-RECENT_LIMIT);
      }
    } catch {
      // Fall through to memory.
    }
    return [...this.#memory];
  }

  /** Remembers `id` as on show; `excluded` is what its request excluded (src/contract.ts, src/format/pick-unseen.ts). */
  add(id: string, excluded: readonly string[] = []): void {
    const ids = recentAfter(this.list(), id, excluded, RECENT_LIMIT);
    this.#memory = ids;
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      // Quota or disabled storage: memory will do.
    }
  }
}
