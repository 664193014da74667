// How the test photo API answers (test-photo-api.mjs): the real API's headers, its JSON
// and error bodies, and the delays a test may ask for.

export const API_HEADERS = {
  'Cache-Control': 'no-store',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

const MAX_DELAY = 30_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A delay in ms from a query or path parameter, at most MAX_DELAY; `fallback` when it is not one. */
export function delayParam(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, MAX_DELAY) : fallback;
}

export function sendJson(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.set({ ...API_HEADERS, ...headers });
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = JSON.stringify(body);
}

export function sendError(ctx, status, code, message, headers) {
  sendJson(ctx, status, { error: { code, message } }, headers);
}
