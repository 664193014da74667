import { isApiError, isPhoto, LIMITS, type Photo } from '../contract.js';
import { PhotoFrameError } from './photo-events.js';

export interface FetchPhotoOptions {
  album?: string;
  exclude?: readonly string[];
  signal?: AbortSignal;
}

/** Asks the photo API for one photo and checks the answer against the contract. */
export async function fetchPhoto(endpoint: string, options: FetchPhotoOptions = {}): Promise<Photo> {
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw new PhotoFrameError('invalid_endpoint', `endpoint "${endpoint}" is not a URL: set it to your photo API's address`);
  }
  if (options.album) url.searchParams.set('album', options.album);
  const exclude = (options.exclude ?? []).slice(-LIMITS.excludeIds);
  if (exclude.length > 0) url.searchParams.set('exclude', exclude.join(','));
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal: options.signal ?? null });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new PhotoFrameError(
      offline ? 'offline' : 'network',
      offline ? 'You are offline and no photo is saved yet' : 'The photo service cannot be reached',
      { cause: error },
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new PhotoFrameError('invalid_response', `The photo service answered ${response.status} without JSON`, { cause: error });
  }
  if (!response.ok) {
    throw isApiError(body)
      ? new PhotoFrameError(body.error.code, body.error.message)
      : new PhotoFrameError('invalid_response', `The photo service answered ${response.status}`);
  }
  if (!isPhoto(body)) throw new PhotoFrameError('invalid_response', 'The photo service answered something that is not a photo');
  return body;
}
