/**
 * registerPhotoFrameRoutes()'s options with their defaults filled in, and the
 * names of the worker's caches. Pure, so that Node tests can check them.
 */
import type { PhotoFrameRoutesOptions } from './routes-options.js';

/** Part of every cache name (`photo-frame-images-v1`): a new version starts with empty caches and deletes the old ones. */
export const CACHE_VERSION = 1;

const DAY = 24 * 60 * 60;

/** The files photo-frame.js loads from its own folder when a feature is first used (scripts/build-bundle.ts writes them). */
export const ELEMENT_CHUNKS = ['photo-frame-slideshow.js', 'photo-frame-placeholder.js', 'photo-frame-view.js', 'photo-frame-details.js', 'photo-frame-status.js'];

const DEFAULTS: Required<PhotoFrameRoutesOptions> = {
  endpoints: [],
  photoOrigins: [],
  learnFromPages: true,
  networkTimeoutSeconds: 3,
  maxImages: 60,
  maxImageAgeSeconds: 30 * DAY,
  maxPhotos: 200,
  pages: true,
  maxPages: 50,
  scriptFiles: ['photo-frame.js', ...ELEMENT_CHUNKS, 'photo-frame.css', 'photo-frame-register.js'],
  prefetch: true,
  prefetchMaxAgeSeconds: DAY,
  cachePrefix: 'photo-frame',
};

const CACHE_KINDS = ['images', 'photos', 'pages', 'scripts', 'state'] as const;

export type CacheNames = Record<(typeof CACHE_KINDS)[number], string>;

export function routeSettings(options: PhotoFrameRoutesOptions = {}) {
  // An option given as undefined takes its default too.
  const settings = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) };
  // As in Workbox's page recipe: a positive number of seconds, else the default.
  if (!(settings.networkTimeoutSeconds > 0)) settings.networkTimeoutSeconds = DEFAULTS.networkTimeoutSeconds;
  return { ...settings, cacheNames: cacheNames(settings.cachePrefix) };
}

export type RouteSettings = ReturnType<typeof routeSettings>;

export function cacheNames(prefix: string): CacheNames {
  return Object.fromEntries(CACHE_KINDS.map((kind) => [kind, `${prefix}-${kind}-v${CACHE_VERSION}`])) as CacheNames;
}

/** Whether `name` is one of the caches of `prefix`, of another version than this one (someone else's caches never are). */
export function isOtherVersion(name: string, prefix: string): boolean {
  return CACHE_KINDS.some((kind) => {
    const version = name.startsWith(`${prefix}-${kind}-v`) ? name.slice(`${prefix}-${kind}-v`.length) : '';
    return /^\d+$/.test(version) && Number(version) !== CACHE_VERSION;
  });
}
