/**
 * web-test-runner middleware for the service worker tests: serves the worker
 * scripts at the site root, bundled from source with esbuild (Workbox in
 * production mode, as in dist/), so the tests need no build and a worker's
 * scope can be `/`:
 *
 *   /photo-frame-sw.js       src/sw/photo-frame-sw.ts, the worker as shipped (classic script)
 *   /sw-test-worker?options=<JSON>
 *                            test/sw/browser/support/test-worker.js: registerPhotoFrameRoutes(options),
 *                            skipWaiting and clientsClaim; a new query is a new worker
 *   /sw-test-register        src/sw/register/photo-frame-register.ts as an ES module (workbox-window bundled)
 *   /sw-test-config          JSON: {"origin": the photo server's origin} (sw-test-server.mjs)
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const SCRIPTS = {
  '/photo-frame-sw.js': { entry: 'src/sw/photo-frame-sw.ts', format: 'iife' },
  '/sw-test-worker': { entry: 'test/sw/browser/support/test-worker.js', format: 'iife' },
  '/sw-test-register': { entry: 'src/sw/register/photo-frame-register.ts', format: 'esm' },
};

export function swScripts({ photoOrigin }) {
  const bundles = new Map();
  const bundle = (path) => {
    if (!bundles.has(path)) {
      const { entry, format } = SCRIPTS[path];
      const done = build({
        absWorkingDir: ROOT,
        entryPoints: [entry],
        bundle: true,
        write: false,
        format,
        target: 'es2022',
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      }).then((r) => r.outputFiles[0].text);
      done.catch(() => bundles.delete(path));
      bundles.set(path, done);
    }
    return bundles.get(path);
  };
  return async function swScriptsMiddleware(ctx, next) {
    if (ctx.path === '/sw-test-config') {
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ origin: photoOrigin });
      return;
    }
    if (!Object.hasOwn(SCRIPTS, ctx.path)) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Service-Worker-Allowed', '/');
    ctx.type = 'text/javascript; charset=utf-8';
    ctx.body = await bundle(ctx.path);
  };
}
