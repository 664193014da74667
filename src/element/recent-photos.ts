/** How many recently seen ids are remembered (and sent as `exclude`). */
export const RECENT_LIMIT = 20;
const KEY = 'photo-frame:recent';

/**
 * Recently seen photo ids, shared by every frame on the site and kept across
 * visits, so a reader does not see the same photo twice in a row. Storage may
 * be unavailable (private modes, blocked cookies): then it is only in memory.
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

  add(id: string): void {
    const ids = [...this.list().filter((seen) => seen !== id), id].slice(-RECENT_LIMIT);
    this.#memory = ids;
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      // Quota or disabled storage: memory will do.
    }
  }
}
