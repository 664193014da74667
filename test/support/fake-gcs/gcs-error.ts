// Errors the way Cloud Storage's JSON API sends them, and the JSON replies they share.
import type { ServerResponse } from 'node:http';

/** Thrown by handlers; rendered as the JSON error body GCS sends. */
export class GcsError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) { super(message); }
}

export const fail = (code: number, reason: string, message: string): never => { throw new GcsError(code, reason, message); };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: GcsError): void {
  sendJson(res, e.code, { error: { code: e.code, message: e.message, errors: [{ message: e.message, domain: 'global', reason: e.reason }] } });
}
