import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBucketName } from '../gcs/is-bucket-name.js';

/**
 * Every setting of the photo API, read from the environment in this one place.
 * docs/configuration.md's table repeats these names, defaults and meanings.
 */
export interface Config {
  /** `gcs` when BUCKET is set, else the embedded local folder. */
  store: 'local' | 'gcs';
  bucket?: string;
  photosDir: string;
  publicBaseUrl?: string;
  urlMode: 'public' | 'signed';
  signedUrlWindowS: number;
  catalogTtlS: number;
  staleIfErrorS: number;
  allowedOrigins: '*' | string[];
  projectId?: string;
  /** STORAGE_EMULATOR_HOST: a Cloud Storage emulator (or fake) instead of Google's endpoint, without credentials. */
  storageEmulatorHost?: string;
  /** On Cloud Run (Cloud Functions; K_SERVICE is set): the metadata server that gives access tokens (GCE_METADATA_HOST, as Google's libraries read it). */
  metadataServer?: string;
}

/** The repo's own demo photos: the default store, so a fresh clone runs with no cloud account. */
export const DEFAULT_PHOTOS_DIR = fileURLToPath(new URL('../../demo/photos', import.meta.url));

/** Thrown at start-up; the message says which variable is wrong and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not valid: set it to a whole number of seconds, at least ${min} (default ${fallback})`);
  }
  return n;
}

function absoluteUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a URL: set it like https://photos.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} must start with https:// (or http:// for local testing)`);
  }
  return raw.replace(/\/+$/, '');
}

function origins(raw: string | undefined): '*' | string[] {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '*') return '*';
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    const url = absoluteUrl('ALLOWED_ORIGINS', o);
    if (new URL(url).origin !== url) {
      throw new ConfigError(`ALLOWED_ORIGINS entry ${JSON.stringify(o)} must be an origin only, like https://blog.example.com (no path)`);
    }
    return url;
  });
}

/** Reads and validates the configuration; throws ConfigError on the first bad value. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const bucket = env.BUCKET?.trim() || undefined;
  if (bucket !== undefined && !isBucketName(bucket)) {
    throw new ConfigError(`BUCKET=${JSON.stringify(bucket)} is not a Cloud Storage bucket name: use the bare name (lowercase letters, digits, -, _ and .), without gs://`);
  }
  const urlMode = (env.URL_MODE?.trim() || 'public') as Config['urlMode'];
  if (urlMode !== 'public' && urlMode !== 'signed') {
    throw new ConfigError(`URL_MODE=${JSON.stringify(env.URL_MODE)} is not valid: use "public" (the bucket is publicly readable) or "signed" (V4 signed URLs)`);
  }
  if (urlMode === 'signed' && bucket === undefined) {
    throw new ConfigError('URL_MODE=signed needs BUCKET: the local store serves its own images and cannot sign URLs');
  }
  const publicBaseUrl = env.PUBLIC_BASE_URL?.trim() ? absoluteUrl('PUBLIC_BASE_URL', env.PUBLIC_BASE_URL.trim()) : undefined;
  const config: Config = {
    store: bucket === undefined ? 'local' : 'gcs',
    photosDir: path.resolve(env.PHOTOS_DIR?.trim() || DEFAULT_PHOTOS_DIR),
    urlMode,
    // A signed URL stays the same for one window, so browsers and the worker can cache it.
    signedUrlWindowS: seconds(env, 'SIGNED_URL_WINDOW_S', 3600, 60),
    catalogTtlS: seconds(env, 'CATALOG_TTL_S', 60, 1),
    staleIfErrorS: seconds(env, 'STALE_IF_ERROR_S', 86_400, 0),
    allowedOrigins: origins(env.ALLOWED_ORIGINS),
  };
  if (env.K_SERVICE?.trim()) config.metadataServer = env.GCE_METADATA_HOST?.trim() || 'metadata.google.internal';
  const emulator = env.STORAGE_EMULATOR_HOST?.trim().replace(/\/+$/, '');
  // Without a scheme the client library assumes https; so does the store.
  if (emulator) config.storageEmulatorHost = /^https?:\/\//.test(emulator) ? emulator : `https://${emulator}`;
  if (bucket !== undefined) config.bucket = bucket;
  if (publicBaseUrl !== undefined) config.publicBaseUrl = publicBaseUrl;
  const projectId = env.GOOGLE_CLOUD_PROJECT?.trim() || env.GCLOUD_PROJECT?.trim();
  if (projectId) config.projectId = projectId;
  if (signedUrlMax(config) > 7 * 86_400) {
    throw new ConfigError(`SIGNED_URL_WINDOW_S=${config.signedUrlWindowS} is too long: V4 signed URLs live at most 7 days, so use at most 302400 (3.5 days)`);
  }
  return config;
}

/** Longest lifetime a signed URL gets: up to two windows (see gcs-store's expiry rounding). */
export function signedUrlMax(config: Pick<Config, 'signedUrlWindowS'>): number {
  return 2 * config.signedUrlWindowS;
}
