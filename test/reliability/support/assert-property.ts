/**
 * Property checks that make all their runs: fast-check from a fixed seed
 * (FC_SEED=<n> replays another), RUNS runs (FC_RUNS=<n> makes more), no time
 * limit, and the runs made counted.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';

export const SEED = Number(process.env.FC_SEED ?? 20261124);
export const RUNS = Number(process.env.FC_RUNS ?? 300);

/**
 * Checks the property on RUNS requests, all of them: no time limit, so a busy
 * machine makes the test slower, never weaker; and the runs made are counted.
 * A failure shows fast-check's report (seed, path, counterexample) with the
 * failed assertion's own message, which node:test would not show.
 */
export async function assertProperty<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? `\nBecause: ${details.errorInstance.message}` : '';
    throw new Error(`${fc.defaultReportMessage(details)}\nReplay with FC_SEED=${SEED}.${cause}`);
  }
  assert.equal(details.numRuns, RUNS, `${details.numRuns} of ${RUNS} runs made (interrupted: ${details.interrupted}, ${details.numSkips} skipped by preconditions)`);
}
