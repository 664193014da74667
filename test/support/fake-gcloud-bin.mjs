#!/usr/bin/env node
// A stand-in for the `gcloud` CLI, for deploy tests (test/support/fake-gcloud.ts
// puts it on PATH). It appends its argv to FAKE_GCLOUD_LOG (one JSON line a
// call, with the env-vars file's content and the uploaded file names for a
// deploy) and answers the commands `npm run deploy` uses from the project
// state in FAKE_GCLOUD_STATE, which it updates as gcloud would change the
// project. Errors are printed the way gcloud prints them, exit code 1.
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const statePath = process.env.FAKE_GCLOUD_STATE;
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const argv = process.argv.slice(2);
const words = argv.filter((a) => !a.startsWith('--'));
const flags = Object.fromEntries(argv.filter((a) => a.startsWith('--')).map((a) => (a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), true])));
const record = { argv };

function save() {
  writeFileSync(statePath, JSON.stringify(state, null, 2));
}
function finish(code, stdout = '', stderr = '') {
  appendFileSync(process.env.FAKE_GCLOUD_LOG, `${JSON.stringify(record)}\n`);
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exit(code);
}
function fail(group, message) {
  finish(1, '', `ERROR: (gcloud.${group}) ${message}\n`);
}
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
function addBinding(policy, role, member) {
  const binding = (policy.bindings ??= []).find((b) => b.role === role);
  if (!binding) policy.bindings.push({ role, members: [member] });
  else if (!binding.members.includes(member)) binding.members.push(member);
}

// `functions deploy NAME`, `services enable API…`: two words; `storage buckets describe gs://B`: three.
const depth = ['storage', 'iam', 'logging'].includes(words[0]) ? 3 : 2;
const command = words.slice(0, depth).join(' ');
const group = command.replaceAll(' ', '.');
const project = flags.project;

if (words[0] === 'config' && words[1] === 'get-value') finish(0, state.configProject ? `${state.configProject}\n` : '', state.configProject ? '' : '(unset)\n');
if (!state.loggedIn) fail(command, 'You do not currently have an active account selected. Please run:\n\n  $ gcloud auth login');
if (words[0] === 'projects' && words[1] === 'describe') {
  if (!state.projects.includes(words[2])) fail('projects.describe', `[someone@example.com] does not have permission to access projects instance [${words[2]}] (or it may not exist): The caller does not have permission.`);
  finish(0, `${words[2]}\n`);
}
if (project !== undefined && !state.projects.includes(project)) fail(group, `PERMISSION_DENIED: Permission denied on resource project ${project}.`);
for (const denied of state.denied ?? []) {
  if (argv.join(' ').startsWith(denied)) fail(group, `PERMISSION_DENIED: The caller does not have permission to ${denied} in project ${project}.`);
}

switch (command) {
  case 'services list': {
    finish(0, state.services.map((s) => `${s}\n`).join(''));
    break;
  }
  case 'services enable': {
    if (state.noBilling) fail('services.enable', `FAILED_PRECONDITION: Billing account for project '${project}' is not found. Billing must be enabled for activation of service(s) to proceed.`);
    for (const api of words.slice(2)) if (!state.services.includes(api)) state.services.push(api);
    save();
    finish(0, '', 'Operation finished successfully.\n');
    break;
  }
  case 'storage buckets describe':
  case 'storage buckets get-iam-policy':
  case 'storage buckets add-iam-policy-binding': {
    const name = words[3].replace(/^gs:\/\//, '');
    const bucket = state.buckets[name];
    if (!bucket) fail(group, `${words[3]} not found: 404.`);
    if (words[2] === 'describe') finish(0, `${name}\n`);
    if (words[2] === 'get-iam-policy') finish(0, json({ bindings: bucket.bindings ?? [], etag: 'CAE=' }));
    addBinding(bucket, flags.role, flags.member);
    save();
    finish(0, json({ bindings: bucket.bindings }), `Updated IAM policy for bucket [${name}].\n`);
    break;
  }
  case 'iam service-accounts describe':
  case 'iam service-accounts get-iam-policy':
  case 'iam service-accounts add-iam-policy-binding': {
    const account = state.serviceAccounts[words[3]];
    if (!account) fail(group, `NOT_FOUND: Unknown service account`);
    if (words[2] === 'describe') finish(0, `${words[3]}\n`);
    if (words[2] === 'get-iam-policy') finish(0, account.bindings?.length ? json({ bindings: account.bindings, etag: 'BwY=' }) : json({ etag: 'ACAB' }));
    addBinding(account, flags.role, flags.member);
    save();
    finish(0, json({ bindings: account.bindings }), `Updated IAM policy for serviceAccount [${words[3]}].\n`);
    break;
  }
  case 'iam service-accounts create': {
    const email = `${words[3]}@${project}.iam.gserviceaccount.com`;
    if (state.serviceAccounts[email]) fail(group, `ALREADY_EXISTS: Service account ${words[3]} already exists within project projects/${project}.`);
    state.serviceAccounts[email] = { displayName: flags['display-name'], bindings: [] };
    save();
    finish(0, '', `Created service account [${words[3]}].\n`);
    break;
  }
  case 'functions describe': {
    const fn = state.functions[words[2]];
    if (!fn) fail(group, `ResponseError: status=[404], code=[Ok], message=[Resource 'projects/${project}/locations/${flags.region}/functions/${words[2]}' was not found]`);
    finish(0, json(fn));
    break;
  }
  case 'functions deploy': {
    record.envVars = readFileSync(flags['env-vars-file'], 'utf8');
    record.sourceFiles = readdirSync(flags.source, { recursive: true }).sort();
    if (!state.serviceAccounts[flags['service-account']]) fail(group, `INVALID_ARGUMENT: Service account ${flags['service-account']} does not exist.`);
    const [key, value] = flags['update-labels'].split('=');
    const url = `https://${flags.region}-${project}.cloudfunctions.net/${words[2]}`;
    state.functions[words[2]] = {
      name: `projects/${project}/locations/${flags.region}/functions/${words[2]}`,
      state: 'ACTIVE',
      environment: 'GEN_2',
      labels: { 'deployment-tool': 'cli-gcloud', ...state.functions[words[2]]?.labels, [key]: value },
      serviceConfig: { serviceAccountEmail: flags['service-account'], availableMemory: flags.memory, maxInstanceCount: Number(flags['max-instances']), uri: `https://${words[2]}-abc123-uc.a.run.app` },
      url,
    };
    save();
    finish(0, json(state.functions[words[2]]));
    break;
  }
  case 'logging metrics describe': {
    const metric = state.metrics[words[3]];
    if (!metric) fail(group, `NOT_FOUND: Metric ${words[3]} does not exist.`);
    finish(0, json(metric));
    break;
  }
  case 'logging metrics create':
  case 'logging metrics update': {
    const config = JSON.parse(readFileSync(flags['config-from-file'], 'utf8'));
    record.config = config;
    if (words[2] === 'create' && state.metrics[words[3]]) fail(group, `ALREADY_EXISTS: Metric ${words[3]} already exists.`);
    // The API adds the metric's name and type, times, and defaults (unit, label types).
    const descriptor = config.metricDescriptor ?? {};
    state.metrics[words[3]] = {
      name: words[3],
      ...config,
      metricDescriptor: { ...descriptor, type: `logging.googleapis.com/user/${words[3]}`, unit: descriptor.unit ?? '1', labels: (descriptor.labels ?? []).map((l) => ({ valueType: 'STRING', ...l })) },
      createTime: '2026-01-01T00:00:00Z',
      updateTime: '2026-01-01T00:00:00Z',
    };
    save();
    finish(0, '', `${words[2] === 'create' ? 'Created' : 'Updated'} [${words[3]}].\n`);
    break;
  }
  default:
    fail(group || 'gcloud', `Invalid choice: the stand-in gcloud does not know ${JSON.stringify(argv.join(' '))}`);
}
