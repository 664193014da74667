/**
 * `npm start`: the photo API on the embedded local store (demo/photos) and the
 * demo blog beside it, each on its own origin as on a real site. No cloud
 * account needed. Ports: API_PORT (default 8080), DEMO_PORT (default 8000).
 */
import { startDemoServer } from './demo-server.ts';
import { spawnFunction } from './spawn-function.ts';

const apiPort = Number(process.env.API_PORT ?? 8080);
const demoPort = Number(process.env.DEMO_PORT ?? 8000);

const api = await spawnFunction({ port: apiPort });
api.child.on('exit', (code) => {
  console.error(`The photo API stopped (exit code ${code}); see the lines above.`);
  process.exit(code ?? 1);
});
const demo = await startDemoServer({ port: demoPort, apiUrl: api.url });
console.log(`
photo-frame is running:
  photo API  ${api.url}/   (local store: ${process.env.PHOTOS_DIR ?? 'demo/photos'}; its log lines follow)
  demo blog  ${demo.url}/
Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    demo.server.close();
    await api.stop();
    process.exit(0);
  });
}
