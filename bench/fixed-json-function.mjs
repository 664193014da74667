/**
 * The cold-start floor: an HTTP function that answers a fixed JSON body
 * (FIXED_JSON, a photo-sized answer) with nothing to load, started by the
 * functions framework exactly as the photo function is
 * (FUNCTION_SOURCE=this file, FUNCTION_TARGET=fixed). Plain JavaScript, so
 * that no TypeScript loader adds to its start.
 */
const body = process.env.FIXED_JSON ?? '{}';
const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' };

export function fixed(_req, res) {
  res.writeHead(200, headers).end(body);
}
