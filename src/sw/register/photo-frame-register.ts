/**
 * `dist/photo-frame-register.js`: registers the photo-frame service worker
 * (through workbox-window) and keeps it informed. A separate module, so the
 * element's own bundle does not grow: a page opts in with one line,
 *
 *   <script type="module" src="/photo-frame-register.js" data-service-worker="/photo-frame-sw.js"></script>
 *
 * or calls `registerServiceWorker('/photo-frame-sw.js')` from its own module.
 *
 * What it does besides registering:
 * - tells the worker each `<photo-frame>`'s endpoint, so the worker handles
 *   that photo API (also on the next visit, before any photo is asked for);
 * - posts each photo shown (`photo-change`) with the image the page loaded:
 *   the worker remembers it for offline reading and caches that image. This
 *   is how the first visit's photo, loaded before the worker controlled the
 *   page, ends up in the cache too;
 * - brings frames back online: while a frame shows its offline state, the
 *   photo API is probed (a HEAD request, which the worker passes through),
 *   after 2 s and then less and less often (at most every 15 s), and at once
 *   on the browser's `online` event; once it answers, those frames show a new photo.
 */
import { Workbox } from 'workbox-window';
import { isPhoto, type Photo } from '../../contract.js';
import type { MessageReply, PhotoFrameMessage } from '../messages.js';

export const DEFAULT_SERVICE_WORKER = '/photo-frame-sw.js';

/** The parts of `<photo-frame>` this module uses (it does not import the element). */
interface FrameLike extends HTMLElement {
  endpoint: string;
  album: string;
  state: string;
  photo: Photo | undefined;
  next(): Promise<void>;
}

export interface RegisterServiceWorkerOptions {
  /** The worker's scope; by default the folder of its script (the site root for `/photo-frame-sw.js`). */
  scope?: string;
  /** First and longest wait between probes of an unreachable photo API, in ms. Default 2,000 and 15,000. */
  reconnectMs?: { first: number; max: number };
}

export interface PhotoFrameServiceWorker {
  workbox: Workbox;
  /** Resolves with the registration (undefined when registering failed). */
  registration: Promise<ServiceWorkerRegistration | undefined>;
  /** Sends a message and resolves with the worker's reply. */
  message(message: PhotoFrameMessage): Promise<MessageReply>;
  /** Resolves once the worker has finished its background work (caching, prefetching). */
  settle(): Promise<MessageReply>;
  /** Stops listening to the page (the worker stays registered). */
  disconnect(): void;
}

let current: PhotoFrameServiceWorker | undefined;

/**
 * Registers the worker at `url` (once per page: a second call returns the
 * first one's handle) and connects the page's `<photo-frame>` elements to it.
 * Undefined where service workers are not available (an old browser, an
 * insecure origin): the element then works as before, without them.
 */
export function registerServiceWorker(url: string = DEFAULT_SERVICE_WORKER, options: RegisterServiceWorkerOptions = {}): PhotoFrameServiceWorker | undefined {
  if (current) return current;
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return undefined;
  const { first, max } = options.reconnectMs ?? { first: 2_000, max: 15_000 };
  const workbox = new Workbox(url, options.scope ? { scope: options.scope } : undefined);
  const message = (m: PhotoFrameMessage) => workbox.messageSW(m) as Promise<MessageReply>;
  const frames = () => [...document.querySelectorAll<FrameLike>('photo-frame')];

  const post = (m: PhotoFrameMessage) => {
    message(m).catch(() => undefined);
  };
  const announce = (frame: FrameLike) => {
    if (!frame.endpoint) return;
    const endpoint = new URL(frame.endpoint, document.baseURI).href;
    const album = frame.album || undefined;
    const photo = frame.photo;
    if (photo && isPhoto(photo)) {
      const image = frame.shadowRoot?.querySelector('img')?.currentSrc || undefined;
      post({ type: 'photo-frame:photo', endpoint, album, photo, image });
    } else {
      post({ type: 'photo-frame:endpoint', endpoint, album });
    }
  };

  // Reconnecting frames that show their offline state.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = first;
  const offlineFrames = () => frames().filter((f) => f.state === 'offline' && f.endpoint);
  const schedule = () => {
    if (timer !== undefined) return;
    if (offlineFrames().length === 0) {
      delay = first;
      return;
    }
    timer = setTimeout(probe, delay);
    delay = Math.min(delay * 2, max);
  };
  async function probe(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    const byEndpoint = new Map<string, FrameLike[]>();
    for (const f of offlineFrames()) byEndpoint.set(f.endpoint, [...(byEndpoint.get(f.endpoint) ?? []), f]);
    for (const [endpoint, group] of byEndpoint) {
      try {
        // HEAD: the worker handles GET only, so this reaches the network (and costs the API no pick body).
        await fetch(new URL(endpoint, document.baseURI), { method: 'HEAD', credentials: 'omit', cache: 'no-store' });
      } catch {
        continue;
      }
      delay = first;
      await Promise.all(group.filter((f) => f.state === 'offline').map((f) => f.next().catch(() => undefined)));
    }
    schedule();
  }

  const onChange = (event: Event) => {
    const frame = event.composedPath()[0];
    if (frame instanceof HTMLElement && frame.localName === 'photo-frame') announce(frame as FrameLike);
    schedule();
  };
  const onOnline = () => {
    delay = first;
    void probe();
  };
  document.addEventListener('photo-change', onChange);
  document.addEventListener('photo-error', schedule);
  window.addEventListener('online', onOnline);

  const registration = workbox.register().then(
    (r) => {
      // Already shown, and every frame's endpoint (also when the worker starts controlling the page later).
      for (const f of frames()) announce(f);
      schedule();
      return r;
    },
    () => undefined,
  );
  workbox.addEventListener('controlling', () => {
    for (const f of frames()) announce(f);
  });

  current = {
    workbox,
    registration,
    message,
    settle: () => message({ type: 'photo-frame:settle' }),
    disconnect: () => {
      document.removeEventListener('photo-change', onChange);
      document.removeEventListener('photo-error', schedule);
      window.removeEventListener('online', onOnline);
      clearTimeout(timer);
      current = undefined;
    },
  };
  return current;
}

// Loaded by <script type="module" src=".../photo-frame-register.js" data-service-worker="/photo-frame-sw.js">:
// registers by itself. Imported from another module, it waits for a call.
const tag = typeof document === 'undefined' ? undefined : [...document.querySelectorAll<HTMLScriptElement>('script[data-service-worker]')].find((s) => s.src === import.meta.url);
if (tag) registerServiceWorker(tag.dataset.serviceWorker || DEFAULT_SERVICE_WORKER, tag.dataset.scope ? { scope: tag.dataset.scope } : {});
