import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repo root: the functions framework loads package.json "main" from here, as Cloud Functions does. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FRAMEWORK_BIN = fileURLToPath(new URL('../node_modules/.bin/functions-framework', import.meta.url));

export interface SpawnFunctionOptions {
  /** 0 picks a free port. */
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Where the function's log lines go: 'inherit' shows them, 'ignore' drops them (benchmarks). */
  stdout?: 'inherit' | 'ignore' | 'pipe';
}

export interface RunningFunction {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built photo API the way Cloud Functions does
 * (`functions-framework --target=photo`) and resolves once it answers.
 */
export async function spawnFunction(options: SpawnFunctionOptions = {}): Promise<RunningFunction> {
  const { env = {}, stdout = 'inherit' } = options;
  const port = options.port === 0 ? await freePort() : (options.port ?? 8080);
  const child = spawn(process.execPath, [FRAMEWORK_BIN, '--target=photo', `--port=${port}`], {
    cwd: ROOT,
    stdio: ['ignore', stdout, 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    if (stdout === 'inherit') process.stderr.write(chunk);
  });
  const url = `http://localhost:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`The photo API exited (code ${code}) before answering:\n${stderr}`))),
  );
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      try {
        await fetch(`${url}/photos?limit=1`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`The photo API did not answer at ${url} within 10 s`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return {
    child,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
