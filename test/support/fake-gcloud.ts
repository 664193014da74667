/**
 * A stand-in `gcloud` on PATH for deploy tests: fake-gcloud-bin.mjs records
 * every command line and answers from a scripted project state, which it
 * changes as gcloud would (a second run sees what the first created).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Binding {
  role: string;
  members: string[];
}

export interface FakeGcloudState {
  /** What `gcloud config get-value project` prints; unset: "(unset)". */
  configProject?: string;
  loggedIn: boolean;
  /** Projects that exist and the account can see. */
  projects: string[];
  buckets: Record<string, { bindings?: Binding[] }>;
  /** Enabled APIs. */
  services: string[];
  serviceAccounts: Record<string, { bindings?: Binding[] }>;
  /** `gcloud functions describe --format=json` answers, by name. */
  functions: Record<string, Record<string, unknown>>;
  /** `gcloud logging metrics describe --format=json` answers, by name. */
  metrics: Record<string, Record<string, unknown>>;
  /** Command lines (their start, e.g. "iam service-accounts create") answered PERMISSION_DENIED. */
  denied?: string[];
  /** `services enable` fails: no billing account. */
  noBilling?: boolean;
}

export interface GcloudCall {
  argv: string[];
  /** A deploy's env-vars file. */
  envVars?: string;
  /** A deploy's --source folder, every file and folder in it. */
  sourceFiles?: string[];
  /** A metric create/update's --config-from-file content. */
  config?: Record<string, unknown>;
}

export interface FakeGcloud {
  /** PATH with the stand-in first, and where it keeps its state and log. */
  env: Record<string, string>;
  calls(): Promise<GcloudCall[]>;
  clearCalls(): Promise<void>;
  state(): Promise<FakeGcloudState>;
  setState(state: FakeGcloudState): Promise<void>;
  close(): Promise<void>;
}

const BIN = fileURLToPath(new URL('./fake-gcloud-bin.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const NEW_PROJECT: FakeGcloudState = {
  loggedIn: true,
  projects: ['photo-blog-1'],
  buckets: { 'my-photos': { bindings: [{ role: 'roles/storage.legacyBucketOwner', members: ['projectOwner:photo-blog-1'] }] } },
  services: ['logging.googleapis.com', 'monitoring.googleapis.com', 'storage.googleapis.com'],
  serviceAccounts: {},
  functions: {},
  metrics: {},
};

export async function startFakeGcloud(initial: FakeGcloudState = NEW_PROJECT): Promise<FakeGcloud> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-gcloud-'));
  await symlink(BIN, path.join(dir, 'gcloud'));
  const statePath = path.join(dir, 'state.json');
  const logPath = path.join(dir, 'calls.jsonl');
  const setState = (state: FakeGcloudState) => writeFile(statePath, JSON.stringify(state, null, 2));
  await setState(structuredClone(initial));
  await writeFile(logPath, '');
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}`, FAKE_GCLOUD_STATE: statePath, FAKE_GCLOUD_LOG: logPath },
    calls: async () => (await readFile(logPath, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as GcloudCall),
    clearCalls: () => writeFile(logPath, ''),
    state: async () => JSON.parse(await readFile(statePath, 'utf8')) as FakeGcloudState,
    setState,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** `npm run deploy` as a user runs it from the repo root, with the stand-in first on PATH and only the environment given. */
export function runDeploy(fake: FakeGcloud, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/deploy/main.ts')], {
    cwd: ROOT,
    env: { HOME: process.env.HOME ?? '/tmp', ...fake.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
