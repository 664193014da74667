/** Child processes of a benchmark: always killed, their stderr kept, ready when they print a JSON line. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { ROOT } from '../scripts/spawn-function.ts';
import { spawnServer } from './spawn-server.ts';

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

/** How a child died during a run (with the tail of its stderr), or undefined while it runs. */
export function crashNote(child: Child<unknown>): string | undefined {
  const { exitCode, signalCode } = child.child;
  if (exitCode === null && signalCode === null) return undefined;
  const tail = child.stderr().trim().split('\n').slice(-3).join(' | ');
  return `exited (code ${exitCode ?? signalCode}) during the run${tail ? `: ${tail.slice(0, 300)}` : ''}`;
}
