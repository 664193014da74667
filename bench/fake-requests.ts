/** Requests the GCS fake (bench/fake-gcs-process.ts) has seen, by kind, from its control port. */
import type { Child } from './start-tsx-child.ts';

export interface RequestCounts {
  total: number;
  byKind: Record<string, number>;
}

/** Requests counted by kind between two readings of the fake's counters. */
export function difference(before: RequestCounts, after: RequestCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(after.byKind)) if (n - (before.byKind[k] ?? 0) > 0) out[k] = n - (before.byKind[k] ?? 0);
  return out;
}

export async function fakeRequestCounts(fake: Child<{ control: string }>): Promise<RequestCounts> {
  const res = await fetch(`${fake.info.control}/requests`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as RequestCounts;
}
