/** The photo API benchmark's settings, from the environment, and the command that reproduces a run. */
import { envInt, envOverrides, envSeconds, envSizes } from './env.ts';
import { memoryCgroup, serverNodeOptions } from './spawn-server.ts';

export interface PhotoApiSettings {
  seconds: number;
  warmupSeconds: number;
  sizes: number[];
  connections: number;
  naiveConnections: number;
  /** Rounds of (ceiling, photo-frame) load runs per photo-frame row. */
  rounds: number;
  /** BENCH_MEMORY_CGROUP: every server under test ran in this memory cgroup (see spawnServer in spawn-server.ts). */
  cgroup?: { path: string; limitMiB: number };
  /** NODE_OPTIONS of every server under test (see serverNodeOptions in spawn-server.ts); '' for none. */
  nodeOptions: string;
}

export function photoApiSettings(): PhotoApiSettings {
  const cgroup = memoryCgroup();
  return {
    seconds: envSeconds('BENCH_SECONDS', 10),
    warmupSeconds: envSeconds('BENCH_WARMUP_SECONDS', 2),
    sizes: envSizes(),
    connections: 50,
    naiveConnections: 10,
    rounds: envInt('BENCH_ROUNDS', 3, 1),
    ...(cgroup ? { cgroup } : {}),
    nodeOptions: serverNodeOptions(),
  };
}

/** The command of a results file's "Reproduce": the environment only where it differs from the defaults. */
export function photoApiCommand(s: PhotoApiSettings): string {
  const env = envOverrides([
    ['BENCH_SECONDS', s.seconds, 10],
    ['BENCH_WARMUP_SECONDS', s.warmupSeconds, 2],
    ['BENCH_SIZES', s.sizes.join(','), '10,1000,10000,100000'],
    ['BENCH_ROUNDS', s.rounds, 3],
  ]);
  const cgroup = s.cgroup ? `BENCH_MEMORY_CGROUP=${s.cgroup.path} ` : '';
  const nodeOptions = process.env.BENCH_NODE_OPTIONS !== undefined ? `BENCH_NODE_OPTIONS=${JSON.stringify(s.nodeOptions)} ` : '';
  return `npm run build && ${env}${cgroup}${nodeOptions}npm run bench -- photo-api`;
}
