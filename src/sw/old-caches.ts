/**
 * Updates: when this version activates, the photo-frame caches of other
 * versions go (the times of their writes with their state cache). Other
 * caches of the origin are left alone.
 */
import { isOtherVersion } from './route-settings.js';

declare const self: ServiceWorkerGlobalScope;

export function deleteOldCachesOnActivate(prefix: string): void {
  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) {
          if (isOtherVersion(name, prefix)) await caches.delete(name);
        }
      })(),
    );
  });
}
