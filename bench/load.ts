/** Timed requests: one GET, or an autocannon load run with exact latencies. */
import autocannon from 'autocannon';

export interface TimedGet {
  ms: number;
  status?: number;
  bytes?: number;
  error?: string;
}

/** One GET, timed, bounded by `timeoutMs`; never throws. */
export async function timedGet(url: string, timeoutMs: number): Promise<TimedGet> {
  const started = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status, bytes: body.byteLength };
  } catch (error) {
    const e = error as Error;
    return { ms: performance.now() - started, error: e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : e.message };
  }
}

export interface LoadResult {
  connections: number;
  /** Seconds actually run. */
  seconds: number;
  /** 2xx answers. */
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx answers per second. */
  rps: number;
  /** Of 2xx answers, exact (not histogram-rounded); null when none completed. */
  medianMs: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * autocannon `GET url` for `seconds` with `connections` connections.
 * Latencies are collected from every 2xx answer as measured (fractions of a
 * millisecond kept), since autocannon's histogram rounds to whole milliseconds.
 */
export async function load(url: string, { connections, seconds }: { connections: number; seconds: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, timeout: Math.max(seconds * 2, 20) });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  // A bound on the phase, whatever happens: autocannon ends on its own at `seconds`.
  const watchdog = setTimeout(() => instance.stop(), (seconds + 30) * 1000);
  let result: autocannon.Result;
  try {
    result = await instance;
  } finally {
    clearTimeout(watchdog);
  }
  const sorted = Float64Array.from(latencies).sort();
  const completed = sorted.length;
  const sum = latencies.reduce((a, b) => a + b, 0);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    connections,
    seconds: result.duration,
    completed,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: Math.round((completed / result.duration) * 10) / 10,
    medianMs: completed ? round(percentile(sorted, 0.5)) : null,
    p99Ms: completed ? round(percentile(sorted, 0.99)) : null,
    meanMs: completed ? round(sum / completed) : null,
  };
}
