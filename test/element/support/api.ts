// Browser-side helpers for the test photo API that web-test-runner serves
// (test/element/support/test-photo-api.mjs).
import type { Photo } from '../../../src/contract.js';

/** Absolute endpoint URL of a scenario, e.g. `endpoint('slow/1500')`. */
export function endpoint(scenario: string): string {
  return `${location.origin}/test-api/${scenario}/`;
}

/** Every /test-api/ URL (path + query) requested since the last clear, images included. */
export async function requests(): Promise<string[]> {
  const res = await fetch('/test-api-requests', { cache: 'no-store' });
  return (await res.json()) as string[];
}

/** The API requests only (not images), as URL objects. */
export async function apiRequests(): Promise<URL[]> {
  return (await requests())
    .filter((u) => !u.startsWith('/test-api/img/'))
    .map((u) => new URL(u, location.origin));
}

/** Clears the request log and resets the scenarios' counters (rotation, flaky, seq). */
export async function clearRequests(): Promise<void> {
  await fetch('/test-api-requests', { method: 'DELETE', cache: 'no-store' });
}

/** Fetches a scenario directly, as the element would. */
export async function getPhoto(scenario: string, query = ''): Promise<{ status: number; body: Photo | { error: { code: string } } }> {
  const res = await fetch(endpoint(scenario) + query, { cache: 'no-store' });
  return { status: res.status, body: await res.json() };
}

let craftedCount = 0;

/**
 * An endpoint whose every answer is `body` (JSON-encoded unless it is a
 * string, sent as it is): hostile metadata, crafted by the test.
 */
export async function craft(body: unknown): Promise<string> {
  const key = `c${Date.now().toString(36)}-${craftedCount++}`;
  const res = await fetch(`/test-api-crafted/${key}`, {
    method: 'PUT',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    cache: 'no-store',
  });
  if (res.status !== 204) throw new Error(`PUT /test-api-crafted/${key} answered ${res.status}`);
  return endpoint(`crafted/${key}`);
}
