import { spawn, type ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from '../spawn-function.js';
import { memoryMib, type InstanceSettings } from './deploy-config.js';
import { cleanEnv } from './buildpack-build.js';
import { DeployError } from './deploy-error.js';

export interface RuntimeOptions {
  /** The function's own environment variables (the env-vars file's). */
  env: Record<string, string>;
  functionName: string;
  memory: InstanceSettings['memory'];
  /** How long to wait for the first answer (default 30 s). */
  timeoutMs?: number;
}

export interface RunningInstance {
  url: string;
  /** From spawn to the first HTTP answer to GET /, in ms. */
  firstAnswerMs: number;
  firstStatus: number;
  nodeOptions: string;
  /** What the instance wrote so far (its log lines and errors). */
  output(): string;
  stop(): Promise<void>;
}

/** The heap flag the Cloud Functions runtime appends to NODE_OPTIONS: about 80% of the memory limit. */
export function runtimeHeapFlag(memory: InstanceSettings['memory']): string {
  return `--max-old-space-size=${Math.floor(memoryMib({ memory }) * 0.8)}`;
}

/**
 * Starts a built function as the nodejs22 runtime does: its own
 * `node_modules/.bin/functions-framework`, with PORT, FUNCTION_TARGET,
 * FUNCTION_SIGNATURE_TYPE, K_SERVICE/K_REVISION, the function's environment
 * and NODE_OPTIONS plus the heap flag. Resolves at the first answer to GET /.
 */
export async function startAsRuntime(dir: string, options: RuntimeOptions): Promise<RunningInstance> {
  const bin = path.join(dir, 'node_modules/.bin/functions-framework');
  try {
    await access(bin);
  } catch {
    throw new DeployError('Rehearsal failed at the start: node_modules/.bin/functions-framework is missing after the build: list @google-cloud/functions-framework in the function\'s dependencies');
  }
  const port = await freePort();
  const nodeOptions = [options.env.NODE_OPTIONS, runtimeHeapFlag(options.memory)].filter(Boolean).join(' ');
  const started = performance.now();
  const child: ChildProcess = spawn(bin, [], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv({
      ...options.env,
      NODE_OPTIONS: nodeOptions,
      PORT: String(port),
      FUNCTION_TARGET: 'photo',
      FUNCTION_SIGNATURE_TYPE: 'http',
      K_SERVICE: options.functionName,
      K_REVISION: `${options.functionName}-00001-rehearsal`,
      K_CONFIGURATION: options.functionName,
    }),
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = started + (options.timeoutMs ?? 30_000);
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/`);
      const firstAnswerMs = performance.now() - started;
      await response.arrayBuffer();
      return { url, firstAnswerMs, firstStatus: response.status, nodeOptions, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  await stop();
  const last = output.trim().split('\n').slice(-1)[0] ?? '';
  throw new DeployError(
    `Rehearsal failed at the start: the function ${child.exitCode !== null ? `exited with code ${child.exitCode}` : `did not answer within ${(options.timeoutMs ?? 30_000) / 1000} s`} before answering GET /${last ? `: ${last.trim()}` : ''}`,
  );
}
