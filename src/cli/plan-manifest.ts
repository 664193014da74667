import { toRecord, type PhotoRecord } from '../format/photo-record.js';
import type { StoredPhoto } from './photo-target.js';

export interface ManifestPlanInput {
  /** What the API shows now (the manifest read at start, or the store's listing). */
  current: readonly PhotoRecord[];
  /** Photo objects in scope as read at start. */
  objects: ReadonlyMap<string, StoredPhoto>;
  /** Photos this run put in place, with their new records. */
  published: ReadonlyMap<string, PhotoRecord>;
  /** Ids of every photo file in the folder, published or not (a photo that failed is not "deleted"). */
  sourceIds: ReadonlySet<string>;
  /** The run's scope: `<album>/`, or '' for the whole store. */
  scope: string;
  prune: boolean;
}

export interface ManifestPlan {
  /** The new manifest's photos, sorted by id. */
  photos: PhotoRecord[];
  /** True when they differ from `current`. */
  changed: boolean;
  /** In scope but no longer in the folder, and removed (with --prune): deleted once the new manifest is in place. */
  removed: string[];
  /** In scope but no longer in the folder, and kept (without --prune). */
  kept: string[];
  /** Variants that replaced or removed photos used and no photo uses now (deleted with --prune). */
  orphans: string[];
}

const byId = (a: PhotoRecord, b: PhotoRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const variantNames = (record: PhotoRecord | undefined) => (record?.variants ?? []).map((v) => v.name);

/**
 * The next manifest: what the API shows now, with what is in place in scope
 * (objects this command published vouch for themselves through their
 * metadata), this run's photos, and without the photos pruned. Photos
 * outside the scope (other albums) are carried over untouched.
 */
export function planManifest(input: ManifestPlanInput): ManifestPlan {
  const { current, objects, published, sourceIds, scope, prune } = input;
  const entries = new Map(current.map((r) => [r.id, r]));
  for (const [id, stored] of objects) {
    const record = stored.metadata.sourcehash ? toRecord(id, stored.metadata) : undefined;
    if (record) entries.set(id, record);
  }
  for (const [id, record] of published) entries.set(id, record);

  const gone = [...new Set([...entries.keys(), ...objects.keys()])].filter((id) => id.startsWith(scope) && !sourceIds.has(id)).sort();
  if (prune) for (const id of gone) entries.delete(id);
  const photos = [...entries.values()].sort(byId);

  const orphans = new Set<string>();
  if (prune) {
    const before = new Map(current.map((r) => [r.id, r]));
    for (const id of [...published.keys(), ...gone]) {
      const stored = objects.get(id);
      for (const name of [...variantNames(before.get(id)), ...variantNames(stored && toRecord(id, stored.metadata))]) orphans.add(name);
    }
    for (const photo of photos) for (const name of variantNames(photo)) orphans.delete(name);
  }

  const serialize = (list: readonly PhotoRecord[]) => JSON.stringify([...list].sort(byId));
  return {
    photos,
    changed: serialize(photos) !== serialize(current),
    removed: prune ? gone : [],
    kept: prune ? [] : gone,
    orphans: [...orphans].sort(),
  };
}
