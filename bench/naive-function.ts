/**
 * The naive design, for comparison: an HTTP function on the functions
 * framework that lists the whole bucket on every request (`getFiles()` with
 * auto-pagination, the real client) and answers one object at random.
 *
 * Reads BUCKET and STORAGE_EMULATOR_HOST; prints {"port": P} on stdout once listening.
 * Run: BUCKET=bench-photos STORAGE_EMULATOR_HOST=http://127.0.0.1:P node --import tsx bench/naive-function.ts
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Storage } from '@google-cloud/storage';
import { isPhotoName } from '../src/format/photo-name.ts';
import { toRecord } from '../src/format/photo-record.ts';
import { toAnswer } from './photo-data.ts';

const bucketName = process.env.BUCKET ?? 'bench-photos';
const storage = new Storage({ projectId: process.env.GOOGLE_CLOUD_PROJECT ?? 'bench' });
const bucket = storage.bucket(bucketName);
const publicBase = `${storage.apiEndpoint}/${bucketName}`;

functions.http('naive', async (_req, res) => {
  try {
    const [files] = await bucket.getFiles();
    const photos = files.filter((f) => isPhotoName(f.name));
    if (photos.length === 0) {
      res.status(404).json({ error: { code: 'no_photos', message: 'No photos' } });
      return;
    }
    const file = photos[randomInt(photos.length)]!;
    const record = toRecord(file.name, (file.metadata.metadata ?? {}) as Record<string, unknown>) ?? { id: file.name, width: 1, height: 1 };
    const body = JSON.stringify(toAnswer(record, publicBase));
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
    res.end(body);
  } catch (error) {
    if (!res.headersSent) res.status(503).json({ error: { code: 'storage_unavailable', message: String((error as Error)?.message ?? error) } });
  }
});

const server = getTestServer('naive');
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
