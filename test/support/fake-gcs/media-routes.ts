// An object's bytes: media downloads (alt=media) and public URLs (`file.publicUrl()`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoredObject } from './bucket.js';
import { objectHashes } from './object-hashes.js';
import type { ObjectStore } from './object-store.js';

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; undefined means "whole body". */
function byteRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [start, end] = m[1] === '' ? [Math.max(0, size - Number(m[2])), size - 1] : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
  return start > end || start >= size ? 'unsatisfiable' : [start, end];
}

/** Bytes for media downloads and public URLs: hashes, generation, optional single range. */
export function sendMedia(req: IncomingMessage, res: ServerResponse, o: StoredObject, extra: Record<string, string>): void {
  const h = objectHashes(o);
  const headers: Record<string, string> = {
    'content-type': o.contentType, 'last-modified': new Date(o.updated).toUTCString(),
    'x-goog-hash': `crc32c=${h.crc32c},md5=${h.md5}`, 'x-goog-generation': String(o.generation),
    'x-goog-metageneration': String(o.metageneration), 'x-goog-stored-content-encoding': 'identity',
    'x-goog-stored-content-length': String(o.data.length), 'accept-ranges': 'bytes', ...extra,
  };
  const range = byteRange(req.headers.range, o.data.length);
  if (range === 'unsatisfiable') return void res.writeHead(416, { ...headers, 'content-range': `bytes */${o.data.length}`, 'content-length': '0' }).end();
  const [start, end] = range ?? [0, o.data.length - 1];
  if (range) headers['content-range'] = `bytes ${start}-${end}/${o.data.length}`;
  res.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(end - start + 1) });
  res.end(o.data.subarray(start, end + 1));
}

export function servePublic(req: IncomingMessage, res: ServerResponse, store: ObjectStore, bucket: string, name: string): void {
  if (req.method === 'OPTIONS') { // CORS preflight
    return void res.writeHead(200, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '3600', 'content-length': '0' }).end();
  }
  const b = store.find(bucket);
  const o = b?.objects.get(name);
  if (!o) { // the public endpoint answers in XML, like GCS's XML API
    const text = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuch${b ? 'Key' : 'Bucket'}</Code><Message>The specified ${b ? 'key' : 'bucket'} does not exist.</Message></Error>`;
    return void res.writeHead(404, { 'content-type': 'application/xml; charset=UTF-8', 'access-control-allow-origin': '*' }).end(text);
  }
  const etag = `"${Buffer.from(objectHashes(o).md5, 'base64').toString('hex')}"`;
  // GCS serves public objects without their own Cache-Control as "public, max-age=3600".
  const extra = { etag, 'cache-control': o.cacheControl ?? 'public, max-age=3600', 'access-control-allow-origin': '*' };
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, extra).end();
  sendMedia(req, res, o, extra);
}
