import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isBucketName } from '../../src/gcs/is-bucket-name.js';
import { DeployError } from './deploy-error.js';

/**
 * What `npm run deploy` deploys, read from the environment in this one place
 * (docs/google-cloud.md has the table). The photo API's own settings
 * (ALLOWED_ORIGINS, CATALOG_TTL_S, …) are passed on as they are set.
 */
export interface DeployConfig extends InstanceSettings {
  /** GOOGLE_CLOUD_PROJECT; undefined: gcloud's configured project. */
  project?: string;
  bucket: string;
  region: string;
  functionName: string;
  maxInstances: string;
  /** Instances kept warm even without requests: no cold start for the first reader, billed while idle. */
  minInstances: string;
  concurrency: string;
  urlMode: 'public' | 'signed';
  /** The account the function runs as: `<serviceAccountName>@PROJECT.iam.gserviceaccount.com`. */
  serviceAccountName: string;
  /** The log-based metric counting hits, `<function name>_hits`. */
  metricName: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The photo API's settings that a deploy passes on when they are set (NODE_OPTIONS and the project are added). */
export const PASSED_SETTINGS = ['URL_MODE', 'PUBLIC_BASE_URL', 'SIGNED_URL_WINDOW_S', 'ALLOWED_ORIGINS', 'CATALOG_TTL_S', 'STALE_IF_ERROR_S'] as const;

/** Node flags every instance starts with: package.json config.instanceNodeOptions (the benchmarks run with them too). */
export function instanceNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INSTANCE_NODE_OPTIONS !== undefined) return env.INSTANCE_NODE_OPTIONS.trim();
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { config?: { instanceNodeOptions?: string } };
  return pkg.config?.instanceNodeOptions ?? '';
}

function setting(env: NodeJS.ProcessEnv, name: string, fallback: string, pattern: RegExp, example: string): string {
  const value = env[name]?.trim() || fallback;
  if (!pattern.test(value)) throw new DeployError(`${name}=${JSON.stringify(value)} is not valid: set it like ${name}=${example}`, 2);
  return value;
}

/** What every instance starts with, for a deploy and a rehearsal alike. */
export interface InstanceSettings {
  memory: string;
  /** The photo API's settings set in the shell, passed on to the function. */
  settings: Record<string, string>;
  /** NODE_OPTIONS of every instance; empty for none. */
  nodeOptions: string;
}

export function parseInstanceSettings(env: NodeJS.ProcessEnv = process.env): InstanceSettings {
  const settings: Record<string, string> = {};
  for (const name of PASSED_SETTINGS) {
    const value = env[name]?.trim();
    if (value) settings[name] = value;
  }
  return { memory: setting(env, 'MEMORY', '256Mi', /^\d+(Mi|Gi)$/, '256Mi'), settings, nodeOptions: instanceNodeOptions(env) };
}

/** Reads and checks the deploy settings; throws DeployError (exit 2) naming the variable to fix. */
export function parseDeployConfig(env: NodeJS.ProcessEnv = process.env): DeployConfig {
  const bucket = env.BUCKET?.trim().replace(/^gs:\/\//, '').replace(/\/+$/, '');
  if (!bucket) throw new DeployError('Set BUCKET to the bucket that holds your photos, e.g. BUCKET=my-blog-photos npm run deploy', 2);
  if (!isBucketName(bucket)) {
    throw new DeployError(`BUCKET=${JSON.stringify(env.BUCKET)} is not a Cloud Storage bucket name: use the bare name (lowercase letters, digits, -, _ and .)`, 2);
  }
  const urlMode = env.URL_MODE?.trim() || 'public';
  if (urlMode !== 'public' && urlMode !== 'signed') {
    throw new DeployError(`URL_MODE=${JSON.stringify(env.URL_MODE)} is not valid: use public (a publicly readable bucket) or signed (a private bucket, V4 signed URLs)`, 2);
  }
  const project = env.GOOGLE_CLOUD_PROJECT?.trim() || undefined;
  if (project !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) {
    throw new DeployError(`GOOGLE_CLOUD_PROJECT=${JSON.stringify(project)} is not a project id: use the id (gcloud projects list), not the name or number`, 2);
  }
  const functionName = setting(env, 'FUNCTION_NAME', 'photo', /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/, 'photo (lowercase letters, digits and -)');
  const config: DeployConfig = {
    ...parseInstanceSettings(env),
    bucket,
    region: setting(env, 'REGION', 'us-central1', /^[a-z]+-[a-z]+\d+$/, 'europe-west1'),
    functionName,
    maxInstances: setting(env, 'MAX_INSTANCES', '3', /^[1-9]\d*$/, '3'),
    minInstances: setting(env, 'MIN_INSTANCES', '0', /^\d+$/, '1'),
    concurrency: setting(env, 'CONCURRENCY', '80', /^[1-9]\d*$/, '80'),
    urlMode,
    serviceAccountName: 'photo-frame',
    metricName: `${functionName.replaceAll('-', '_')}_hits`,
  };
  if (project !== undefined) config.project = project;
  return config;
}

/** The function's environment variables, in the order the env-vars file lists them. */
export function functionEnvironment(config: DeployConfig, project: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    BUCKET: config.bucket,
    GOOGLE_CLOUD_PROJECT: project,
    ...config.settings,
    ...(config.nodeOptions ? { NODE_OPTIONS: config.nodeOptions } : {}),
  };
}

/** The function's service account. */
export function serviceAccountEmail(config: DeployConfig, project: string): string {
  return `${config.serviceAccountName}@${project}.iam.gserviceaccount.com`;
}

/** MEMORY in MiB (256Mi → 256, 1Gi → 1024). */
export function memoryMib(config: Pick<InstanceSettings, 'memory'>): number {
  const [, n, unit] = /^(\d+)(Mi|Gi)$/.exec(config.memory)!;
  return Number(n) * (unit === 'Gi' ? 1024 : 1);
}
