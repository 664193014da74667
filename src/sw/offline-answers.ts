/**
 * What the worker answers when the photo API cannot be reached, as pure
 * functions over the photos it has kept (no worker globals, so Node tests can
 * check them). The answers are the API's own shapes (src/contract.ts), marked
 * `offline: true`.
 */
import type { ApiError, Photo, PhotoList } from '../contract.js';
import { compareCodePoints } from '../format/compare-code-points.js';
import { inAlbum } from '../format/normalize-album.js';
import { pickUnseen } from '../format/pick-unseen.js';
import type { ListParams, PickParams } from './photo-urls.js';

/**
 * `GET /` offline: a photo of `album` picked at random among `kept` (the
 * photos whose images are cached), by the API's own rule
 * (src/format/pick-unseen.ts): not in `exclude`, and when every one is
 * excluded, any but the newest exclusion (the photo on show), which begins a
 * new round. Undefined when none is in the album.
 */
export function offlinePick(kept: readonly Photo[], params: Pick<PickParams, 'album' | 'exclude'>, random: () => number = Math.random): Photo | undefined {
  const candidates = kept.filter((p) => inAlbum(p.id, params.album));
  if (candidates.length === 0) return undefined;
  const position = new Map(candidates.map((p, i) => [p.id, i]));
  const excluded = params.exclude.map((id) => position.get(id) ?? -1);
  const photo = candidates[pickUnseen(candidates.length, excluded, (max) => Math.min(max - 1, Math.floor(random() * max)))]!;
  return { ...photo, offline: true };
}

/**
 * `GET /photos` offline: the kept photos of `album`, sorted by id as the API
 * sorts them, at most `limit`, all on one page (`next: null`). A `cursor`
 * asks for a page after the first, and offline there is none: empty.
 */
export function offlineList(kept: readonly Photo[], params: ListParams): PhotoList {
  if (params.cursor !== undefined) return { photos: [], next: null };
  const photos = kept
    .filter((p) => inAlbum(p.id, params.album))
    .sort((a, b) => compareCodePoints(a.id, b.id))
    .slice(0, params.limit)
    .map((p) => ({ ...p, offline: true }));
  return { photos, next: null };
}

/** The error the element shows as its offline state when no photo is kept. */
export function offlineError(album: string): ApiError {
  return {
    error: {
      code: 'offline',
      message: album
        ? `You are offline and no photo of the album "${album}" is saved on this device yet`
        : 'You are offline and no photo is saved on this device yet',
    },
  };
}
