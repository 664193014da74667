import fs from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '@google-cloud/storage';
import { indexManifest } from '../format/catalog-index.js';
import { serializeManifest } from '../format/manifest.js';
import { albumProblem, normalizeAlbum } from '../format/normalize-album.js';
import { toMetadata, toRecord, type PhotoRecord } from '../format/photo-record.js';
import { isBucketName } from '../gcs/is-bucket-name.js';
import { checkMetadataSize } from './check-metadata-size.js';
import { FolderTarget } from './folder-target.js';
import { GcsTarget } from './gcs-target.js';
import { inspectPhoto } from './inspect-photo.js';
import { ManifestConflictError } from './manifest-conflict-error.js';
import { PhotoError } from './photo-error.js';
import type { PhotoTarget } from './photo-target.js';
import { planManifest } from './plan-manifest.js';
import type { PrepareOptions } from './prepare-photo.js';
import { preparePhoto } from './prepare-photo.js';
import { readSourcePhoto } from './read-source-photo.js';
import { RENDER_DEFAULTS } from './render-photo.js';
import { runPool } from './run-pool.js';
import { scanFolder, type SkippedFile } from './scan-folder.js';
import type { UploadEvent } from './upload-event.js';
import { UsageError } from './usage-error.js';

export interface UploadOptions extends PrepareOptions {
  /** The Cloud Storage bucket to publish to (or `to`). */
  bucket?: string;
  /** A local folder to publish to, in the bucket's layout, for the photo API's local store (or `bucket`). */
  to?: string;
  /** A folder prefix for the ids: `sea` publishes `holiday/boat.jpg` as `sea/holiday/boat.jpg`. */
  album?: string;
  /** Read everything and tell what would be done; write nothing. */
  dryRun?: boolean;
  /** Photos processed at once. */
  concurrency?: number;
  /** Publish every photo again, even those unchanged. */
  force?: boolean;
  /** Remove published photos (in the album, or the whole target without one) that are no longer in the folder. */
  prune?: boolean;
  /** The Cloud Storage client (tests point one at a fake); by default Application Default Credentials. */
  storage?: Storage;
  /** Environment for the default client (STORAGE_EMULATOR_HOST, GOOGLE_CLOUD_PROJECT). */
  env?: NodeJS.ProcessEnv;
  /**
   * With --prune, a variant that no photo uses is deleted once it is this old
   * (the variants of the photos this run replaced or removed go at once); a
   * younger one may belong to another run still under way.
   */
  unusedVariantAgeMs?: number;
  /** Told about every step (the progress display). */
  onEvent?: (event: UploadEvent) => void;
}

export const UPLOAD_DEFAULTS = {
  album: '',
  dryRun: false,
  concurrency: 4,
  force: false,
  prune: false,
  keepLocation: false,
  widths: RENDER_DEFAULTS.widths as readonly number[],
  quality: RENDER_DEFAULTS.quality as number,
  effort: RENDER_DEFAULTS.effort as number,
  env: process.env,
  unusedVariantAgeMs: 24 * 3600_000,
  onEvent: (() => {}) as (event: UploadEvent) => void,
};

export const MAX_CONCURRENCY = 64;

/** What a run did (or, in a dry run, would do). */
export interface UploadReport {
  target: string;
  album: string;
  dryRun: boolean;
  /** Ids published (dry run: to be published). */
  published: string[];
  unchanged: string[];
  /** Files in the folder that are not photos, with why. */
  skipped: SkippedFile[];
  /** Photos that could not be published (their path in the folder), with why. */
  failed: SkippedFile[];
  /** Published photos no longer in the folder, kept (without --prune). */
  kept: string[];
  /** Published photos no longer in the folder, removed (dry run: to be removed). */
  removed: string[];
  manifest: 'written' | 'unchanged' | 'planned' | 'not written';
  /** Photos the manifest names (dry run: would name). */
  manifestPhotos: number;
  notes: string[];
  /** Failures of the run as a whole (the manifest, a deletion). */
  errors: string[];
  /** True when nothing failed. */
  ok: boolean;
}

/** `sea/`, `/trips/2024/` → `sea`, `trips/2024`, by the rule the photo API reads albums with; refuses what cannot be a folder of ids. */
function checkAlbum(album: string): string {
  const clean = normalizeAlbum(album);
  const problem = albumProblem(clean);
  if (problem) throw new UsageError(`--album ${JSON.stringify(album)} is not a usable folder name (${problem}): use names like "sea" or "trips/2024"`);
  return clean;
}

const isInside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

async function checkFolders(folder: string, to: string | undefined): Promise<void> {
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat) throw new UsageError(`The folder ${folder} does not exist: give the folder that holds your photos`);
  if (!stat.isDirectory()) throw new UsageError(`${folder} is not a folder: give the folder that holds your photos`);
  if (to !== undefined) {
    const [source, target] = await Promise.all([fs.realpath(folder), fs.realpath(to).catch(() => path.resolve(to))]);
    if (isInside(target, source) || isInside(source, target)) {
      throw new UsageError(`--to ${to} and the photo folder ${folder} overlap: publish to a folder outside the photos (the originals would be overwritten or published twice)`);
    }
  }
}

/**
 * Publishes a folder of photos to a bucket or a local folder: each photo with
 * its metadata, variants and placeholder, without its location; then the
 * manifest that names them, once they are all in place. Unchanged photos are
 * not sent again. Throws UsageError for bad options and Error when the target
 * cannot be read; a photo that fails is reported and the others published.
 */
export async function upload(folder: string, options: UploadOptions = {}): Promise<UploadReport> {
  const settings = { ...UPLOAD_DEFAULTS, ...options };
  const { dryRun, concurrency, force, prune, keepLocation, widths, quality, effort, onEvent } = settings;
  if ((settings.bucket === undefined) === (settings.to === undefined)) {
    throw new UsageError('Say where to publish: --bucket <name> for a Cloud Storage bucket, or --to <folder> for a local folder (one of them)');
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got ${concurrency})`);
  }
  const album = checkAlbum(settings.album);
  const bucket = settings.bucket?.replace(/^gs:\/\//, '').replace(/\/+$/, '');
  if (bucket !== undefined && !isBucketName(bucket)) {
    throw new UsageError(`--bucket ${JSON.stringify(settings.bucket)} is not a bucket name: use the name alone, like my-blog-photos (lowercase letters, digits, - _ .)`);
  }
  await checkFolders(folder, settings.to);

  const target: PhotoTarget = bucket !== undefined
    ? new GcsTarget(bucket, { ...(settings.storage ? { storage: settings.storage } : {}), env: settings.env })
    : new FolderTarget(settings.to!);
  const scope = album ? `${album}/` : '';
  const report: UploadReport = {
    target: target.description, album, dryRun, published: [], unchanged: [], skipped: [], failed: [], kept: [], removed: [],
    manifest: 'not written', manifestPhotos: 0, notes: [], errors: [], ok: false,
  };
  const note = (message: string) => {
    report.notes.push(message);
    onEvent({ type: 'note', message });
  };

  const scan = await scanFolder(folder, album);
  onEvent({ type: 'start', target: album ? `${target.description} (album ${album})` : target.description, photos: scan.photos.length, dryRun });
  for (const skipped of scan.skipped) {
    report.skipped.push(skipped);
    onEvent({ type: 'skipped', ...skipped });
  }
  const state = await target.readState(scope);
  for (const message of state.notes) note(message);

  // Content hashes cover what changes the output: a photo published with other settings is published again.
  const hashed = JSON.stringify({ keepLocation, widths: [...new Set(widths)].sort((a, b) => a - b), quality, effort });
  const knownVariants = new Set<string>();
  for (const record of state.current) for (const v of record.variants ?? []) knownVariants.add(v.name);
  for (const [id, stored] of state.objects) for (const v of toRecord(id, stored.metadata)?.variants ?? []) knownVariants.add(v.name);

  const published = new Map<string, PhotoRecord>();
  await runPool(scan.photos, concurrency, async (entry) => {
    const stored = state.objects.get(entry.id);
    try {
      const source = await readSourcePhoto(entry, hashed);
      const same = stored?.metadata.sourcehash === source.sourcehash && toRecord(entry.id, stored.metadata) !== undefined;
      if (same && !force) {
        report.unchanged.push(entry.id);
        onEvent({ type: 'photo', id: entry.id, file: entry.rel, outcome: 'unchanged' });
        return;
      }
      if (dryRun) {
        await inspectPhoto(source.bytes, entry.rel, { decode: true }); // so the plan names the files that would fail
        report.published.push(entry.id);
        onEvent({ type: 'photo', id: entry.id, file: entry.rel, outcome: 'planned', detail: same ? 'forced' : stored ? 'changed' : 'new' });
        return;
      }
      const prepared = await preparePhoto(source, { keepLocation, widths, quality, effort });
      const metadata = { ...toMetadata(prepared.record), sourcehash: source.sourcehash };
      checkMetadataSize(metadata);
      for (const variant of prepared.variants) {
        // Content-addressed names: one already in use holds these very bytes (--force stores them anyway).
        if (force || !knownVariants.has(variant.name)) await target.putVariant(variant.name, variant.bytes, variant.type);
      }
      // The photo last: its metadata (with the source hash) then vouches for the variants it names.
      await target.putPhoto(entry.id, prepared.original, prepared.type, metadata, stored);
      published.set(entry.id, prepared.record);
      report.published.push(entry.id);
      onEvent({ type: 'photo', id: entry.id, file: entry.rel, outcome: 'published', detail: String(prepared.variants.length) });
    } catch (error) {
      const reason = error instanceof PhotoError ? error.message : `could not be published: ${(error as Error)?.message ?? error}`;
      report.failed.push({ file: entry.rel, reason });
      onEvent({ type: 'photo', id: entry.id, file: entry.rel, outcome: 'failed', detail: reason });
    }
  });

  const plan = planManifest({
    current: state.current,
    objects: state.objects,
    published,
    sourceIds: new Set(scan.photos.map((p) => p.id)),
    scope,
    prune,
  });
  report.kept = plan.kept;
  report.manifestPhotos = plan.photos.length;
  if (plan.kept.length > 0) {
    note(`${plan.kept.length} published photo${plan.kept.length === 1 ? ' is' : 's are'} no longer in the folder and stay published (--prune removes them)`);
  }
  // A manifest without its index (written by an older version, or the index write failed) is written again with one.
  const needsManifest = plan.changed || state.manifestVersion === undefined || state.manifestProblem !== undefined || !state.indexCurrent;

  if (dryRun) {
    report.manifest = needsManifest || report.published.length > 0 || plan.removed.length > 0 ? 'planned' : 'unchanged';
    report.removed = plan.removed;
    for (const name of plan.removed) onEvent({ type: 'removed', name, planned: true });
  } else {
    if (needsManifest) {
      try {
        // Every photo it names is in place by now: the API never sees a manifest naming a missing photo.
        const manifest = serializeManifest(plan.photos);
        await target.writeManifest(manifest, state.manifestVersion);
        report.manifest = 'written';
        await writeIndex(target, manifest, report);
      } catch (error) {
        report.errors.push(error instanceof ManifestConflictError ? error.message : `The manifest could not be written: ${(error as Error).message}`);
      }
    } else {
      report.manifest = 'unchanged';
    }
    if (report.manifest !== 'not written' && prune) {
      const used = new Set(plan.photos.flatMap((p) => (p.variants ?? []).map((v) => v.name)));
      const unused = new Set(plan.orphans);
      const now = Date.now();
      try {
        for (const { name, created } of await target.listVariants()) {
          if (!used.has(name) && now - created >= settings.unusedVariantAgeMs) unused.add(name);
        }
      } catch (error) {
        report.errors.push(`Unused variants could not be listed (${(error as Error).message}): run the command again with --prune`);
      }
      await removeAll(target, plan.removed, [...unused].sort(), report, onEvent, concurrency);
    }
  }
  onEvent({ type: 'manifest', status: report.manifest === 'not written' ? 'failed' : report.manifest, photos: plan.photos.length });
  onEvent({ type: 'done' });
  for (const list of [report.published, report.unchanged]) list.sort();
  report.failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  report.ok = report.failed.length === 0 && report.errors.length === 0;
  return report;
}

/** The catalog index of a manifest just written, so cold instances of the photo API need not read all of it before their first answer. */
async function writeIndex(target: PhotoTarget, manifest: string, report: UploadReport): Promise<void> {
  const index = indexManifest(manifest);
  if (index === undefined) return;
  try {
    await target.writeIndex(index);
  } catch (error) {
    report.errors.push(`The catalog index could not be written (${(error as Error).message}): the photos are published, run the command again to index them`);
  }
}

/** With --prune, once the manifest no longer names them: the photos gone from the folder, then variants nothing uses. */
async function removeAll(
  target: PhotoTarget,
  photos: readonly string[],
  variants: readonly string[],
  report: UploadReport,
  onEvent: (event: UploadEvent) => void,
  concurrency: number,
): Promise<void> {
  await runPool(photos, concurrency, async (id) => {
    try {
      await target.remove(id);
      report.removed.push(id);
      onEvent({ type: 'removed', name: id, planned: false });
    } catch (error) {
      report.errors.push(`${id} could not be removed (${(error as Error).message}): run the command again with --prune`);
    }
  });
  await runPool(variants, concurrency, async (name) => {
    try {
      await target.remove(name);
    } catch (error) {
      report.errors.push(`${name} could not be removed (${(error as Error).message}): run the command again with --prune`);
    }
  });
  report.removed.sort();
}
