/** One cold start: a function spawned as the runtime spawns it, timed to its first `200` on `GET /`. */
import { parseInstanceSettings } from '../scripts/deploy/deploy-config.ts';
import { runtimeHeapFlag } from '../scripts/deploy/start-as-runtime.ts';
import { freePort } from '../scripts/spawn-function.ts';
import type { FunctionUnderTest } from './cold-start-function.ts';
import { cpuTimeMs } from './process-usage.ts';
import { spawnServer, type ServerSetup } from './spawn-server.ts';
import { stopChild, track } from './start-tsx-child.ts';

export interface ColdStartConfig {
  name: 'as deployed' | "this machine's defaults";
  setup: Pick<ServerSetup, 'cgroup' | 'nodeOptions'>;
}

export interface Sample {
  ms: number | null;
  /** CPU time (user + system) the server had used when its first answer arrived, ms: what it did, without the waits of a shared machine. */
  cpuMs?: number;
  error?: string;
  /** Requests the fake saw until the first answer (photo-frame), by kind. */
  storage?: Record<string, number>;
}

/** The instance's NODE_OPTIONS as deployed: package.json config.instanceNodeOptions plus the runtime's heap flag for its memory. */
export function deployedNodeOptions(): string {
  const { memory, nodeOptions } = parseInstanceSettings(process.env);
  return [nodeOptions, runtimeHeapFlag(memory)].filter(Boolean).join(' ');
}

/** Spawns one server and times spawn → first 200 on GET / (polling until it listens); always stops it. */
export async function timeColdStart(
  fn: FunctionUnderTest,
  env: Record<string, string>,
  setup: ColdStartConfig['setup'],
  node: string,
  /** Run once the first answer is in, before the server is stopped. */
  onAnswer: () => Promise<Partial<Sample>> = async () => ({}),
  timeoutMs = 120_000,
): Promise<Sample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnServer([fn.frameworkMain], {
    cwd: fn.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...fn.env, ...env, PORT: String(port), FUNCTION_SIGNATURE_TYPE: 'http', K_SERVICE: 'photo', K_REVISION: 'photo-00001-bench', NODE_ENV: 'production' },
  }, { ...setup, node });
  const { stderr } = track(child);
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) return { ms: null, error: `exited before answering: ${stderr().trim().split('\n').slice(-2).join(' | ').slice(0, 300)}` };
      if (performance.now() - started > timeoutMs) return { ms: null, error: `no answer within ${timeoutMs / 1000} s` };
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
        const ms = performance.now() - started;
        const body = await res.text();
        const cpuMs = cpuTimeMs(child.pid!);
        return res.status === 200 ? { ms, ...(cpuMs === undefined ? {} : { cpuMs }), ...(await onAnswer()) } : { ms: null, error: `status ${res.status}: ${body.slice(0, 200)}` };
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    await stopChild(child);
  }
}
