import type { Config } from './parse-config.js';
import type { PhotoStore } from './photo-store.js';
import { GcsStore } from './gcs-store.js';
import { LocalStore } from './local-store.js';

/** The store the configuration names: a bucket when BUCKET is set, else the local folder. */
export function createStore(config: Config): PhotoStore {
  if (config.store === 'gcs' && config.bucket) {
    return new GcsStore(config.bucket, {
      urlMode: config.urlMode,
      signedUrlWindowS: config.signedUrlWindowS,
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      ...(config.projectId ? { projectId: config.projectId } : {}),
    });
  }
  return new LocalStore(config.photosDir, config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {});
}
