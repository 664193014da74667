/**
 * docs/google-cloud.md says what the deploy and the hits command do: its
 * commands are checked here against the real ones, so the guide cannot drift.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { parse } from 'shell-quote';
import { HITS_METRIC_FILE } from '../../scripts/deploy/ensure-hits-metric.js';
import { parseHitsArgs } from '../../src/cli/parse-hits-args.js';
import { NEW_PROJECT, runDeploy, startFakeGcloud, type FakeGcloud } from '../support/fake-gcloud.js';

const GUIDE = await readFile(new URL('../../docs/google-cloud.md', import.meta.url), 'utf8');
const metric = JSON.parse(await readFile(HITS_METRIC_FILE, 'utf8')) as { filter: string; labelExtractors: object; metricDescriptor: { metricKind: string; valueType: string } };

/** The lines of the first fenced block after `marker`. */
function blockAfter(marker: string): string[] {
  const at = GUIDE.indexOf(marker);
  assert.ok(at >= 0, `docs/google-cloud.md has no ${marker}`);
  const block = /```\w*\n([\s\S]*?)```/.exec(GUIDE.slice(at))!;
  return block[1]!.trim().split('\n');
}

describe('docs/google-cloud.md', () => {
  let gcloud: FakeGcloud;
  before(async () => {
    gcloud = await startFakeGcloud({ ...NEW_PROJECT, configProject: 'my-project', projects: ['my-project'], buckets: { 'my-blog-photos': {} } });
  });
  after(() => gcloud.close());

  test("the deploy's first-run commands are the ones the deploy runs", async () => {
    const run = await runDeploy(gcloud, { BUCKET: 'my-blog-photos', REGION: 'europe-west1' });
    assert.equal(run.code, 0, run.stderr);
    const ran = (await gcloud.calls()).map((call) => [
      'gcloud',
      ...call.argv.map((arg) => arg.replace(/^--env-vars-file=.*/, '--env-vars-file=ENV_FILE').replace(/^(--update-labels=photo-frame-deploy=)[0-9a-f]+$/, '$1FINGERPRINT')),
    ]);
    // Each documented line, as the shell splits it into arguments.
    assert.deepEqual(blockAfter('<!-- deploy-commands:').map((line) => parse(line)), ran);
  });

  test('the hits examples are valid hits command lines', () => {
    const lines = GUIDE.split('\n').filter((line) => line.startsWith('npx blog-photo-frame hits '));
    assert.ok(lines.length >= 3);
    for (const line of lines) {
      const parsed = parseHitsArgs(line.slice('npx blog-photo-frame hits '.length).split(' '), {});
      assert.equal(parsed.help, false, line);
    }
  });

  test('the metric shown is deploy/photo-hits-metric.json, and the quick look reads the same lines', () => {
    // The section's second JSON block (the first is a request's log line).
    const section = GUIDE.slice(GUIDE.indexOf('## 5. Counting hits'));
    const metricBlock = JSON.parse(/```json\n(\{\n[\s\S]*?)```/.exec(section)![1]!) as typeof metric;
    assert.equal(metricBlock.filter, metric.filter);
    assert.deepEqual(metricBlock.labelExtractors, metric.labelExtractors);
    assert.equal(metricBlock.metricDescriptor.metricKind, metric.metricDescriptor.metricKind);
    assert.equal(metricBlock.metricDescriptor.valueType, metric.metricDescriptor.valueType);
    assert.ok(GUIDE.includes(`gcloud logging read '${metric.filter}' --freshness=30d`), 'the quick look uses the metric filter');
  });
});
