import type { DeployContext } from './deploy-context.js';

/** What a deploy uses: build and run the function, keep its image, create its account, log and count hits. */
export const APIS = [
  'cloudfunctions.googleapis.com',
  'cloudbuild.googleapis.com',
  'run.googleapis.com',
  'artifactregistry.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'iam.googleapis.com',
] as const;
/** Signing URLs through IAM (signBlob) with the function's own account. */
export const SIGNED_URL_API = 'iamcredentials.googleapis.com';

/** Enables the APIs the deployment needs that are not enabled yet. */
export async function ensureApis(ctx: DeployContext): Promise<void> {
  const needed: string[] = [...APIS];
  if (ctx.config.urlMode === 'signed') needed.push(SIGNED_URL_API);
  const action = { doing: 'enabling the APIs', role: 'roles/serviceusage.serviceUsageAdmin' };
  const listed = await ctx.run(['services', 'list', '--enabled', '--format=value(config.name)', ctx.projectFlag], action);
  const enabled = new Set(listed.split('\n').map((line) => line.trim()));
  const missing = needed.filter((api) => !enabled.has(api));
  if (missing.length === 0) {
    ctx.unchanged(`APIs enabled: ${needed.length} of ${needed.length}`);
    return;
  }
  await ctx.run(['services', 'enable', ...missing, ctx.projectFlag], action);
  ctx.changed(`enabled ${missing.join(', ')}`);
}
