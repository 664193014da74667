import { readFileSync } from 'node:fs';
/**
 * The element benchmark's test pages and the scripts it runs in them. The
 * scripts are strings (bench/** is type-checked without the DOM lib) and each
 * is bounded by its own timeout.
 */

const TEXT_ABOVE =
  'A paragraph above the frame, as in a blog post: the photo-frame element sits between two paragraphs of text, ' +
  'so any change of its height after the first paint moves the paragraph below it and counts as a layout shift. ' +
  'The frame reserves its box from the ratio attribute before the API has answered.';
const TEXT_BELOW =
  'A paragraph below the frame. It is inside the 800 by 900 pixel viewport when the frame has its default ratio of 3/2, ' +
  'so the layout-shift observer sees it move if the frame grows or shrinks while the photo loads or between photos of different ratios.';

export interface ClsVariant {
  /** Path of the page on the loopback server. */
  path: string;
  label: string;
  /** The `ratio` attribute, or undefined for the default (3/2). */
  ratio?: string;
  /** More attributes of the element, as written in the HTML. */
  attributes?: string;
  /** The bundle answers after the same delay as the API (it arrives after the first paint). */
  lateScript: boolean;
  /** The page reserves the box before the element is defined, as the README suggests. */
  reserveCss: boolean;
  /** Counts towards the CLS target (the rest are for information). */
  target: boolean;
}

export const CLS_VARIANTS: ClsVariant[] = [
  { path: '/cls.html', label: 'ratio 3/2 (default), fit cover, with dist/photo-frame.css as the README says', lateScript: false, reserveCss: true, target: true },
  { path: '/cls-late-script-css.html', label: 'the same, bundle also delayed 100 ms (it arrives after the first paint)', lateScript: true, reserveCss: true, target: true },
  { path: '/cls-late-script.html', label: 'bundle delayed 100 ms, WITHOUT dist/photo-frame.css (shows why it exists)', lateScript: true, reserveCss: false, target: false },
  { path: '/cls-auto.html', label: 'ratio="auto" (adopts each photo\'s ratio; control, shifts expected)', ratio: 'auto', lateScript: false, reserveCss: true, target: false },
];

/** The stylesheet the README tells bloggers to link: it reserves the box before the script runs. */
const RESERVE_CSS = (() => {
  try {
    return readFileSync(new URL('../dist/photo-frame.css', import.meta.url), 'utf8');
  } catch {
    throw new Error('dist/photo-frame.css is missing: run "npm run build" first');
  }
})();

/** Records layout shifts (from navigation on, `buffered`) and every photo-change, in `window.__bench`. */
const RECORDER = `
(() => {
  const b = { shifts: [], changes: [], errors: [], marks: {} };
  window.__bench = b;
  const describe = (node) => {
    // Nodes in a shadow root are not exposed (null), nor are removed ones.
    if (!node) return '(shadow root or removed)';
    const root = node.getRootNode && node.getRootNode();
    const host = root && root.host ? root.host.localName + '>>' : '';
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return host + node.nodeName.toLowerCase();
    const part = el.getAttribute('part');
    return host + el.localName + (el.id ? '#' + el.id : '') + (part ? '[part=' + part + ']' : '');
  };
  const rect = (r) => r && [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
  b.record = (e) => {
    b.shifts.push({
      startTime: e.startTime,
      value: e.value,
      hadRecentInput: e.hadRecentInput,
      sources: (e.sources || []).map((s) => ({ node: describe(s.node), previousRect: rect(s.previousRect), currentRect: rect(s.currentRect) })),
    });
  };
  b.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) b.record(e); });
  b.observer.observe({ type: 'layout-shift', buffered: true });
  const below = () => document.getElementById('below');
  const frame = () => document.querySelector('photo-frame');
  b.snapshot = () => ({
    t: performance.now(),
    frameHeight: frame() ? Math.round(frame().getBoundingClientRect().height * 10) / 10 : null,
    belowTop: below() ? Math.round(below().getBoundingClientRect().top * 10) / 10 : null,
  });
  document.addEventListener('photo-change', (e) => b.changes.push({ ...b.snapshot(), id: e.photo && e.photo.id }));
  document.addEventListener('photo-error', (e) => b.errors.push({ t: performance.now(), code: e.error && e.error.code, message: e.error && e.error.message }));
  document.addEventListener('DOMContentLoaded', () => (b.marks.domContentLoaded = b.snapshot()));
  customElements.whenDefined('photo-frame').then(() => (b.marks.defined = b.snapshot()));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.marks.firstContentfulPaint = { t: e.startTime };
  }).observe({ type: 'paint', buffered: true });
})();
`;

export function clsPage(v: ClsVariant): string {
  const ratio = (v.ratio === undefined ? '' : ` ratio="${v.ratio}"`) + (v.attributes ? ` ${v.attributes}` : '');
  const css = v.reserveCss ? RESERVE_CSS : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>photo-frame CLS: ${v.label}</title>
<script>${RECORDER}</script>
<script type="module" src="/photo-frame.js${v.lateScript ? '?delay=1' : ''}"></script>
<style>body { margin: 8px; font: 16px/1.5 Georgia, serif; } ${css}</style>
</head>
<body>
<p id="above">${TEXT_ABOVE}</p>
<photo-frame endpoint="/api/" interval="1"${ratio}></photo-frame>
<p id="below">${TEXT_BELOW}</p>
<script>__bench.marks.parsed = __bench.snapshot();</script>
</body>
</html>
`;
}

/** An empty page with the bundle loaded, for the timing runs. */
export const TIMING_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>photo-frame timing</title>
<script type="module" src="/photo-frame.js"></script>
<style>body { margin: 8px; font: 16px/1.5 Georgia, serif; } img { display: block; width: 100%; height: auto; }</style>
</head>
<body></body>
</html>
`;

/** True once the CLS page has seen `changes` photo-change events or an error. */
export const clsDone = (changes: number) => `window.__bench && (window.__bench.changes.length >= ${changes} || window.__bench.errors.length > 0)`;

/** Flushes the layout-shift observer and returns what the CLS page recorded. */
export const CLS_READ = `(() => {
  const b = window.__bench;
  for (const e of b.observer.takeRecords()) b.record(e);
  return { shifts: b.shifts, changes: b.changes, errors: b.errors, marks: b.marks, end: b.snapshot(),
    state: document.querySelector('photo-frame') && document.querySelector('photo-frame').getAttribute('state') };
})()`;

/** What one timing run returns: total and the resource timings relative to t0 (connection, or `src` set). */
export interface TimingSample {
  ms: number;
  api?: { start: number; end: number };
  img?: { start: number; end: number; transferSize: number };
  /** How many /img/ resource entries the page saw (the element's preload and its rendered <img> share one). */
  imgRequests: number;
}

const RESOURCES = `
  const resources = (t0) => {
    const entries = performance.getEntriesByType('resource');
    const pick = (part) => entries.filter((e) => e.name.includes(part));
    const round = (n) => Math.round(n * 10) / 10;
    const api = pick('/api/')[0];
    const imgs = pick('/img/');
    const img = imgs[0];
    return {
      api: api ? { start: round(api.startTime - t0), end: round(api.responseEnd - t0) } : undefined,
      img: img ? { start: round(img.startTime - t0), end: round(img.responseEnd - t0), transferSize: img.transferSize } : undefined,
      imgRequests: imgs.length,
    };
  };
`;

/**
 * The element: created from script, `t0` just before it is appended
 * (connected), `t1` when `photo-change` fires (after the element's
 * `img.decode()` resolved).
 */
export function timeElement(pin: number, timeoutMs: number): string {
  return `(async () => {
  ${RESOURCES}
  await customElements.whenDefined('photo-frame');
  const el = document.createElement('photo-frame');
  el.setAttribute('endpoint', '/api/?pin=${pin}');
  const shown = new Promise((resolve, reject) => {
    el.addEventListener('photo-change', () => resolve(performance.now()), { once: true });
    el.addEventListener('photo-error', (e) => reject(new Error('photo-error: ' + (e.error && e.error.code))), { once: true });
    setTimeout(() => reject(new Error('no photo-change within ${timeoutMs} ms')), ${timeoutMs});
  });
  const t0 = performance.now();
  document.body.append(el);
  const t1 = await shown;
  return { ms: t1 - t0, ...resources(t0) };
})()`;
}

/** A plain `<img>` for the same image: `t0` as `src` is set, `t1` when `img.decode()` resolved. */
export function timeImg(url: string, timeoutMs: number): string {
  return `(async () => {
  ${RESOURCES}
  const img = document.createElement('img');
  img.alt = '';
  img.decoding = 'async';
  const t0 = performance.now();
  img.src = ${JSON.stringify(url)};
  document.body.append(img);
  let timer;
  await Promise.race([img.decode(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no decode within ${timeoutMs} ms')), ${timeoutMs})))]);
  clearTimeout(timer);
  const t1 = performance.now();
  return { ms: t1 - t0, ...resources(t0) };
})()`;
}

/** One API round trip from the page: `fetch` through the parsed JSON. */
export function timeApi(pin: number, timeoutMs: number): string {
  return `(async () => {
  ${RESOURCES}
  const t0 = performance.now();
  const res = await fetch('/api/?pin=${pin}', { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(${timeoutMs}) });
  await res.json();
  const t1 = performance.now();
  return { ms: t1 - t0, ...resources(t0) };
})()`;
}
