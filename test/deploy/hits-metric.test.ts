/**
 * deploy/photo-hits-metric.json, the log-based metric `npm run deploy`
 * creates: a valid LogMetric (Cloud Logging's REST resource) for a labelled
 * counter, whose filter selects exactly the request lines the photo API
 * writes for a photo it served, as Cloud Logging stores them.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { HITS_METRIC_FILE, hitsMetric } from '../../scripts/deploy/ensure-hits-metric.js';
import { startApi, type TestApi } from '../support/start-api.js';
import { waitFor } from '../support/wait-for.js';

const DEMO = fileURLToPath(new URL('../../demo/photos', import.meta.url));
const metric = JSON.parse(await readFile(HITS_METRIC_FILE, 'utf8')) as Record<string, unknown>;

/** LogMetric's fields (logging/docs/reference/v2/rest/v2/projects.metrics) and their JSON types. */
const LOG_METRIC_FIELDS: Record<string, string> = {
  name: 'string', description: 'string', filter: 'string', bucketName: 'string', disabled: 'boolean', metricDescriptor: 'object',
  valueExtractor: 'string', labelExtractors: 'object', bucketOptions: 'object', createTime: 'string', updateTime: 'string', version: 'string',
};
const DESCRIPTOR_FIELDS = ['name', 'type', 'labels', 'metricKind', 'valueType', 'unit', 'description', 'displayName', 'metadata', 'launchStage', 'monitoredResourceTypes'];

describe('the hits LogMetric', () => {
  test('has only LogMetric fields, of their types', () => {
    for (const [field, value] of Object.entries(metric)) {
      assert.ok(field in LOG_METRIC_FIELDS, `${field} is not a LogMetric field`);
      assert.equal(typeof value, LOG_METRIC_FIELDS[field], field);
    }
    for (const field of Object.keys(metric.metricDescriptor as object)) assert.ok(DESCRIPTOR_FIELDS.includes(field), `${field} is not a MetricDescriptor field`);
  });

  test('is a counter labelled by photo: DELTA, INT64, no value extractor, photo extracted from jsonPayload.photo', () => {
    const descriptor = metric.metricDescriptor as { metricKind: string; valueType: string; labels: Array<{ key: string }> };
    assert.equal(descriptor.metricKind, 'DELTA');
    assert.equal(descriptor.valueType, 'INT64');
    assert.deepEqual(descriptor.labels.map((l) => l.key), ['photo']);
    assert.equal(metric.valueExtractor, undefined);
    assert.equal(metric.bucketOptions, undefined);
    assert.deepEqual(metric.labelExtractors, { photo: 'EXTRACT(jsonPayload.photo)' });
  });

  test('is written for the function photo; another function name replaces the service name only', async () => {
    assert.match(metric.filter as string, /resource\.labels\.service_name="photo"/);
    const other = await hitsMetric('gallery');
    assert.equal(other.filter, (metric.filter as string).replace('service_name="photo"', 'service_name="gallery"'));
  });
});

/**
 * A request line as Cloud Logging stores it from a Cloud Run instance's
 * stdout: the special fields severity, message's siblings httpRequest and
 * logging.googleapis.com/trace become the entry's own; the rest is jsonPayload.
 */
function logEntry(line: Record<string, unknown>, serviceName: string): Record<string, unknown> {
  const { severity, httpRequest, 'logging.googleapis.com/trace': trace, ...jsonPayload } = line;
  return { resource: { type: 'cloud_run_revision', labels: { service_name: serviceName } }, severity, httpRequest, trace, jsonPayload };
}

/**
 * The filter's clauses, each checked on an entry. Only the forms the filter
 * uses are understood (`a.b="x"`, `a.b:*`, `a.b=200`, joined by AND): any other
 * form fails the test, so the filter cannot change into something unchecked.
 */
function matches(filter: string, entry: Record<string, unknown>): boolean {
  return filter.split(' AND ').every((clause) => {
    const form = /^([\w.]+)(?:="([^"]*)"|:\*|=(\d+))$/.exec(clause);
    assert.ok(form, `a clause this test does not understand: ${clause}`);
    const value = form[1]!.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], entry);
    if (form[2] !== undefined) return value === form[2];
    if (form[3] !== undefined) return value === Number(form[3]);
    return value !== undefined;
  });
}

describe("the hits filter against the photo API's own request lines", () => {
  let api: TestApi;
  before(async () => {
    api = await startApi({ PHOTOS_DIR: DEMO });
  });
  after(() => api.close());

  const rows: Array<[string, string, boolean]> = [
    ['a photo picked (GET / 200)', '/', true],
    ['an image served by the local store (GET /images/… 200)', '/images/desert-dunes-golden-hour.jpg', true],
    ['the catalog (GET /photos 200, no photo)', '/photos', false],
    ['an album with no photos (404)', '/?album=no-such-album', false],
    ['a bad parameter (400)', '/?limit=x&album=%00', false],
    ['an unknown image (404)', '/images/no-such.jpg', false],
  ];
  for (const [name, path, counted] of rows) {
    test(`${counted ? 'counts' : 'does not count'} ${name}`, async () => {
      api.logs.length = 0;
      const response = await api.get(path);
      await response.arrayBuffer();
      // A streamed image's line is written when the response finishes, which may be after the client has read it.
      const mine = () => api.logs.filter((l) => (l.httpRequest as { requestUrl: string }).requestUrl === path);
      await waitFor(() => mine().length > 0, `the log line of ${path}`);
      assert.equal(mine().length, 1, JSON.stringify(api.logs));
      const line = mine()[0]!;
      assert.equal(matches(metric.filter as string, logEntry(line, 'photo')), counted, JSON.stringify(line));
      assert.equal(matches(metric.filter as string, logEntry(line, 'another-service')), false);
      if (counted) assert.equal(line.photo, decodeURIComponent(path === '/' ? (line.photo as string) : path.slice('/images/'.length)));
    });
  }
});
