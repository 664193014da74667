// Browser tests (the <photo-frame> element and the service worker) in a
// headless Chromium. Run with `npm run test:browser`, which finds a Chromium
// and sets CHROME_PATH (scripts/find-chromium.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
// A dependency of @web/test-runner: sendKeys/sendMouse are registered by default, a11ySnapshot is not.
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM_ARGS } from './scripts/find-chromium.mjs';
import { createTestPhotoApi } from './test/element/support/test-photo-api.mjs';
import { inputPlugin } from './test/element/support/input-plugin.mjs';
import { swScripts } from './test/sw/browser/support/sw-scripts.mjs';
import { startSwTestServer } from './test/sw/browser/support/sw-test-server.mjs';
import { storageQuotaPlugin } from './test/sw/browser/support/storage-quota-plugin.mjs';

// The service worker tests' photo API and images: a separate origin (see the file).
const swServer = await startSwTestServer();

export default {
  files: ['test/element/**/*.test.ts', 'test/sw/browser/**/*.test.ts'],
  nodeResolve: true,
  // One test file at a time: the test photo API's request log and counters are
  // shared by every page the runner opens.
  concurrency: 1,
  // The test photo API under /test-api/ (see test/element/support/test-photo-api.mjs), and the
  // service workers at the root with the photo server's origin (test/sw/browser/support/sw-scripts.mjs).
  middleware: [createTestPhotoApi(), swScripts({ photoOrigin: swServer.origin })],
  plugins: [
    // The element's tsconfig, as in the build: useDefineForClassFields false, so its field
    // initialisers do not shadow Lit's reactive accessors.
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.element.json', target: 'es2022' }),
    a11ySnapshotPlugin(),
    // `storage-quota`: a real QuotaExceededError for the service worker's quota test (see the file).
    storageQuotaPlugin(),
    // `touch` and `wheel`: real touch and wheel input, for the full-size view's tests (see the file).
    inputPlugin(),
    { name: 'sw-test-server', serverStop: () => swServer.close() },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        // Scrollbars take room in the layout as on a desktop, so that a test sees the page move if one went away.
        ignoreDefaultArgs: ['--hide-scrollbars'],
      },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
};
