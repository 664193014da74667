/**
 * The options of `registerPhotoFrameRoutes()` (register-photo-frame-routes.ts),
 * every one optional. Environment-neutral, so that pages and tests can type
 * the options they pass to a worker.
 */
export interface PhotoFrameRoutesOptions {
  /** Photo API URLs, as in `<photo-frame endpoint>`, handled from the start. Pages announce theirs too (see `learnFromPages`). */
  endpoints?: readonly string[];
  /** Origins (or any URLs on them) whose images are photos, besides the ones learned from the API's answers. */
  photoOrigins?: readonly string[];
  /** Accept the endpoints and photos that pages post (photo-frame-register.js does). Default `true`. */
  learnFromPages?: boolean;
  /** Seconds the API (and a page) may take before the worker answers from what it has. Default `3`. */
  networkTimeoutSeconds?: number;
  /** Images kept. Default `60` (about 20 MB of 1600-px JPEGs). */
  maxImages?: number;
  /** Seconds an image (and a remembered photo) is kept. Default 30 days. */
  maxImageAgeSeconds?: number;
  /** Photo answers remembered for offline picks. Default `200`. */
  maxPhotos?: number;
  /** Keep the pages read (navigations) and the site's own stylesheets, scripts and fonts, network first. Default `true`. */
  pages?: boolean;
  /** Pages and site files kept. Default `50`. */
  maxPages?: number;
  /** File names (in any folder) of photo-frame's browser files, served stale-while-revalidate. */
  scriptFiles?: readonly string[];
  /** Fetch one fresh pick (and its image) ahead, to answer the next request at once while online. Default `true`. */
  prefetch?: boolean;
  /** Seconds a pick fetched ahead stays usable. Default one day. */
  prefetchMaxAgeSeconds?: number;
  /** First part of every cache name. Default `photo-frame`. */
  cachePrefix?: string;
}
