/**
 * How a server under test is started: its memory cgroup, its Node flags and
 * the core it runs on, as on a Cloud Functions instance.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/spawn-function.ts';

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
