/** The worker's own JSON: its answers in the API's shapes, and the entries it stores. */

/** Tells tests, benchmarks and curious readers where an API answer came from: network answers carry none. */
export const SOURCE_HEADER = 'X-Photo-Frame-Source';

const HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function jsonResponse(body: unknown, init: { status?: number; source?: 'offline' | 'prefetch' } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: init.source ? { ...HEADERS, [SOURCE_HEADER]: init.source } : HEADERS,
  });
}
