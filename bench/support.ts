/**
 * What the benchmarks share: child processes that are always killed, a load
 * run with exact latencies, and a process's peak memory.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, ROOT } from '../scripts/spawn-function.ts';

const FRAMEWORK_BIN = fileURLToPath(new URL('../node_modules/.bin/functions-framework', import.meta.url));

/**
 * BENCH_MEMORY_CGROUP: a memory cgroup directory you made (e.g. limited to
 * 256 MiB), whose limit every server under test runs with (see spawnServer);
 * undefined when unset.
 */
export function memoryCgroup(): { path: string; limitMiB: number; limitFile: string; limit: string } | undefined {
  const dir = process.env.BENCH_MEMORY_CGROUP;
  if (!dir) return undefined;
  if (!existsSync(path.join(dir, 'cgroup.procs'))) {
    throw new Error(`BENCH_MEMORY_CGROUP=${dir} is not a cgroup directory: create it first (see bench/README.md)`);
  }
  // cgroup v2 names the limit memory.max, v1 memory.limit_in_bytes.
  for (const file of ['memory.max', 'memory.limit_in_bytes']) {
    if (existsSync(path.join(dir, file))) {
      const limit = readFileSync(path.join(dir, file), 'utf8').trim();
      const bytes = Number(limit);
      if (Number.isFinite(bytes)) return { path: dir, limitMiB: Math.round(bytes / 2 ** 20), limitFile: file, limit };
    }
  }
  throw new Error(`BENCH_MEMORY_CGROUP=${dir} has no memory limit: write one to its memory.max (or memory.limit_in_bytes) first`);
}

/**
 * Node flags every server under test starts with: BENCH_NODE_OPTIONS when set
 * (empty for none); else, in a memoryCgroup(), which models the deployed
 * instance, the instance's own (package.json config.instanceNodeOptions, which
 * `npm run deploy` sets too); else none: this machine's defaults.
 */
export function serverNodeOptions(): string {
  const asked = process.env.BENCH_NODE_OPTIONS;
  if (asked !== undefined) return asked;
  if (!memoryCgroup()) return '';
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config?: { instanceNodeOptions?: string } };
  return pkg.config?.instanceNodeOptions ?? '';
}

/** Set by pinCores(): the core the servers under test run on. */
let serverCore: number | undefined;

/**
 * Gives the servers under test the last core to themselves and keeps this
 * process (the load generator) and every helper it starts on the others, with
 * `taskset`. Sharing both cores, the load generator and the server took turns
 * at random: the same code measured 120 to 142 µs of CPU a request from one
 * run to the next; pinned, 116 to 120. Returns what it did, for the report;
 * undefined (nothing pinned) with fewer than two cores, without taskset, or
 * with BENCH_PIN_CORES=0.
 */
export function pinCores(): { serverCore: number; loadCores: string } | undefined {
  const cores = allowedCores();
  if (process.env.BENCH_PIN_CORES === '0' || cores.length < 2) return undefined;
  const loadCores = cores.slice(0, -1).join(',');
  try {
    // -a: every thread of this process, so helpers started from any of them inherit it.
    execFileSync('taskset', ['-a', '-p', '-c', loadCores, String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  serverCore = cores.at(-1)!;
  return { serverCore, loadCores };
}

/** The cores this process may run on (a container may allow fewer than the machine has), from /proc/self/status. */
function allowedCores(): number[] {
  let list: string | undefined;
  try {
    list = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  } catch {
    // Not Linux: nothing is pinned.
  }
  if (!list) return [];
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/** Memory cgroups made by spawnServer so far (their names only need to differ). */
let cgroupsMade = 0;

/** How a server under test runs; spawnServer's defaults come from the environment (BENCH_MEMORY_CGROUP, BENCH_NODE_OPTIONS). */
export interface ServerSetup {
  /** The memory cgroup whose limit it gets (in a group of its own); none for this machine's defaults. */
  cgroup: ReturnType<typeof memoryCgroup>;
  /** Its NODE_OPTIONS ('' for none). */
  nodeOptions: string;
  /** The Node binary (default: the one running the benchmark). */
  node: string;
}

/**
 * `node ...args` for a server under test. With a memoryCgroup() it runs in a
 * memory cgroup of its own with that limit, as on a Cloud Functions instance
 * of that size: Node sizes V8's heap from the container's limit, so such an
 * instance garbage-collects far earlier than this machine's default heap
 * does. Its own, made beside BENCH_MEMORY_CGROUP and removed when it exits:
 * the ceiling and photo-frame run side by side, and in one shared group they
 * would be charged together, squeezing each other as two instances never do.
 * It starts with serverNodeOptions(), and after pinCores() it runs on the
 * server core. `setup` replaces any of these.
 */
export function spawnServer(args: string[], spawnOptions: SpawnOptions, setup: Partial<ServerSetup> = {}): ChildProcess {
  const { cgroup, nodeOptions, node } = { cgroup: memoryCgroup(), nodeOptions: serverNodeOptions(), node: process.execPath, ...setup };
  const options = nodeOptions ? { ...spawnOptions, env: { ...(spawnOptions.env ?? process.env), NODE_OPTIONS: nodeOptions } } : spawnOptions;
  const command = [...(serverCore === undefined ? [] : ['taskset', '-c', String(serverCore)]), node, ...args];
  if (!cgroup) return spawn(command[0]!, command.slice(1), options);
  const own = `${cgroup.path.replace(/\/+$/, '')}.server-${process.pid}-${++cgroupsMade}`;
  mkdirSync(own);
  writeFileSync(path.join(own, cgroup.limitFile), cgroup.limit);
  // The shell joins the group, then becomes node: the server runs inside from its first instruction.
  const child = spawn('/bin/sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', own, ...command], options);
  child.once('exit', () => removeCgroup(own));
  return child;
}

/** A cgroup directory is removed with rmdir once its processes are gone; the kernel may need a moment after the exit. */
function removeCgroup(dir: string, attempt = 0): void {
  try {
    rmdirSync(dir);
  } catch {
    if (attempt < 20) setTimeout(() => removeCgroup(dir, attempt + 1), 100).unref();
  }
}

/** Every child still running: killed in `stopAll()` and, as a last resort, when this process exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Child<T = Record<string, unknown>> {
  child: ChildProcess;
  pid: number;
  /** The JSON line the child printed once ready ({} when it prints none). */
  info: T;
  /** What the child wrote on stderr (the last 20 kB). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Keeps a child in the set killed on exit, its stderr's tail, and when it exits. */
export function track(child: ChildProcess): { stderr: () => string; exited: Promise<number | null> } {
  live.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? (signal ? -1 : null));
    });
  });
  return { stderr: () => stderr, exited };
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running (call it in a `finally`). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}

/**
 * Runs `node --import tsx <file> ...args` from the repo root and resolves with
 * the first JSON line it prints on stdout.
 */
export async function startTsxChild<T = Record<string, unknown>>(
  file: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
  /** A server under test (not a helper such as the fake): see spawnServer. */
  underTest = false,
): Promise<Child<T>> {
  const argv = ['--import', 'tsx', file, ...args];
  const child = (underTest ? spawnServer : (a: string[], o: SpawnOptions) => spawn(process.execPath, a, o))(argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  const { stderr, exited } = track(child);
  const info = await new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not report ready within ${timeoutMs} ms\n${stderr()}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // keep draining whatever follows
        resolve(JSON.parse(line) as T);
        return;
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (code ${code}) before reporting ready\n${stderr()}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return { child, pid: child.pid!, info, stderr, stop: () => stopChild(child) };
}

/**
 * Starts the BUILT photo API as Cloud Functions does (`functions-framework
 * --target=photo` from the repo root, like scripts/spawn-function.ts), its
 * stdout (one log line per request) to /dev/null. Ready is probed with a path
 * that answers 404 without touching the catalog, so the first `GET /` still
 * pays the catalog load and can be timed (spawnFunction's probe,
 * `/photos?limit=1`, would load it).
 */
export async function startPhotoFrame(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Child<{ url: string }>> {
  const port = await freePort();
  const child = spawnServer([FRAMEWORK_BIN, '--target=photo', `--port=${port}`], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  const { stderr, exited } = track(child);
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`The photo API exited before answering:\n${stderr()}`);
    try {
      const res = await fetch(`${url}/__bench_ready`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`The photo API did not answer at ${url} within ${timeoutMs} ms:\n${stderr()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, pid: child.pid!, info: { url }, stderr, stop: () => stopChild(child) };
}

/** Throws unless dist/ holds a build at least as new as every file the function is built from. */
export function assertBuilt(): void {
  const entry = path.join(ROOT, 'dist/function/index.js');
  if (!existsSync(entry)) throw new Error('dist/function/index.js is missing: run `npm run build` first');
  const built = statSync(entry).mtimeMs;
  for (const folder of ['src/function', 'src/format', 'src/gcs']) {
    const dir = path.join(ROOT, folder);
    const newer = readdirSync(dir).filter((f) => f.endsWith('.ts') && statSync(path.join(dir, f)).mtimeMs > built);
    if (newer.length > 0) throw new Error(`${folder}/${newer[0]} is newer than dist/: run \`npm run build\` first`);
  }
}

export interface Memory {
  /** Peak resident set (VmHWM), MB (10^6 bytes). */
  peakMB: number;
  /** Current resident set (VmRSS), MB. */
  rssMB: number;
}

/** A process's peak and current resident memory, from /proc (Linux). */
export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const mb = (k: number) => Math.round((k * 1024) / 1e5) / 10;
    return { peakMB: mb(kb('VmHWM')), rssMB: mb(kb('VmRSS')) };
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc
 * (Linux, clock ticks of 10 ms). Per request, it compares servers even when
 * other work on the machine slows them all down.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

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

/** A whole-number setting from the environment (BENCH_…), or its default; anything else stops the benchmark. */
export function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}=${raw} must be a whole number of at least ${min}`);
  return n;
}

/** A measurement for a results table: fixed digits, or – when there is none. */
export const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);

/** A count with thousands separators. */
export const int = (n: number): string => n.toLocaleString('en-US');

/** A git command's output in the repo (the commit a result was measured at), or '' outside a checkout. */
export function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** One target of a benchmark: met, missed, or not measured (null). */
export interface Target {
  name: string;
  met: boolean | null;
  detail: string;
}

/** A target as a line of a results file's "Targets" list. */
export const targetLine = (t: Target): string => `- **${t.met === null ? 'not measured' : t.met ? 'met' : 'missed'}**: ${t.name}: ${t.detail}`;

/** The commit measured, with "+changes" when src/ differs from it. */
export function commitMeasured(): string {
  const head = git(['rev-parse', '--short', 'HEAD']);
  return head ? `${head}${git(['status', '--porcelain', '--', 'src']) ? '+changes' : ''}` : 'unknown';
}

/** Where and when a benchmark ran, for its results file. */
export function machine(): { date: string; node: string; cpu: string; cores: number; platform: string } {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** Requests the GCS fake (bench/fake-gcs-process.ts) has seen, by kind, from its control port. */
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

/** How a child died during a run (with the tail of its stderr), or undefined while it runs. */
export function crashNote(child: Child<unknown>): string | undefined {
  const { exitCode, signalCode } = child.child;
  if (exitCode === null && signalCode === null) return undefined;
  const tail = child.stderr().trim().split('\n').slice(-3).join(' | ');
  return `exited (code ${exitCode ?? signalCode}) during the run${tail ? `: ${tail.slice(0, 300)}` : ''}`;
}

/** Median, nearest-rank p90, extremes and count of some samples; null without any. */
export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { n: sorted.length, median, p90: sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

/**
 * Runs callbacks `delayMs` later, as a distant server would answer; cancel()
 * drops the ones still waiting (a benchmark server closing).
 */
export function delayer(delayMs: number): { later(fn: () => void): void; cancel(): void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    later(fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timers.add(timer);
    },
    cancel() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
