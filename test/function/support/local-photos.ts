/**
 * The folder the local store's tests serve, made by the test in a temporary
 * folder with every kind of file the catalog must read or pass over: a
 * sidecar (with markup in its caption), EXIF with an orientation, PNG and
 * WebP, a malformed sidecar, a name that shares a prefix with a folder,
 * files that are not photos, a hidden folder, photo-frame's own files and a
 * link to a photo outside; and the photo API started on it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { isPhotoList, type Photo, type PhotoList } from '../../../src/contract.js';
import { makePhoto } from '../../support/make-photo.js';
import { startApi, type TestApi } from '../../support/start-api.js';

export interface LocalPhotos {
  /** The photo folder (PHOTOS_DIR). */
  dir: string;
  /** A folder beside it, which a link in it points into. */
  outside: string;
  api: TestApi;
  close(): Promise<void>;
}

export async function startLocalPhotos(): Promise<LocalPhotos> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-local-'));
  const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'photo-frame-outside-'));
  await makePhoto(dir, 'harbour.jpg', { width: 90, height: 60, sidecar: { caption: 'Harbour <img src=x onerror=alert(1)>', alt: 'Boats at a quay', date: '2024-06-01T18:30:00+02:00' } });
  await makePhoto(dir, 'sideways.jpg', { width: 80, height: 40, orientation: 6, description: 'Told by EXIF', dateTimeOriginal: '2023:02:03 04:05:06', offset: '-05:00' });
  await makePhoto(dir, 'mountains/ridge.png', { width: 40, height: 40, format: 'png', sidecar: { caption: 'Ridge' } });
  await makePhoto(dir, 'mountains/lake.webp', { width: 30, height: 20, format: 'webp', sidecar: '{not json' });
  await makePhoto(dir, 'mountainside.jpg', { width: 30, height: 20 });
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not a photo');
  await fs.writeFile(path.join(dir, 'broken.jpg'), 'not really a jpeg');
  await makePhoto(dir, '.hidden/secret.jpg');
  await makePhoto(dir, '_photo-frame/variants/harbour-640.webp', { format: 'webp' });
  await makePhoto(outside, 'private.jpg');
  await fs.symlink(path.join(outside, 'private.jpg'), path.join(dir, 'link-out.jpg'));
  const api = await startApi({ PHOTOS_DIR: dir });
  return {
    dir, outside, api,
    async close() {
      await api.close();
      await fs.rm(dir, { recursive: true, force: true });
      await fs.rm(outside, { recursive: true, force: true });
    },
  };
}

/** The folder and its API for the tests of the calling file: started before them, removed after; the fields are set once they start. */
export function useLocalPhotos(): LocalPhotos {
  const local = {} as LocalPhotos;
  before(async () => void Object.assign(local, await startLocalPhotos()));
  after(() => local.close?.());
  return local;
}

/** The answer's JSON, checking that it says it is JSON. */
export async function json<T>(response: Response): Promise<T> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (await response.json()) as T;
}

/** Every photo of the catalog (or of `query`'s album), in one page. */
export async function listAll(api: TestApi, query = ''): Promise<Photo[]> {
  const body = await json<PhotoList>(await api.get(`/photos?limit=1000${query}`));
  assert.ok(isPhotoList(body));
  return body.photos;
}
