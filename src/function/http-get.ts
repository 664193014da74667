import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';

/**
 * node:http and node:https by require, not by an ES import: on Node 22 an ES
 * import of node:http reads every export, WebSocket among them, which loads
 * undici, http2 and worker_threads (about 30 ms of a cold start, measured).
 */
const requireBuiltin = createRequire(import.meta.url);

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One GET with node:http or node:https, its whole body in memory, bounded by
 * `timeoutMs` from start to end. Used where the first answer of a cold
 * instance must not wait for a client library to load; node:https is loaded
 * only for https URLs.
 */
export function httpGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  const transport: typeof import('node:http') = requireBuiltin(url.startsWith('https:') ? 'node:https' : 'node:http');
  return new Promise((resolve, reject) => {
    const request = transport.get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => request.destroy(new Error(`No answer from ${new URL(url).host} within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
  });
}
