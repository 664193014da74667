import { isApiError, isPhoto, LIMITS, type Photo } from '../contract.js';
import { PhotoFrameError } from './photo-events.js';

export interface FetchPhotoOptions {
  album?: string;
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** Asks the photo API for one photo and checks the answer against the contract. */
export async function fetchPhoto(endpoint: string, options: FetchPhotoOptions = {}): Promise<Photo> {
  const fix = "Set the endpoint attribute to your photo API's URL";
  // An empty endpoint would resolve to the page itself.
  if (!endpoint) throw new PhotoFrameError('invalid_endpoint', fix);
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw new PhotoFrameError('invalid_endpoint', `${fix} ("${endpoint}" is not one)`);
  }
  if (options.album) url.searchParams.set('album', options.album);
  const exclude = (options.exclude ?? []).slice(-LIMITS.excludeIds);
  if (exclude.length > 0) url.searchParams.set('exclude', exclude.join(','));
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal: options.signal ?? null });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const offline = !navigator.onLine;
    throw new PhotoFrameError(
      offline ? 'offline' : 'network',
      offline ? 'You are offline and no photo is saved yet' : 'The photo service cannot be reached',
      { cause: error },
      offline ? undefined : 0,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isPhoto(body)) return body;
  // Too many requests, or a server starting or failing: the next attempt may well succeed.
  const retryAfter = response.status === 429 || response.status >= 500 ? Number(response.headers.get('Retry-After')) || 0 : undefined;
  throw !response.ok && isApiError(body)
    ? new PhotoFrameError(body.error.code, body.error.message, undefined, retryAfter)
    : new PhotoFrameError('invalid_response', `The photo service answered ${response.status} without a photo`, undefined, retryAfter);
}
