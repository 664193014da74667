import type { Config } from './parse-config.js';
import type { PhotoStore } from './photo-store.js';
import { GcsObjectReader } from './gcs-object-reader.js';
import { GcsStore } from './gcs-store.js';
import { LocalStore } from './local-store.js';
import { metadataServerToken } from './metadata-token.js';

/**
 * The store the configuration names: a bucket when BUCKET is set, else the
 * local folder. A bucket's catalog index is read with plain HTTP where no
 * client library is needed for credentials: against an emulator (none), and
 * on Cloud Run (the metadata server's tokens).
 */
export function createStore(config: Config): PhotoStore {
  if (config.store === 'gcs' && config.bucket) {
    const emulator = config.storageEmulatorHost;
    const reader = emulator
      ? new GcsObjectReader(config.bucket, { apiEndpoint: emulator })
      : config.metadataServer
        ? new GcsObjectReader(config.bucket, { token: metadataServerToken(config.metadataServer) })
        : undefined;
    return new GcsStore(config.bucket, {
      ...(emulator ? { apiEndpoint: emulator } : {}),
      ...(reader ? { reader } : {}),
      urlMode: config.urlMode,
      signedUrlWindowS: config.signedUrlWindowS,
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      ...(config.projectId ? { projectId: config.projectId } : {}),
    });
  }
  return new LocalStore(config.photosDir, config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {});
}
