/**
 * `npm run deploy` against a stand-in gcloud (test/support/fake-gcloud.ts)
 * that records each command line and answers from a scripted project: the
 * exact commands of a first and a second run, public and signed, what the
 * function is deployed with, and what bad input gets.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NEW_PROJECT, runDeploy, startFakeGcloud, type FakeGcloud, type FakeGcloudState } from '../support/fake-gcloud.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = 'build/function';
const PACKAGE = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { config: { instanceNodeOptions: string } };
const SA = 'photo-frame@photo-blog-1.iam.gserviceaccount.com';

let gcloud: FakeGcloud;
beforeEach(async () => {
  await gcloud?.close();
  gcloud = await startFakeGcloud();
});
after(() => gcloud.close());

const deploy = (env: Record<string, string>) => runDeploy(gcloud, env);

/** The command lines gcloud was given, with the temporary env-vars file and the deploy fingerprint named. */
async function commandLines(): Promise<string[]> {
  return (await gcloud.calls()).map((call) =>
    call.argv
      .map((arg) => arg.replace(/^--env-vars-file=.*/, '--env-vars-file=<file>').replace(/^--update-labels=photo-frame-deploy=[0-9a-f]{32}$/, '--update-labels=photo-frame-deploy=<fingerprint>'))
      .join(' '),
  );
}

const FIRST_RUN_PUBLIC = [
  'projects describe photo-blog-1 --format=value(projectId)',
  'storage buckets describe gs://my-photos --format=value(name) --project=photo-blog-1',
  'services list --enabled --format=value(config.name) --project=photo-blog-1',
  'services enable cloudfunctions.googleapis.com cloudbuild.googleapis.com run.googleapis.com artifactregistry.googleapis.com iam.googleapis.com --project=photo-blog-1',
  `iam service-accounts describe ${SA} --format=value(email) --project=photo-blog-1`,
  'iam service-accounts create photo-frame --display-name=photo-frame function --description=Runs the photo-frame function: reads the photo bucket, nothing else --project=photo-blog-1',
  'storage buckets get-iam-policy gs://my-photos --format=json --project=photo-blog-1',
  `storage buckets add-iam-policy-binding gs://my-photos --member=serviceAccount:${SA} --role=roles/storage.objectViewer --project=photo-blog-1`,
  'functions describe photo --gen2 --region=us-central1 --project=photo-blog-1 --format=json',
  `functions deploy photo --gen2 --region=us-central1 --project=photo-blog-1 --runtime=nodejs22 --source=${SOURCE} --entry-point=photo --trigger-http --allow-unauthenticated --service-account=${SA} --memory=256Mi --cpu=1 --max-instances=3 --min-instances=0 --concurrency=80 --env-vars-file=<file> --update-labels=photo-frame-deploy=<fingerprint>`,
  'functions describe photo --gen2 --region=us-central1 --project=photo-blog-1 --format=json',
  'logging metrics describe photo_hits --format=json --project=photo-blog-1',
  'logging metrics create photo_hits --config-from-file=deploy/photo-hits-metric.json --project=photo-blog-1',
];
const SIGNED_GRANT = [
  `iam service-accounts get-iam-policy ${SA} --format=json --project=photo-blog-1`,
  `iam service-accounts add-iam-policy-binding ${SA} --member=serviceAccount:${SA} --role=roles/iam.serviceAccountTokenCreator --project=photo-blog-1`,
];
const FIRST_RUN_SIGNED = [
  ...FIRST_RUN_PUBLIC.slice(0, 3),
  'services enable cloudfunctions.googleapis.com cloudbuild.googleapis.com run.googleapis.com artifactregistry.googleapis.com iam.googleapis.com iamcredentials.googleapis.com --project=photo-blog-1',
  ...FIRST_RUN_PUBLIC.slice(4, 8),
  ...SIGNED_GRANT,
  ...FIRST_RUN_PUBLIC.slice(8),
];
/** A second run only looks: each describe and list once, nothing else. */
const readsOnly = (lines: string[]) => [...new Set(lines)].filter((l) => /^(projects describe|storage buckets (describe|get-iam-policy)|services list|iam service-accounts (describe|get-iam-policy)|functions describe|logging metrics describe)/.test(l));

const MODES: Array<{ mode: string; env: Record<string, string>; first: string[] }> = [
  { mode: 'public', env: { BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1' }, first: FIRST_RUN_PUBLIC },
  { mode: 'signed', env: { BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', URL_MODE: 'signed' }, first: FIRST_RUN_SIGNED },
];

for (const { mode, env, first } of MODES) {
  describe(`npm run deploy, ${mode} URLs`, () => {
    test('a first run sets up the project with these exact commands and prints the endpoint and the HTML to paste', async () => {
      const run = await deploy(env);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await commandLines(), first);
      const url = 'https://us-central1-photo-blog-1.cloudfunctions.net/photo';
      assert.match(run.stdout, new RegExp(`Endpoint: ${url}\n`));
      assert.ok(run.stdout.includes(`<script type="module" src="/assets/photo-frame.js"></script>\n<photo-frame endpoint="${url}"></photo-frame>`), run.stdout);
      const state = await gcloud.state();
      assert.deepEqual(state.buckets['my-photos']!.bindings!.find((b) => b.role === 'roles/storage.objectViewer')?.members, [`serviceAccount:${SA}`]);
      assert.equal(state.serviceAccounts[SA]!.bindings!.some((b) => b.role === 'roles/iam.serviceAccountTokenCreator'), mode === 'signed');
      if (mode === 'public') assert.match(run.stdout, /gs:\/\/my-photos is not publicly readable.*--member=allUsers/);
    });

    test('a second run changes nothing and says so', async () => {
      assert.equal((await deploy(env)).code, 0);
      await gcloud.clearCalls();
      const run = await deploy(env);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await commandLines(), readsOnly(first));
      assert.match(run.stdout, /Nothing changed: everything was already in place\./);
      assert.match(run.stdout, /^= function photo: same source, settings and account/m);
      assert.match(run.stdout, /Endpoint: https:\/\/us-central1-photo-blog-1\.cloudfunctions\.net\/photo/);
    });
  });
}

describe('npm run deploy: what the function gets', () => {
  test('the staged function only: the bundle, its package.json and lockfile, no sources, tests or node_modules', async () => {
    assert.equal((await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1' })).code, 0);
    const call = (await gcloud.calls()).find((c) => c.argv[1] === 'deploy')!;
    const files = call.sourceFiles!.filter((f) => !f.startsWith('chunks/'));
    assert.deepEqual(files, ['.gcloudignore', 'chunks', 'index.mjs', 'package-lock.json', 'package.json']);
  });

  const rows: Array<[string, Record<string, string>, Record<string, string | undefined>]> = [
    ['the bucket, the project and the instance Node options from package.json', {}, { NODE_ENV: 'production', BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', NODE_OPTIONS: PACKAGE.config.instanceNodeOptions || undefined }],
    ['settings from the shell, commas kept', { ALLOWED_ORIGINS: 'https://a.example,https://b.example', CATALOG_TTL_S: '120' }, { ALLOWED_ORIGINS: 'https://a.example,https://b.example', CATALOG_TTL_S: '120' }],
    ['INSTANCE_NODE_OPTIONS instead of the Node options', { INSTANCE_NODE_OPTIONS: '--max-semi-space-size=8' }, { NODE_OPTIONS: '--max-semi-space-size=8' }],
    ['an empty INSTANCE_NODE_OPTIONS: none', { INSTANCE_NODE_OPTIONS: '' }, { NODE_OPTIONS: undefined }],
  ];
  for (const [name, extra, expected] of rows) {
    test(`env-vars file: ${name}`, async () => {
      const run = await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', ...extra });
      assert.equal(run.code, 0, run.stderr);
      const yaml = (await gcloud.calls()).find((c) => c.argv[1] === 'deploy')!.envVars!;
      // One `NAME: "value"` a line; a double-quoted YAML scalar reads as a JSON string.
      const vars = Object.fromEntries(yaml.trim().split('\n').map((line) => [line.slice(0, line.indexOf(':')), JSON.parse(line.slice(line.indexOf(':') + 1)) as string]));
      for (const [key, value] of Object.entries(expected)) assert.equal(vars[key], value, key);
    });
  }

  test('the project from gcloud config when GOOGLE_CLOUD_PROJECT is unset; REGION, MEMORY and the instance limits as set', async () => {
    await gcloud.setState({ ...NEW_PROJECT, configProject: 'photo-blog-1' });
    const run = await deploy({ BUCKET: 'my-photos', REGION: 'europe-west1', MEMORY: '512Mi', MAX_INSTANCES: '1', MIN_INSTANCES: '1', CONCURRENCY: '40' });
    assert.equal(run.code, 0, run.stderr);
    const lines = await commandLines();
    assert.equal(lines[0], 'config get-value project');
    assert.match(lines.find((l) => l.startsWith('functions deploy'))!, / --region=europe-west1 .* --memory=512Mi --cpu=1 --max-instances=1 --min-instances=1 --concurrency=40 /);
  });

  test('a changed setting redeploys; a metric defined differently is updated', async () => {
    assert.equal((await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1' })).code, 0);
    const state = await gcloud.state();
    state.metrics.photo_hits!.filter = 'jsonPayload.photo:*';
    await gcloud.setState(state);
    await gcloud.clearCalls();
    const run = await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', CATALOG_TTL_S: '300' });
    assert.equal(run.code, 0, run.stderr);
    const lines = await commandLines();
    assert.ok(lines.some((l) => l.startsWith('functions deploy photo ')), lines.join('\n'));
    assert.ok(lines.includes('logging metrics update photo_hits --config-from-file=deploy/photo-hits-metric.json --project=photo-blog-1'), lines.join('\n'));
    assert.match(run.stdout, /^\+ redeployed function photo/m);
    assert.equal((await gcloud.state()).metrics.photo_hits!.filter, JSON.parse(await readFile(path.join(ROOT, 'deploy/photo-hits-metric.json'), 'utf8')).filter);
  });
});

describe('npm run deploy: bad input gets one line naming the fix, and nothing half-made goes unreported', () => {
  const cases: Array<{ name: string; env?: Record<string, string>; state?: Partial<FakeGcloudState>; code: number; message: RegExp; calls: number }> = [
    { name: 'no BUCKET', env: { BUCKET: '' }, code: 2, message: /^deploy: Set BUCKET to the bucket that holds your photos, e\.g\. BUCKET=my-blog-photos npm run deploy\n$/, calls: 0 },
    { name: 'a bucket that does not exist', env: { BUCKET: 'no-such-bucket' }, code: 1, message: /^deploy: Bucket gs:\/\/no-such-bucket does not exist: create it with gcloud storage buckets create gs:\/\/no-such-bucket --location=us-central1 --uniform-bucket-level-access --project=photo-blog-1, or fix BUCKET\n$/, calls: 2 },
    { name: 'an unknown project', env: { GOOGLE_CLOUD_PROJECT: 'no-such-project' }, code: 1, message: /^deploy: Project no-such-project was not found, or your gcloud account cannot see it: check the id with gcloud projects list/, calls: 1 },
    { name: 'no project at all', env: { GOOGLE_CLOUD_PROJECT: '' }, code: 2, message: /^deploy: No project: set GOOGLE_CLOUD_PROJECT=YOUR_PROJECT, or run gcloud config set project YOUR_PROJECT\n$/, calls: 1 },
    { name: 'not logged in', state: { loggedIn: false }, code: 1, message: /^deploy: .*log in first: gcloud auth login\n$/, calls: 1 },
    { name: 'no billing account', state: { noBilling: true }, code: 1, message: /^deploy: Failed enabling the APIs: project photo-blog-1 has no billing account: link one \(gcloud billing projects link photo-blog-1 --billing-account=ACCOUNT_ID\), then run again\n$/, calls: 4 },
    {
      name: 'a denied permission half-way (the APIs were enabled: said so)',
      state: { denied: ['iam service-accounts create'] },
      code: 1,
      message: /^deploy: Permission denied creating service account photo-frame@photo-blog-1\.iam\.gserviceaccount\.com: your gcloud account \(gcloud auth list\) needs roles\/iam\.serviceAccountAdmin on project photo-blog-1: ask a project Owner to grant it, or run as an account that has it\. Done before this failure: enabled cloudfunctions\.googleapis\.com, .*iam\.googleapis\.com\. Run npm run deploy again once fixed: it goes on from there\n$/,
      calls: 6,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      if (c.state) await gcloud.setState({ ...NEW_PROJECT, ...c.state });
      const run = await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', ...c.env });
      assert.equal(run.code, c.code, run.stdout + run.stderr);
      assert.match(run.stderr, c.message);
      assert.equal(run.stderr.trim().split('\n').length, 1);
      assert.equal((await gcloud.calls()).length, c.calls);
    });
  }

  test('without gcloud installed it says how to install it', async () => {
    const run = await deploy({ BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'photo-blog-1', PATH: '/nonexistent' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^deploy: gcloud is not installed: install the Google Cloud CLI \(https:\/\/cloud\.google\.com\/sdk\/docs\/install\), then run gcloud auth login\n$/);
  });
});
