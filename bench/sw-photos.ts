/** The demo's photos as the service worker benchmark serves them. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Photo } from '../src/contract.ts';
import { ROOT } from '../scripts/spawn-function.ts';
import { sidecar } from './element-server.ts';

export interface BenchPhoto {
  id: string;
  file: string;
  bytes: Buffer;
  etag: string;
  photo: Omit<Photo, 'url'>;
}

/** Every photo of the demo (so repeat visits do not run out of unseen ones), with its sidecar's caption. */
export async function loadPhotos(): Promise<BenchPhoto[]> {
  const dir = path.join(ROOT, 'demo/photos');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const bytes = readFileSync(path.join(dir, file));
      const meta = await sharp(bytes).metadata();
      const { caption } = sidecar(path.join(dir, file));
      const id = file.split(path.sep).join('/');
      return {
        id,
        file,
        bytes,
        etag: `"${createHash('sha1').update(bytes).digest('base64url')}"`,
        photo: { id, width: meta.width!, height: meta.height!, ...(caption ? { caption } : {}) },
      };
    }),
  );
}
