/** The built photo API, started as Cloud Functions starts it. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, ROOT } from '../scripts/spawn-function.ts';
import { spawnServer } from './spawn-server.ts';
import { stopChild, track, type Child } from './start-tsx-child.ts';

const FRAMEWORK_BIN = fileURLToPath(new URL('../node_modules/.bin/functions-framework', import.meta.url));

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
