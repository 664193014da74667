// Helpers for the service worker tests: registering a worker with options,
// talking to it, the photo server (sw-test-server.mjs) and cleaning up.
import { waitUntil } from '@open-wc/testing';
import type { Photo } from '../../../../src/contract.js';
import type { PhotoFrameMessage, MessageReply } from '../../../../src/sw/messages.js';
import type { PhotoFrameRoutesOptions } from '../../../../src/sw/routes-options.js';

let photoOrigin: string | undefined;

/** The photo server's origin (127.0.0.1: another origin than the test page's localhost). */
export async function origin(): Promise<string> {
  photoOrigin ??= ((await (await fetch('/sw-test-config', { cache: 'no-store' })).json()) as { origin: string }).origin;
  return photoOrigin;
}

let counter = 0;

/** A namespace on the photo server of its own, per test: counters, log and switches. */
export async function namespace() {
  const ns = `t${Date.now().toString(36)}${(counter++).toString(36)}`;
  const base = `${await origin()}/${ns}`;
  return {
    ns,
    /** The photo API's endpoint, as in `<photo-frame endpoint>`. */
    api: `${base}/api/`,
    image: (name: string) => `${base}/img/${name}`,
    errorImage: (status: number) => `${base}/img-error/${status}`,
    /** Cache prefix of this test's worker, so no test sees another's caches. */
    prefix: `pf-${ns}`,
    async control(settings: { down?: boolean; delay?: number; sig?: string }): Promise<void> {
      const q = new URLSearchParams();
      if (settings.down !== undefined) q.set('down', settings.down ? '1' : '0');
      if (settings.delay !== undefined) q.set('delay', String(settings.delay));
      if (settings.sig !== undefined) q.set('sig', settings.sig);
      await fetch(`${base}/control?${q}`, { cache: 'no-store' });
    },
    /** Every request the photo server saw for this namespace, as `GET /path?query`. */
    async log(): Promise<string[]> {
      return (await (await fetch(`${base}/log`, { cache: 'no-store' })).json()) as string[];
    },
  };
}

export type Namespace = Awaited<ReturnType<typeof namespace>>;

/** The URL of the test worker with these options. */
export const workerUrl = (options: PhotoFrameRoutesOptions) => `/sw-test-worker?${new URLSearchParams({ options: JSON.stringify(options) })}`;

/** Registers a worker and waits until it controls this page. */
export async function useWorker(url: string): Promise<ServiceWorkerRegistration> {
  const registration = await navigator.serviceWorker.register(url, { scope: '/' });
  const href = new URL(url, location.href).href;
  await waitUntil(() => navigator.serviceWorker.controller?.scriptURL === href, `the worker ${url} did not take control`, { timeout: 4000, interval: 20 });
  return registration;
}

/** Sends a message to the controlling worker and resolves with its reply. */
export function message(m: PhotoFrameMessage, timeout = 4000): Promise<MessageReply> {
  const worker = navigator.serviceWorker.controller;
  if (!worker) return Promise.reject(new Error('no worker controls this page'));
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error(`no reply to ${m.type} within ${timeout} ms`)), timeout);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data as MessageReply);
    };
    worker.postMessage(m, [channel.port2]);
  });
}

/** Waits until the worker's background work (cache writes, revalidation, prefetch, expiration) is done. */
export async function settle(): Promise<void> {
  const reply = await message({ type: 'photo-frame:settle' });
  if (!reply.ok) throw new Error(`settle failed: ${reply.error}`);
}

/** Asks the API as the element does (credentials omitted). */
export async function pick(api: string, query: Record<string, string> = {}): Promise<{ status: number; body: Photo & { error?: { code: string } }; source: string | null }> {
  const url = new URL(api);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, { credentials: 'omit' });
  return { status: res.status, body: (await res.json()) as Photo & { error?: { code: string } }, source: res.headers.get('X-Photo-Frame-Source') };
}

/** Loads an image with an `<img>` (crossorigin when asked) and resolves once it loaded or failed. */
export function loadImage(url: string, crossOrigin: boolean): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    if (crossOrigin) img.crossOrigin = 'anonymous';
    const timer = setTimeout(() => reject(new Error(`${url} neither loaded nor failed within 4 s`)), 4000);
    img.onload = img.onerror = () => {
      clearTimeout(timer);
      resolve(img);
    };
    img.src = url;
  });
}

/** The colour of an image's centre pixel, [r, g, b] (the image must be CORS-enabled). */
export function colourOf(img: HTMLImageElement): number[] {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0);
  const [r, g, b] = context.getImageData(img.naturalWidth >> 1, img.naturalHeight >> 1, 1, 1).data;
  return [r!, g!, b!];
}

/** The keys (URLs) of a cache, or [] when it does not exist. */
export async function cacheKeys(name: string): Promise<string[]> {
  if (!(await caches.has(name))) return [];
  return (await (await caches.open(name)).keys()).map((r) => r.url);
}

/**
 * Before and after each test: no worker, no cache, no recently seen photos (a
 * worker left behind would take over the next test's page, and the element's
 * remembered ids would change what it asks for).
 */
export async function cleanUp(): Promise<void> {
  for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  for (const name of await caches.keys()) await caches.delete(name);
  localStorage.clear();
}

/** The names of the caches of a worker with this cache prefix. */
export const cacheNames = (prefix: string) => ({ images: `${prefix}-images-v1`, photos: `${prefix}-photos-v1`, state: `${prefix}-state-v1` });

/** A worker for this namespace: its API known from the start, no pick fetched ahead unless asked. Resolves with its caches' names. */
export async function testWorker(n: Namespace, options: PhotoFrameRoutesOptions = {}) {
  await useWorker(workerUrl({ endpoints: [n.api], cachePrefix: n.prefix, prefetch: false, ...options }));
  return cacheNames(n.prefix);
}

/** Shows `count` photos through the worker (the API via fetch, each image via a crossorigin <img>), excluding as the element does. */
export async function see(n: Namespace, count: number, album = ''): Promise<Photo[]> {
  const seen: Photo[] = [];
  for (let i = 0; i < count; i++) {
    const query: Record<string, string> = { exclude: seen.map((p) => p.id).join(',') };
    if (album) query.album = album;
    const { body } = await pick(n.api, query);
    await loadImage(body.url, true);
    seen.push(body);
  }
  await settle();
  return seen;
}

/** Before each test: no worker, no cache (cleanUp), and a namespace of its own. */
export async function freshNamespace(): Promise<Namespace> {
  await cleanUp();
  return namespace();
}
