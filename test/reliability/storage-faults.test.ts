/**
 * Storage faults DURING A REFRESH (issue 6), table-driven, through HTTP with the
 * real @google-cloud/storage client against the HTTP fake (test/support/fake-gcs.ts).
 *
 * test/function/gcs-api.test.ts already covers faults before the first load, one
 * 503 outage (stale, 503, recovery) and one slow list with one refresh in flight.
 * Here every row runs the whole life cycle on a catalog that loaded fine:
 *   1. the fault starts and the catalog goes stale: a burst of concurrent requests
 *      is answered 200 from the last good catalog (log line `catalog: "stale"`),
 *      and storage sees exactly one refresh (counted at the fake);
 *   2. past the stale limit: a burst gets a clear 503 `storage_unavailable` with
 *      Retry-After, again with exactly one refresh behind it;
 *   3. the fault clears: the next request is answered 200 from a fresh catalog
 *      (holding what was published meanwhile), without a restart.
 * The clock the catalog reads is the test's (`now`), so "stale" and "past the
 * limit" need no waiting; only the slow rows wait for the client timeout (1 s).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Photo, PhotoList } from '../../src/contract.js';
import { GcsStore } from '../../src/function/gcs-store.js';
import { MANIFEST_NAME, serializeManifest } from '../../src/format/manifest.js';
import { toMetadata, type PhotoRecord } from '../../src/format/photo-record.js';
import { startFakeGcs, type FakeGcs, type FakeRequest, type Fault } from '../support/fake-gcs.js';
import { startApi, type TestApi } from '../support/start-api.js';
import { waitFor } from '../support/wait-for.js';

const BUCKET = 'fault-photos';
const JPEG = Buffer.from('fake jpeg bytes');
const TTL_S = 60;
const STALE_S = 600;
/** Concurrent requests per wave; two waves per phase. */
const WAVE = 25;
/** The client's request timeout: below the slow fault's 2 s. */
const CLIENT_TIMEOUT_MS = 1000;

const PHOTOS: PhotoRecord[] = [
  { id: '2024/harbour.jpg', width: 1600, height: 1067, caption: 'Harbour at blue hour' },
  { id: '2024/ridge.jpg', width: 1067, height: 1600, caption: 'Ridge' },
  { id: '2025/dunes.jpg', width: 2000, height: 850 },
  { id: 'lake.jpg', width: 1200, height: 1200, date: '2023-01-02T03:04:05Z' },
];
/** Published while storage is failing: seen only once the catalog has recovered. */
const LATER: PhotoRecord = { id: '2026/new-arrival.jpg', width: 1600, height: 900, caption: 'Published during the outage' };

interface Row {
  name: string;
  /** Where the catalog comes from: the manifest `photo-frame upload` writes, or listing the bucket. */
  source: 'manifest' | 'list';
  /** The fake's fault while storage is "down". */
  fault?: Fault;
  /** Flapping: every other storage request gets this fault (the first one included). */
  flap?: Fault;
  /** The manifest is rewritten cut short (a header counting more lines than follow). */
  cutManifest?: boolean;
  /** Storage requests one refresh makes when it starts (and fails) in the stale phase. */
  staleRequests: number;
  /** Storage requests the one refresh makes past the stale limit. */
  downRequests: number;
}

const SLOW: Fault = { delayMs: 2000 };
const ROWS: Row[] = [
  // Slow: the client gives up after 1 s; requests never wait for it.
  { name: 'slow (2 s) on every request', source: 'manifest', fault: SLOW, staleRequests: 1, downRequests: 1 },
  { name: 'slow (2 s) list', source: 'list', fault: { ...SLOW, only: 'list' }, staleRequests: 2, downRequests: 2 },
  // Failing: 500 and connection resets, on the first request of a refresh or on its download/list.
  { name: '500 on every request', source: 'list', fault: { status: 500 }, staleRequests: 1, downRequests: 1 },
  { name: '500 on the manifest download', source: 'manifest', fault: { status: 500, only: 'media' }, staleRequests: 2, downRequests: 2 },
  { name: 'connection reset on every request', source: 'manifest', fault: { reset: true }, staleRequests: 1, downRequests: 1 },
  { name: 'connection reset on the list', source: 'list', fault: { reset: true, only: 'list' }, staleRequests: 2, downRequests: 2 },
  // Broken bodies.
  { name: 'truncated list', source: 'list', fault: { truncateList: true, only: 'list' }, staleRequests: 2, downRequests: 2 },
  { name: 'malformed list', source: 'list', fault: { malformedList: true, only: 'list' }, staleRequests: 2, downRequests: 2 },
  { name: 'manifest cut short', source: 'manifest', cutManifest: true, staleRequests: 2, downRequests: 2 },
  // Flapping: request 1 fails, 2 succeeds, 3 fails… A refresh that needs two requests
  // (metadata + download, or manifest probe + list) then never completes.
  { name: 'flapping 503', source: 'manifest', flap: { status: 503 }, staleRequests: 1, downRequests: 2 },
  { name: 'flapping reset', source: 'list', flap: { reset: true }, staleRequests: 1, downRequests: 2 },
];

let fake: FakeGcs;
/** Flapping, driven from the fake's request log: each arriving request arms or clears the fault it gets. */
let flap: { fault: Fault; seen: number } | undefined;

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET] });
  // The fake records a request before it picks that request's fault (after reading its body),
  // so setting the fault here decides it for exactly that request. Refresh requests are sequential.
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...items: FakeRequest[]) => {
    if (flap) for (let i = 0; i < items.length; i++) fake.fault(flap.seen++ % 2 === 0 ? flap.fault : null);
    return push(...items);
  };
});
beforeEach(() => {
  flap = undefined;
  fake.fault(null);
  for (const name of fake.names(BUCKET)) fake.remove(BUCKET, name);
  fake.resetRequests();
});
after(() => fake.close());

function publish(records: PhotoRecord[], source: Row['source']): void {
  for (const record of records) fake.put(BUCKET, record.id, JPEG, { contentType: 'image/jpeg', metadata: toMetadata(record) });
  if (source === 'manifest') fake.put(BUCKET, MANIFEST_NAME, serializeManifest(records, '2025-01-01T00:00:00Z'), { contentType: 'application/jsonl' });
}

const storageRequests = () => fake.requests.filter((r) => r.kind !== 'public').length;
const requestLines = (api: TestApi, from: number) => api.logs.slice(from).filter((l) => l.httpRequest) as Array<Record<string, unknown> & { httpRequest: { status: number } }>;

/** Two waves of `WAVE` concurrent GET / (the second sent as soon as the first is answered). */
async function burst(api: TestApi): Promise<{ status: number; retryAfter: string | null; body: string }[]> {
  const one = async () => {
    const res = await api.get('/');
    const body = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  };
  const first = await Promise.all(Array.from({ length: WAVE }, one));
  const second = await Promise.all(Array.from({ length: WAVE }, one));
  return [...first, ...second];
}

describe('storage faults during a refresh', () => {
  for (const row of ROWS) {
    test(`${row.name} (${row.source}): stale 200s, then 503 with Retry-After, then recovery; one refresh at a time`, async () => {
      publish(PHOTOS, row.source);
      let now = Date.now();
      const store = new GcsStore(BUCKET, { storage: fake.storage({ retryOptions: { autoRetry: false }, timeout: CLIENT_TIMEOUT_MS }) });
      const api = await startApi({ BUCKET, CATALOG_TTL_S: String(TTL_S), STALE_IF_ERROR_S: String(STALE_S) }, { store, now: () => now });
      try {
        const refreshFailures = () => api.logs.filter((l) => String(l.message).startsWith('Catalog refresh failed')).length;
        assert.equal((await api.get('/')).status, 200, 'the first load works');
        // The manifest probe, then the manifest's download or (without one) the listing.
        assert.deepEqual(fake.requests.map((r) => r.kind), ['get', row.source === 'manifest' ? 'media' : 'list'], `the first load reads the ${row.source}`);

        // Storage breaks, and meanwhile a new photo is published.
        if (row.cutManifest) {
          const whole = serializeManifest([...PHOTOS, LATER], '2025-01-02T00:00:00Z');
          fake.put(BUCKET, LATER.id, JPEG, { contentType: 'image/jpeg', metadata: toMetadata(LATER) });
          fake.put(BUCKET, MANIFEST_NAME, whole.split('\n').slice(0, 3).join('\n') + '\n', { contentType: 'application/jsonl' });
        } else {
          publish([...PHOTOS, LATER], row.source);
        }
        fake.resetRequests();
        if (row.fault) fake.fault(row.fault);
        if (row.flap) flap = { fault: row.flap, seen: 0 };

        // 1. Past the TTL, within the stale limit: every request is answered at once from the last good catalog.
        now += (TTL_S + 60) * 1000;
        let logFrom = api.logs.length;
        const stale = await burst(api);
        for (const r of stale) {
          assert.equal(r.status, 200, `stale phase: ${r.body}`);
          assert.notEqual((JSON.parse(r.body) as Photo).id, LATER.id, 'served from the last good catalog');
        }
        await waitFor(() => refreshFailures() > 0, 'the refresh to fail');
        const staleLines = requestLines(api, logFrom);
        if (row.fault?.delayMs) {
          // Slow storage is given up on after the client's timeout: a request that waited for it would be logged after that.
          const givenUp = api.logs.findIndex((l) => String(l.message).startsWith('Catalog refresh failed'));
          assert.ok(staleLines.every((l) => api.logs.indexOf(l) < givenUp), 'every request was answered before the refresh gave up on storage');
        }
        assert.equal(staleLines.length, 2 * WAVE);
        assert.ok(staleLines.every((l) => l.catalog === 'stale' && l.httpRequest.status === 200), 'each log line says catalog: "stale"');
        assert.equal(refreshFailures(), 1, 'exactly one refresh for the whole burst');
        assert.equal(storageRequests(), row.staleRequests, `storage requests of one refresh: ${JSON.stringify(fake.requests.map((r) => r.kind))}`);

        // Still within the limit after the retry wait: still 200, one more attempt.
        now += 30_000;
        fake.resetRequests();
        const stillStale = await api.get('/');
        assert.equal(stillStale.status, 200);
        await waitFor(() => refreshFailures() > 1, 'the second refresh to fail');
        assert.equal(refreshFailures(), 2, 'one more attempt');

        // 2. Past the stale limit: a clear 503 with Retry-After, with one refresh behind the whole burst.
        now += STALE_S * 1000;
        fake.resetRequests();
        logFrom = api.logs.length;
        const down = await burst(api);
        for (const r of down) {
          assert.equal(r.status, 503, `past the stale limit: ${r.body}`);
          assert.match(r.retryAfter ?? '', /^[1-9]\d*$/, 'Retry-After in whole seconds');
          const body = JSON.parse(r.body) as { error: { code: string; message: string } };
          assert.equal(body.error.code, 'storage_unavailable');
          assert.ok(!r.body.includes(fake.url) && !r.body.includes('fake-gcs'), 'no storage address or detail in the body');
        }
        assert.equal(refreshFailures(), 3, 'exactly one refresh for the whole burst');
        assert.equal(storageRequests(), row.downRequests, `storage requests of one refresh: ${JSON.stringify(fake.requests.map((r) => r.kind))}`);
        assert.ok(requestLines(api, logFrom).every((l) => l.httpRequest.status === 503 && l.error === 'storage_unavailable'));

        // 3. The fault clears: after the retry wait the next request reads storage and answers fresh, no restart.
        flap = undefined;
        fake.fault(null);
        if (row.cutManifest) publish([...PHOTOS, LATER], 'manifest');
        now += 61_000;
        fake.resetRequests();
        logFrom = api.logs.length;
        const back = await api.get('/');
        assert.equal(back.status, 200, await back.clone().text());
        assert.equal(requestLines(api, logFrom).at(-1)!.catalog, 'fresh');
        const ids = ((await (await api.get('/photos?limit=100')).json()) as PhotoList).photos.map((p) => p.id);
        assert.ok(ids.includes(LATER.id), 'the recovered catalog holds what was published during the outage');
        const reads = storageRequests();
        for (let i = 0; i < 20; i++) assert.equal((await api.get('/')).status, 200);
        assert.equal(storageRequests(), reads, 'a fresh catalog makes no storage call per request');
      } finally {
        await api.close();
      }
    });
  }
});
