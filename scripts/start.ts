/**
 * `npm start`: the photo API on the embedded local store (demo/photos) and the
 * demo blog beside it, each on its own origin as on a real site. No cloud
 * account needed. Ports: API_PORT (default 8080), DEMO_PORT (default 8000).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startDemoServer } from './demo-server.ts';

const apiPort = Number(process.env.API_PORT ?? 8080);
const demoPort = Number(process.env.DEMO_PORT ?? 8000);
const apiUrl = `http://localhost:${apiPort}`;

// The same entry point Cloud Functions loads: package.json "main", target "photo".
const frameworkMain = createRequire(import.meta.url).resolve('@google-cloud/functions-framework/build/src/main.js');
const api = spawn(process.execPath, [frameworkMain, '--target=photo', `--port=${apiPort}`], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { NODE_ENV: 'production', ...process.env },
});
api.on('exit', (code) => {
  console.error(`The photo API stopped (exit code ${code}); see the lines above.`);
  process.exit(code ?? 1);
});

const demo = await startDemoServer({ port: demoPort, apiUrl });
console.log(`\nphoto-frame is running:\n  photo API  ${apiUrl}/  (local store: ${process.env.PHOTOS_DIR ?? 'demo/photos'})\n  demo blog  ${demo.url}/\nPress Ctrl+C to stop.\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    api.kill(signal);
    demo.server.close();
    process.exit(0);
  });
}
