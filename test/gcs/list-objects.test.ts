/**
 * The one paging loop over Cloud Storage listings (the photo API's store and
 * upload's target both list through it): the real @google-cloud/storage client
 * against the HTTP fake of the JSON API, counting the pages the fake serves.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { listObjects } from '../../src/gcs/list-objects.js';
import { startFakeGcs, type FakeGcs, type Fault } from '../support/fake-gcs.js';

const BUCKET = 'paged-photos';
const NAMES = ['a.jpg', 'b.jpg', 'sea/c.jpg', 'sea/d.jpg', 'sea/deep/e.jpg', 'seaside.jpg', 'z.jpg'];
let fake: FakeGcs;

before(async () => {
  fake = await startFakeGcs({ buckets: [BUCKET, 'empty-bucket'] });
  for (const name of NAMES) fake.put(BUCKET, name, 'bytes', { contentType: 'image/jpeg' });
});
beforeEach(() => {
  fake.fault(null);
  fake.resetRequests();
});
after(() => fake.close());

async function names(bucket: string, options: Parameters<typeof listObjects>[1] = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const file of listObjects(fake.storage({ retryOptions: { autoRetry: false } }).bucket(bucket), options)) out.push(file.name);
  return out;
}

const lists = () => fake.requests.filter((r) => r.kind === 'list');

describe('listObjects', () => {
  const rows: { name: string; bucket?: string; prefix?: string; pageSize: number; expected: string[]; pages: number }[] = [
    { name: 'every object, in pages of 3', pageSize: 3, expected: NAMES, pages: 3 },
    { name: 'a page size that divides the bucket exactly', pageSize: 7, expected: NAMES, pages: 1 },
    { name: 'one object a page', pageSize: 1, expected: NAMES, pages: 7 },
    { name: 'under a prefix, in pages of 2', prefix: 'sea/', pageSize: 2, expected: ['sea/c.jpg', 'sea/d.jpg', 'sea/deep/e.jpg'], pages: 2 },
    { name: 'an empty bucket', bucket: 'empty-bucket', pageSize: 3, expected: [], pages: 1 },
  ];
  for (const row of rows) {
    test(`${row.name}: ${row.pages} page(s)`, async () => {
      assert.deepEqual(await names(row.bucket ?? BUCKET, { pageSize: row.pageSize, ...(row.prefix ? { prefix: row.prefix } : {}) }), row.expected);
      const pages = lists();
      assert.equal(pages.length, row.pages);
      assert.ok(pages.every((r) => r.query.maxResults === String(row.pageSize)), 'each page asks for pageSize objects');
      assert.ok(pages.every((r) => (r.query.prefix ?? '') === (row.prefix ?? '')), 'each page keeps the prefix');
      assert.equal(pages[0]!.query.pageToken, undefined, 'the first page has no token');
      assert.ok(pages.slice(1).every((r) => r.query.pageToken), 'the next pages carry the token of the one before');
    });
  }

  // The client turns a body it cannot parse into an empty last page; a body cut off fails in the client.
  const broken: [string, Fault, RegExp][] = [
    ['a malformed page', { malformedList: true, only: 'list' }, /Listing gs:\/\/paged-photos returned an unreadable page/],
    ['a page cut off in the middle', { truncateList: true, only: 'list' }, /Premature close/],
  ];
  for (const [name, fault, error] of broken) {
    test(`${name} throws instead of ending the listing early`, async () => {
      fake.fault({ ...fault, times: 1 });
      await assert.rejects(names(BUCKET, { pageSize: 3 }), error);
      // The second page garbled: what the first page held is not the whole bucket either.
      const seen: string[] = [];
      const listing = (async () => {
        for await (const file of listObjects(fake.storage({ retryOptions: { autoRetry: false } }).bucket(BUCKET), { pageSize: 3 })) {
          seen.push(file.name);
          if (seen.length === 3) fake.fault({ ...fault, times: 1 });
        }
      })();
      await assert.rejects(listing, error);
      assert.deepEqual(seen, NAMES.slice(0, 3));
    });
  }
});
