/**
 * A web-test-runner command that changes an origin's storage quota in the
 * test's Chromium, through the DevTools protocol's
 * `Storage.overrideQuotaForOrigin` on the page that runs the test (the
 * launcher's puppeteer page). With a quota smaller than what is stored, every
 * Cache Storage write of that origin really fails with a QuotaExceededError,
 * as on a full device.
 *
 * In a test:
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   await executeServerCommand('storage-quota', { origin: location.origin, quotaSize: 1 });
 *   await executeServerCommand('storage-quota', { origin: location.origin });  // back to the default
 *
 * Chromium keeps an override only while the DevTools session that set it is
 * attached: the session stays open until the quota is set back (or the test
 * session ends).
 */
export function storageQuotaPlugin() {
  /** Test session id → the DevTools session holding its override. */
  const held = new Map();
  const release = async (id) => {
    const cdp = held.get(id);
    held.delete(id);
    await cdp?.detach().catch(() => undefined);
  };
  return {
    name: 'storage-quota',
    async executeCommand({ command, payload, session }) {
      if (command !== 'storage-quota') return undefined;
      if (session.browser.type !== 'puppeteer') {
        throw new Error(`storage-quota needs a Chromium launched through puppeteer, not ${session.browser.type}`);
      }
      const { origin, quotaSize } = payload ?? {};
      if (typeof origin !== 'string') throw new Error('storage-quota: pass { origin, quotaSize? }');
      let cdp = held.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        held.set(session.id, cdp);
      }
      if (quotaSize === undefined) {
        await cdp.send('Storage.overrideQuotaForOrigin', { origin });
        await release(session.id);
      } else {
        await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
      }
      return true;
    },
    async serverStop() {
      await Promise.all([...held.keys()].map(release));
    },
  };
}
