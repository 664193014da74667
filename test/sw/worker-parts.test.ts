// The service worker's parts that need no browser, in Node: its settings and
// cache names, the rule that bounds a cache, background work, network health,
// the saved state as read back, and its JSON answers. The parts that touch
// Cache Storage are tested in Chromium (test/sw/browser) and end to end
// (test/e2e/offline.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BackgroundWork } from '../../src/sw/background-work.js';
import { overBounds, tooOld } from '../../src/sw/over-bounds.js';
import { jsonResponse, SOURCE_HEADER } from '../../src/sw/json-response.js';
import { HEALTHY_FOR_MS, NetworkHealth } from '../../src/sw/network-health.js';
import { CACHE_VERSION, cacheNames, isOtherVersion, routeSettings } from '../../src/sw/route-settings.js';
import { readSavedState } from '../../src/sw/read-saved-state.js';

describe('route settings', () => {
  test('every option has its default, and what is given wins (undefined counts as not given)', () => {
    const defaults = routeSettings();
    assert.equal(defaults.networkTimeoutSeconds, 3);
    assert.equal(defaults.maxImages, 60);
    assert.equal(defaults.maxImageAgeSeconds, 30 * 24 * 60 * 60);
    assert.equal(defaults.prefetch, true);
    assert.deepEqual(defaults.scriptFiles, ['photo-frame.js', 'photo-frame-slideshow.js', 'photo-frame-placeholder.js', 'photo-frame-view.js', 'photo-frame-details.js', 'photo-frame-status.js', 'photo-frame.css', 'photo-frame-register.js']);
    assert.equal(defaults.cacheNames.images, `photo-frame-images-v${CACHE_VERSION}`);
    const given = routeSettings({ maxImages: 5, prefetch: false, cachePrefix: 'blog', maxPages: undefined });
    assert.equal(given.maxImages, 5);
    assert.equal(given.prefetch, false);
    assert.equal(given.maxPages, 50);
    assert.equal(given.cacheNames.state, `blog-state-v${CACHE_VERSION}`);
  });

  const timeouts: [number | undefined, number][] = [[undefined, 3], [0.4, 0.4], [10, 10], [0, 3], [-1, 3], [Number.NaN, 3]];
  for (const [given, used] of timeouts) {
    test(`networkTimeoutSeconds ${given} waits ${used} s, as Workbox's page recipe would`, () => {
      assert.equal(routeSettings({ networkTimeoutSeconds: given }).networkTimeoutSeconds, used);
    });
  }

  test('the options object is not changed', () => {
    const options = { endpoints: ['https://a.example/'], maxImages: undefined };
    routeSettings(options);
    assert.deepEqual(options, { endpoints: ['https://a.example/'], maxImages: undefined });
  });
});

describe('cache names', () => {
  const names = cacheNames('photo-frame');
  test('one per kind, with the prefix and the version', () => {
    assert.deepEqual(Object.values(names), ['images', 'photos', 'pages', 'scripts', 'state'].map((kind) => `photo-frame-${kind}-v${CACHE_VERSION}`));
  });

  const rows: [string, boolean][] = [
    [`photo-frame-images-v${CACHE_VERSION + 1}`, true],
    ['photo-frame-pages-v0', true],
    ['photo-frame-state-v17', true],
    [names.images, false],
    [names.state, false],
    ['photo-frame-notes', false],
    ['photo-frame-images-vx', false],
    ['photo-frame-images-v', false],
    ['photo-frame.x-images-v0', false],
    ['someone-else-images-v0', false],
    ['workbox-runtime', false],
  ];
  for (const [name, old] of rows) {
    test(`${name} ${old ? 'is' : 'is not'} another version's, to delete on activation`, () => {
      assert.equal(isOtherVersion(name, 'photo-frame'), old);
    });
  }

  test('a prefix with characters a pattern would read specially is taken as written', () => {
    assert.equal(isOtherVersion('a.b-images-v0', 'a.b'), true);
    assert.equal(isOtherVersion('axb-images-v0', 'a.b'), false);
  });
});

describe('cache bounds', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const bounds = { maxEntries: 3, maxAgeSeconds: 24 * 60 * 60 };
  const now = 100 * DAY_MS;
  const rows: { name: string; urls: string[]; writtenAt: [string, number][]; over: string[] }[] = [
    { name: 'within bounds: nothing', urls: ['a', 'b'], writtenAt: [['a', now], ['b', now]], over: [] },
    { name: 'over the count: the ones written longest ago (listed first)', urls: ['a', 'b', 'c', 'd', 'e'], writtenAt: [], over: ['a', 'b'] },
    { name: 'past the age: those, wherever they are listed', urls: ['a', 'b', 'c'], writtenAt: [['a', now], ['b', now - 2 * DAY_MS], ['c', now - DAY_MS]], over: ['b'] },
    { name: 'both at once, each entry once', urls: ['a', 'b', 'c', 'd'], writtenAt: [['a', now - 3 * DAY_MS], ['d', now - 3 * DAY_MS]], over: ['a', 'd'] },
    { name: 'an entry whose time is unknown is never too old', urls: ['a'], writtenAt: [], over: [] },
  ];
  for (const row of rows) {
    test(row.name, () => {
      assert.deepEqual(overBounds(row.urls, new Map(row.writtenAt), bounds, now), row.over);
    });
  }

  test('too old is strictly older than maxAgeSeconds', () => {
    assert.equal(tooOld(now - DAY_MS, bounds, now), false);
    assert.equal(tooOld(now - DAY_MS - 1, bounds, now), true);
    assert.equal(tooOld(undefined, bounds, now), false);
  });
});

describe('background work', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  test('settled() waits for the work tracked, and for work it starts meanwhile; failures are only waited for', async () => {
    const work = new BackgroundWork();
    const kept: Promise<unknown>[] = [];
    const event = { waitUntil: (p: Promise<unknown>) => void kept.push(p) };
    const first = deferred();
    const second = deferred();
    const done: string[] = [];
    work.add(event, first.promise.then(() => {
      done.push('first');
      work.add(undefined, second.promise.then(() => done.push('second')));
    }));
    work.add(event, Promise.reject(new Error('a failed cache write')));
    assert.equal(kept.length, 2, 'the event keeps the worker alive for each');
    const settled = work.settled().then(() => done.push('settled'));
    first.resolve();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(done, ['first'], 'not settled while the second piece runs');
    second.resolve();
    await settled;
    assert.deepEqual(done, ['first', 'second', 'settled']);
  });

  test('an event whose lifetime is over does not stop the work from being tracked', async () => {
    const work = new BackgroundWork();
    const event = {
      waitUntil: () => {
        throw new DOMException('The event handler is already finished', 'InvalidStateError');
      },
    };
    const piece = deferred();
    let finished = false;
    work.add(event, piece.promise.then(() => (finished = true)));
    const settled = work.settled();
    piece.resolve();
    await settled;
    assert.equal(finished, true);
  });

  test('its Workbox plugin tracks a strategy run from handlerWillStart to handlerDidComplete', async () => {
    const work = new BackgroundWork();
    // As Workbox's StrategyHandler calls a plugin: one state object per plugin and run.
    const state = {};
    const kept: Promise<unknown>[] = [];
    const event = { waitUntil: (p: Promise<unknown>) => void kept.push(p) };
    await work.plugin.handlerWillStart!({ request: new Request('https://a.example/'), event, state } as never);
    let settled = false;
    const waiting = work.settled().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(settled, false, 'the run is not complete yet');
    assert.equal(kept.length, 1);
    await work.plugin.handlerDidComplete!({ request: new Request('https://a.example/'), event, state } as never);
    await waiting;
    assert.equal(settled, true);
  });
});

describe('network health', () => {
  test('healthy while the browser is online and a fetch succeeded in the last minute', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    let browserOnline = true;
    const health = new NetworkHealth(() => browserOnline);
    assert.equal(health.healthy, false, 'nothing fetched yet');
    health.note(true);
    assert.equal(health.healthy, true);
    browserOnline = false;
    assert.equal(health.healthy, false, 'the browser says offline');
    browserOnline = true;
    t.mock.timers.tick(HEALTHY_FOR_MS - 1);
    assert.equal(health.healthy, true);
    t.mock.timers.tick(1);
    assert.equal(health.healthy, false, 'a minute without a successful fetch');
    health.note(true);
    health.note(false);
    assert.equal(health.healthy, false, 'the last fetch failed');
  });

  test('its Workbox plugin notes every fetch', async () => {
    const health = new NetworkHealth(() => true);
    const response = new Response('x');
    assert.equal(await health.plugin.fetchDidSucceed!({ request: new Request('https://a.example/'), response } as never), response);
    assert.equal(health.healthy, true);
    await health.plugin.fetchDidFail!({} as never);
    assert.equal(health.healthy, false);
  });
});

describe('saved state, as read back', () => {
  const rows: { name: string; saved: unknown; read: ReturnType<typeof readSavedState> }[] = [
    {
      name: 'a saved entry',
      saved: { endpoints: ['https://a.example/photo'], photoOrigins: ['https://storage.googleapis.com'], widths: { k: 640 } },
      read: { endpoints: ['https://a.example/photo'], photoOrigins: ['https://storage.googleapis.com'], widths: { k: 640 } },
    },
    { name: 'nothing saved', saved: undefined, read: { endpoints: [], photoOrigins: [], widths: {} } },
    { name: 'not an object', saved: 'x', read: { endpoints: [], photoOrigins: [], widths: {} } },
    {
      name: 'values of the wrong type are dropped',
      saved: { endpoints: ['https://a.example/', 7, null], photoOrigins: 'https://b.example', widths: { a: '640', b: 320 } },
      read: { endpoints: ['https://a.example/'], photoOrigins: [], widths: { b: 320 } },
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      assert.deepEqual(readSavedState(row.saved), row.read);
    });
  }
});

describe('JSON answers', () => {
  test('never stored by the browser; the source header only on answers the worker made', async () => {
    const network = jsonResponse({ a: 1 });
    assert.equal(network.status, 200);
    assert.equal(network.headers.get('Content-Type'), 'application/json; charset=utf-8');
    assert.equal(network.headers.get('Cache-Control'), 'no-store');
    assert.equal(network.headers.get(SOURCE_HEADER), null);
    assert.deepEqual(await network.json(), { a: 1 });
    const offline = jsonResponse({ error: { code: 'offline' } }, { status: 503, source: 'offline' });
    assert.equal(offline.status, 503);
    assert.equal(offline.headers.get(SOURCE_HEADER), 'offline');
  });
});
