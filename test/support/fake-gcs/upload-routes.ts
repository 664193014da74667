// Uploads as the client sends them to /upload/storage/v1/b/BUCKET/o: resumable (a session,
// then one or more PUTs), multipart/related, and media.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GcsError, sendJson } from './gcs-error.js';
import { parseJson, type ObjectFields, type ObjectStore } from './object-store.js';

interface UploadSession { bucket: string; name: string; fields: ObjectFields; query: Record<string, string>; chunks: Buffer[]; received: number; done?: object }

/** Splits a multipart/related body (JSON resource part, then the bytes) into its part bodies. */
function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new GcsError(400, 'invalid', 'Missing multipart boundary.');
  const all = Buffer.concat([Buffer.from('\r\n'), body]); // so the first delimiter also follows a CRLF
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts: Buffer[] = [];
  // Each part runs from one delimiter to the next; after the last one come "--" and the epilogue.
  for (let at = all.indexOf(delim), next; at >= 0 && (next = all.indexOf(delim, at + delim.length)) >= 0; at = next) {
    const part = all.subarray(at + delim.length, next);
    parts.push(part.subarray(part.indexOf('\r\n\r\n') + 4)); // skip the part's headers
  }
  if (parts.length < 2) throw new GcsError(400, 'invalid', 'Expected a multipart/related body with 2 parts.');
  return parts;
}

export class UploadRoutes {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly store: ObjectStore) {}

  upload(req: IncomingMessage, res: ServerResponse, bucket: string, q: Record<string, string>, body: Buffer): void {
    const hashHeader = req.headers['x-goog-hash'] as string | undefined;
    if (req.method === 'PUT' && q.upload_id) return this.resume(req, res, q.upload_id, body, hashHeader);
    if (req.method !== 'POST' || !['resumable', 'multipart', 'media'].includes(q.uploadType ?? '')) {
      throw new GcsError(400, 'invalid', `fake-gcs does not support ${req.method} uploadType=${q.uploadType}.`);
    }
    this.store.bucket(bucket);
    // The object resource comes as the JSON body (resumable), the first part (multipart) or headers (media).
    const parts = q.uploadType === 'multipart' ? multipartParts(body, String(req.headers['content-type'] ?? '')) : undefined;
    const fields: ObjectFields = q.uploadType === 'media' ? { contentType: req.headers['content-type'] } : parseJson(parts?.[0] ?? body);
    const name = q.name ?? fields.name;
    if (!name) throw new GcsError(400, 'required', 'Required: object name.');
    if (q.uploadType !== 'resumable') return sendJson(res, 200, this.store.commitUpload(bucket, name, parts?.[1] ?? body, fields, q, hashHeader));
    const contentType = (req.headers['x-upload-content-type'] as string | undefined) ?? fields.contentType;
    const id = randomUUID(); // preconditions are checked when the upload completes, as GCS does
    this.sessions.set(id, { bucket, name, fields: { ...fields, ...(contentType ? { contentType } : {}) }, query: q, chunks: [], received: 0 });
    sendJson(res, 200, {}, { location: `${this.store.url}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}` });
  }

  /** A PUT to a resumable session: a chunk, the rest, or a status query. */
  private resume(req: IncomingMessage, res: ServerResponse, id: string, body: Buffer, hashHeader: string | undefined): void {
    const s = this.sessions.get(id);
    if (!s) throw new GcsError(404, 'notFound', 'No such upload session.');
    if (s.done) return sendJson(res, 200, s.done);
    // "bytes a-b/total" carries a chunk, "bytes a-*/total" the rest, "bytes */total" only asks for status.
    const m = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!m) throw new GcsError(400, 'invalid', 'Invalid Content-Range.');
    if (m[1] !== undefined && Number(m[1]) <= s.received) {
      const fresh = body.subarray(s.received - Number(m[1])); // a retried chunk may overlap what we hold
      s.chunks.push(fresh);
      s.received += fresh.length;
    }
    const total = m[3] === '*' ? (m[2] === '*' ? s.received : undefined) : Number(m[3]);
    if (total === undefined || s.received < total) { // 308 "resume incomplete": Range says what we hold
      return void res.writeHead(308, { 'content-length': '0', ...(s.received ? { range: `bytes=0-${s.received - 1}` } : {}) }).end();
    }
    s.done = this.store.commitUpload(s.bucket, s.name, Buffer.concat(s.chunks), s.fields, s.query, hashHeader);
    s.chunks = [];
    sendJson(res, 200, s.done);
  }
}
