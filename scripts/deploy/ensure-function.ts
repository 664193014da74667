import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { functionEnvironment } from './deploy-config.js';
import type { DeployContext } from './deploy-context.js';
import { listUploadFiles } from './upload-files.js';

/** The label that records what was deployed: a hash of the uploaded files, the flags and the environment. */
export const DEPLOY_LABEL = 'photo-frame-deploy';

interface DescribedFunction {
  state?: string;
  url?: string;
  labels?: Record<string, string>;
  serviceConfig?: { uri?: string; serviceAccountEmail?: string };
}

/** The env-vars file: one `NAME: "value"` a line (a JSON string is a YAML double-quoted scalar). An env-vars file, not --set-env-vars: ALLOWED_ORIGINS holds commas. */
export function envVarsYaml(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}: ${JSON.stringify(value)}\n`)
    .join('');
}

/**
 * Deploys the staged function (build/function) as a 2nd-gen function running
 * as `serviceAccount`, unless the deployed one already has the same source,
 * settings and account. Returns the function's URL.
 */
export async function ensureFunction(ctx: DeployContext, sourceDir: string, serviceAccount: string): Promise<string> {
  const { config } = ctx;
  const location = ['--gen2', `--region=${config.region}`, ctx.projectFlag];
  const env = envVarsYaml(functionEnvironment(config, ctx.project));
  // As typed from the repo root (build/function), where npm run deploy runs.
  const source = path.relative(process.cwd(), sourceDir).startsWith('..') ? sourceDir : path.relative(process.cwd(), sourceDir) || '.';
  const flags = [
    '--runtime=nodejs22',
    `--source=${source}`,
    '--entry-point=photo',
    '--trigger-http',
    '--allow-unauthenticated',
    `--service-account=${serviceAccount}`,
    `--memory=${config.memory}`,
    '--cpu=1',
    // Caps what a loop of requests can cost (docs/google-cloud.md, "What it costs").
    `--max-instances=${config.maxInstances}`,
    // Always given, so that setting it back to 0 reaches a deployed function too.
    `--min-instances=${config.minInstances}`,
    `--concurrency=${config.concurrency}`,
  ];
  const hash = createHash('sha256');
  for (const file of await listUploadFiles(sourceDir)) hash.update(`${file.path}\0`).update(await readFile(path.join(sourceDir, file.path))).update('\0');
  hash.update(JSON.stringify(flags)).update(env);
  const fingerprint = hash.digest('hex').slice(0, 32);

  const action = { doing: `deploying function ${config.functionName}`, role: `roles/cloudfunctions.developer, and roles/iam.serviceAccountUser on ${serviceAccount},` };
  const describeArgs = ['functions', 'describe', config.functionName, ...location, '--format=json'];
  const before = await ctx.describe(describeArgs, action);
  const deployed = before === undefined ? undefined : (JSON.parse(before) as DescribedFunction);
  if (deployed?.state === 'ACTIVE' && deployed.labels?.[DEPLOY_LABEL] === fingerprint && deployed.serviceConfig?.serviceAccountEmail === serviceAccount) {
    ctx.unchanged(`function ${config.functionName}: same source, settings and account (${DEPLOY_LABEL}=${fingerprint})`);
    return functionUrl(deployed);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photo-frame-deploy-'));
  try {
    const envFile = path.join(dir, 'env.yaml');
    await writeFile(envFile, env);
    ctx.note(`… deploying function ${config.functionName} from ${source} (a few minutes: Cloud Build installs and builds it)`);
    await ctx.run(['functions', 'deploy', config.functionName, ...location, ...flags, `--env-vars-file=${envFile}`, `--update-labels=${DEPLOY_LABEL}=${fingerprint}`], action);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  ctx.changed(`${deployed ? 'redeployed' : 'deployed'} function ${config.functionName} as ${serviceAccount}`);
  const after = JSON.parse(await ctx.run(describeArgs, action)) as DescribedFunction;
  return functionUrl(after);
}

function functionUrl(fn: DescribedFunction): string {
  return fn.url ?? fn.serviceConfig?.uri ?? '';
}
