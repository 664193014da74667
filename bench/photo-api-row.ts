/** A row of the photo API benchmark: one server's load run, with its memory, CPU and first request. */
import { fmt, logger } from './format.ts';
import { load, type LoadResult, type TimedGet } from './load.ts';
import { loadAverage as loadAverageNow } from './machine.ts';
import { cpuTimeMs, memoryOf } from './process-usage.ts';
import { crashNote, type Child } from './start-tsx-child.ts';

export const log = logger('photo-api');

export type ServerKind = 'bare' | 'framework' | 'photo-frame' | 'naive' | 'photo-frame-list';

export const LABELS: Record<ServerKind, string> = {
  bare: 'node:http, fixed JSON (reference)',
  framework: 'functions-framework, fixed JSON (ceiling)',
  'photo-frame': 'photo-frame (manifest)',
  naive: 'naive: lists the bucket per request',
  'photo-frame-list': 'photo-frame, no manifest (lists once)',
};

export interface Row extends LoadResult {
  server: string;
  kind: ServerKind;
  photos: number | null;
  /** VmHWM of the server process at the end of its load run, MB (10^6 bytes). */
  peakRssMB: number | null;
  /** VmRSS at the same moment. */
  rssMB: number | null;
  /** VmHWM right after the first request (photo-frame: the catalog loaded, before any load). */
  peakAfterFirstMB: number | null;
  /** 1-minute load average as the load run started (the machine may be shared). */
  loadAverage: number;
  /** CPU time (user + system) of the server process per completed request during the load run, µs. */
  cpuUsPerRequest: number | null;
  /** photo-frame rows: req/s of the framework's fixed-JSON server in the same round (measured just before). */
  adjacentCeilingRps?: number;
  adjacentCeilingCpuUsPerRequest?: number | null;
  /**
   * photo-frame rows: every round, the ceiling then photo-frame; the row's own
   * figures are those of the round with the median ratio.
   */
  rounds?: Array<{ rps: number; cpuUsPerRequest: number | null; ceilingRps: number; ceilingCpuUsPerRequest: number | null }>;
  /** The first `GET /` after start: for photo-frame, the catalog load. */
  firstRequest: TimedGet;
  /** Requests the fake saw from warm-up through the end of the load run (photo-frame: should be none). */
  storageRequestsDuringLoad?: Record<string, number>;
  /** Requests the fake saw for the first request (the catalog load). */
  storageRequestsForFirst?: Record<string, number>;
  /** Where the catalog came from, judged by those requests. */
  catalogSource?: 'manifest' | 'list' | 'unknown';
  /** The server process died during the run. */
  crashed?: string;
  fake?: FakeInfo;
}

export interface FakeInfo {
  url: string;
  control: string;
  photos: number;
  manifest: boolean;
  manifestBytes: number;
  seedMs: number;
}

export type MeasuredLoad = LoadResult & { loadAverage: number; cpuUsPerRequest: number | null };

/** A load run with the server's CPU time per completed request. */
export async function measuredLoad(pid: number, url: string, options: { connections: number; seconds: number }): Promise<MeasuredLoad> {
  const loadAverage = loadAverageNow();
  const cpuBefore = cpuTimeMs(pid);
  const result = await load(url, options);
  const cpuAfter = cpuTimeMs(pid);
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || result.completed === 0 ? null : Math.round(((cpuAfter - cpuBefore) * 1000) / result.completed);
  return { ...result, loadAverage, cpuUsPerRequest };
}

/**
 * The fields every row has: a server's load run, its memory as the run
 * ended, its first request, and whether it died.
 */
export function serverRow(
  kind: ServerKind,
  photos: number | null,
  result: MeasuredLoad,
  server: Child<unknown>,
  first: { firstRequest: TimedGet; peakAfterFirstMB: number | null },
): Row {
  const mem = memoryOf(server.pid);
  const crashed = crashNote(server);
  return {
    server: LABELS[kind],
    kind,
    photos,
    ...result,
    peakRssMB: mem?.peakMB ?? null,
    rssMB: mem?.rssMB ?? null,
    peakAfterFirstMB: first.peakAfterFirstMB,
    firstRequest: first.firstRequest,
    ...(crashed ? { crashed } : {}),
  };
}

export function describeFirst(first: TimedGet): string {
  return first.error ? `failed after ${fmt(first.ms, 0)} ms (${first.error})` : `${fmt(first.ms, 1)} ms (status ${first.status}, ${first.bytes} bytes)`;
}

/** The ceiling a photo-frame row is compared with: the one measured just before it, else the first. */
export function ceilingOf(row: Row, first: Row | undefined): number {
  return row.adjacentCeilingRps ?? first?.rps ?? NaN;
}
