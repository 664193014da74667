/**
 * `blog-photo-frame hits` as a user runs it (a child process), against an HTTP
 * fake of Cloud Monitoring's timeSeries.list (test/support/fake-monitoring.ts)
 * reached through MONITORING_EMULATOR_HOST: the report, paging, the window,
 * the album, --json, a project with nothing counted yet, and what a wrong
 * project, a missing metric and missing credentials get.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startFakeMonitoring, type FakeMonitoring } from '../support/fake-monitoring.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'src/cli/photo-frame.ts');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

let fake: FakeMonitoring;
let home: string;

function hits(args: string[], env: Record<string, string> = { MONITORING_EMULATOR_HOST: fake.url }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { GOOGLE_CLOUD_PROJECT: _, GOOGLE_APPLICATION_CREDENTIALS: __, MONITORING_EMULATOR_HOST: ___, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'hits', ...args], { cwd: ROOT, env: { ...inherited, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

before(async () => {
  fake = await startFakeMonitoring();
  home = await mkdtemp(path.join(os.tmpdir(), 'hits-home-'));
});
beforeEach(() => {
  fake.projects.clear();
  fake.requests.length = 0;
  fake.projects.set(
    'my-blog',
    new Map([
      [
        'photo_hits',
        [
          { photo: 'sea/harbour.jpg', time: daysAgo(1), hits: 1200 },
          { photo: 'sea/harbour.jpg', time: daysAgo(20), hits: 4 },
          { photo: 'sea/boats.jpg', time: daysAgo(2), hits: 310 },
          { photo: 'mountains/ridge.jpg', time: daysAgo(3), hits: 310 },
          { photo: 'lake.jpg', time: daysAgo(10), hits: 7 },
          { photo: 'seaside.jpg', time: daysAgo(1), hits: 2 },
          { photo: 'old.jpg', time: daysAgo(40), hits: 99 },
        ],
      ],
    ]),
  );
  fake.projects.set('quiet-blog', new Map([['photo_hits', []]]));
  fake.projects.set('new-blog', new Map());
});
after(async () => {
  await fake.close();
  await rm(home, { recursive: true, force: true });
});

describe('blog-photo-frame hits', () => {
  test('prints the photos by hits, most first, with the total, following every page, without credentials', async () => {
    const run = await hits(['--project', 'my-blog']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        'Hits per photo (project my-blog, last 30 days, metric photo_hits):',
        '',
        '1,204  sea/harbour.jpg',
        '  310  mountains/ridge.jpg',
        '  310  sea/boats.jpg',
        '    7  lake.jpg',
        '    2  seaside.jpg',
        '-----',
        '1,833  total, 5 photos',
        '',
      ].join('\n'),
    );
    assert.deepEqual(fake.requests.map((r) => r.query.pageToken), [undefined, 'page-2', 'page-4']);
    const first = fake.requests[0]!;
    assert.equal(first.path, '/v3/projects/my-blog/timeSeries');
    assert.equal(first.query.filter, 'metric.type="logging.googleapis.com/user/photo_hits"');
    assert.equal(first.query['aggregation.alignmentPeriod'], `${30 * 86_400}s`);
    assert.equal(first.headers.authorization, undefined);
  });

  test('--days 7 counts the last 7 days only', async () => {
    const run = await hits(['--project', 'my-blog', '--days', '7']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^1,200 {2}sea\/harbour\.jpg$/m);
    assert.doesNotMatch(run.stdout, /lake\.jpg/);
    assert.match(run.stdout, /^1,822 {2}total, 4 photos$/m);
  });

  test('--album sea: only that folder (not seaside.jpg), filtered by Cloud Monitoring', async () => {
    const run = await hits(['--project', 'my-blog', '--album', 'sea/']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Hits per photo \(project my-blog, last 30 days, album sea, metric photo_hits\):$/m);
    assert.match(run.stdout, /^1,514 {2}total, 2 photos$/m);
    assert.doesNotMatch(run.stdout, /seaside|ridge|lake/);
    assert.equal(fake.requests[0]!.query.filter, 'metric.type="logging.googleapis.com/user/photo_hits" AND metric.labels.photo = starts_with("sea/")');
  });

  test('--json: the same report for scripts', async () => {
    const run = await hits(['--project', 'my-blog', '--json', '--days', '14']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.equal(report.project, 'my-blog');
    assert.equal(report.metric, 'photo_hits');
    assert.equal(report.days, 14);
    assert.equal(report.album, null);
    assert.equal(report.total, 1829);
    assert.deepEqual(report.photos, [
      { photo: 'sea/harbour.jpg', hits: 1200 },
      { photo: 'mountains/ridge.jpg', hits: 310 },
      { photo: 'sea/boats.jpg', hits: 310 },
      { photo: 'lake.jpg', hits: 7 },
      { photo: 'seaside.jpg', hits: 2 },
    ]);
    assert.equal(Date.parse(report.to as string) - Date.parse(report.from as string), 14 * DAY);
  });

  test('a project with nothing counted yet: a clear line, exit 0 (and an empty report in JSON)', async () => {
    const run = await hits(['--project', 'quiet-blog']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'No hits yet (project quiet-blog, last 30 days, metric photo_hits): the metric counts from its creation on, and new hits show within a few minutes.\n');
    const json = await hits(['--project', 'quiet-blog', '--json']);
    assert.deepEqual({ ...(JSON.parse(json.stdout) as object), from: undefined, to: undefined }, { project: 'quiet-blog', metric: 'photo_hits', days: 30, album: null, total: 0, photos: [], from: undefined, to: undefined });
  });

  const failures: Array<[string, string[], Record<string, string> | undefined, number, RegExp]> = [
    ['a metric that does not exist yet', ['--project', 'new-blog'], undefined, 1, /^blog-photo-frame: Project new-blog has no metric photo_hits yet: npm run deploy creates it \(a new metric can take about 10 minutes to appear\)\. Cloud Monitoring said: Cannot find metric/],
    ['an unknown project', ['--project', 'no-such-blog'], undefined, 1, /^blog-photo-frame: Project no-such-blog was not found, or your account may not read its metrics: check the id \(gcloud projects list\) and that you have roles\/monitoring\.viewer on it\./],
    ['no credentials', ['--project', 'my-blog'], { METADATA_SERVER_DETECTION: 'none' }, 1, /^blog-photo-frame: No Google credentials to read Cloud Monitoring with: run gcloud auth application-default login \(or set GOOGLE_APPLICATION_CREDENTIALS\)\./],
    ['no project', [], undefined, 2, /^blog-photo-frame: Give the Google Cloud project: blog-photo-frame hits --project my-project\./],
    ['--days 0', ['--project', 'my-blog', '--days', '0'], undefined, 2, /^blog-photo-frame: --days must be a whole number of days from 1 to 365, like --days 7 \(got "0"\)\./],
    ['an album no upload can publish', ['--project', 'my-blog', '--album', 'sea/../x'], undefined, 2, /^blog-photo-frame: --album "sea\/\.\.\/x" cannot be an album: it has a hidden folder, "\." or "\.\."\. Run "blog-photo-frame hits --help" for every option\.$/m],
    ['an unknown option', ['--project', 'my-blog', '--since', 'monday'], undefined, 2, /^blog-photo-frame: Unknown option '--since'\. Run "blog-photo-frame hits --help" for every option\.$/m],
  ];
  for (const [name, args, env, code, message] of failures) {
    test(`${name}: one line that says how to fix it, exit ${code}`, async () => {
      const run = await hits(args, env);
      assert.equal(run.code, code, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    });
  }

  test('--help explains every option, with examples', async () => {
    const run = await hits(['--help']);
    assert.equal(run.code, 0);
    for (const option of ['--project', '--days', '--album', '--metric', '--json', '--help']) assert.match(run.stdout, new RegExp(`^  (-h, )?${option}\\b`, 'm'), option);
    assert.match(run.stdout, /gcloud auth application-default login/);
  });
});
