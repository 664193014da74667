/** The worker with `prefetch: false`, bundled from source as dist/photo-frame-sw.js is. */
import { build } from 'esbuild';
import { ROOT } from '../scripts/spawn-function.ts';

export async function noPrefetchWorker(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        "import { clientsClaim } from 'workbox-core';\n" +
        "import { registerPhotoFrameRoutes } from './src/sw/register-photo-frame-routes.ts';\n" +
        "self.addEventListener('install', () => self.skipWaiting());\nclientsClaim();\nregisterPhotoFrameRoutes({ prefetch: false });\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
