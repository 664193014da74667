/**
 * The photo API benchmark: `GET /` served from the Cloud Storage store
 * against the GCS fake (its own process) with catalogs of 10 to 100,000
 * photos, side by side with the naive design (list the bucket on every
 * request), the functions framework answering a fixed JSON (its own ceiling)
 * and a bare node:http server. Prints a Markdown table and the targets (met /
 * missed) and writes bench/results/photo-api.{json,md}. Not a test: a missed
 * target does not fail the run.
 *
 * Environment: BENCH_SECONDS (each load run, default 10), BENCH_WARMUP_SECONDS
 * (default 2), BENCH_SIZES (default 10,1000,10000,100000), BENCH_ROUNDS
 * (photo-frame and the ceiling measured in turn, default 3).
 */
import { logger } from './format.ts';
import { commitMeasured, machine, warnIfBusy } from './machine.ts';
import { photoApiMarkdown } from './photo-api-markdown.ts';
import type { FakeInfo, Row } from './photo-api-row.ts';
import { measureFixedJson, measureNaive, startFixedJson, startPhotoApiFake } from './photo-api-servers.ts';
import { photoApiCommand, photoApiSettings } from './photo-api-settings.ts';
import { photoApiTargets } from './photo-api-targets.ts';
import { fixedAnswerJson } from './photo-data.ts';
import { photoFrameRounds } from './photo-frame-rounds.ts';
import { writeResults } from './results-file.ts';
import { pinCores } from './spawn-server.ts';
import { assertBuilt } from './start-photo-frame.ts';
import { stopAll, type Child } from './start-tsx-child.ts';

export const name = 'photo-api';
export const description = 'GET / on the Cloud Storage store (fake) at 10 to 100,000 photos vs the naive design and the framework ceiling';

const log = logger('photo-api');

export async function run(): Promise<void> {
  const s = photoApiSettings();
  assertBuilt();
  // Before any child starts, so the fake and autocannon stay off the server's core.
  const pinned = pinCores();
  const started = performance.now();
  const rows: Row[] = [];
  /** The framework's fixed-JSON server in the median round of each photo-frame row. */
  const adjacentCeilings: Row[] = [];
  /** photo-frame, in rounds with the ceiling: the ratio then holds even if other work slows the machine meanwhile. */
  const photoFrameBesideCeiling = async (fake: Child<FakeInfo>, kind: 'photo-frame' | 'photo-frame-list'): Promise<Row> => {
    const ceiling = await startFixedJson('framework', s);
    try {
      const { row, ceilingRow } = await photoFrameRounds(fake, kind, s, ceiling);
      adjacentCeilings.push(ceilingRow);
      return row;
    } finally {
      await ceiling.server.stop();
    }
  };
  try {
    warnIfBusy(log);
    rows.push(await measureFixedJson('bare', s));
    rows.push(await measureFixedJson('framework', s));
    for (const photos of s.sizes) {
      const fake = await startPhotoApiFake(photos, true);
      try {
        rows.push(await photoFrameBesideCeiling(fake, 'photo-frame'));
        rows.push(await measureNaive(fake, s));
      } finally {
        await fake.stop();
      }
    }
    const largest = Math.max(...s.sizes);
    if (largest >= 100_000) {
      const fake = await startPhotoApiFake(largest, false);
      try {
        rows.push(await photoFrameBesideCeiling(fake, 'photo-frame-list'));
      } finally {
        await fake.stop();
      }
    }
  } finally {
    await stopAll();
  }

  const meta = {
    ...machine(),
    commit: commitMeasured(),
    fixedBodyBytes: Buffer.byteLength(fixedAnswerJson()),
    pinned: pinned ?? null,
    runSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  const targets = photoApiTargets(rows, s);
  const md = photoApiMarkdown(rows, targets, s, meta);
  // A run in a memory-limited container is kept beside the run with this machine's defaults, not over it.
  const file = s.cgroup ? `photo-api-${s.cgroup.limitMiB}mib` : 'photo-api';
  const json = {
    ...meta,
    durations: { loadSeconds: s.seconds, warmupSeconds: s.warmupSeconds },
    connections: { default: s.connections, naive: s.naiveConnections },
    sizes: s.sizes,
    ...(s.cgroup ? { memoryCgroup: s.cgroup } : {}),
    nodeOptions: s.nodeOptions,
    command: photoApiCommand(s),
    rows,
    adjacentCeilings,
    targets,
  };
  writeResults(file, json, md, log, meta.runSeconds);
}
