import type { DeployContext } from './deploy-context.js';
import { DeployError } from './deploy-error.js';

/**
 * Checks what the deploy needs and cannot make itself, before it changes
 * anything: the project and the bucket. A wrong name stops it here, with
 * nothing created.
 */
export async function checkTargets(ctx: DeployContext): Promise<void> {
  const { project, config } = ctx;
  const found = await ctx.describe(['projects', 'describe', project, '--format=value(projectId)'], { doing: `reading project ${project}`, role: 'roles/viewer' }, { deniedIsMissing: true });
  if (found === undefined) {
    throw new DeployError(`Project ${project} was not found, or your gcloud account cannot see it: check the id with gcloud projects list, then set GOOGLE_CLOUD_PROJECT (or gcloud config set project ID)`);
  }
  ctx.unchanged(`project ${project}`);
  const bucket = await ctx.describe(['storage', 'buckets', 'describe', `gs://${config.bucket}`, '--format=value(name)', ctx.projectFlag], {
    doing: `reading bucket gs://${config.bucket}`,
    role: 'roles/storage.admin',
  });
  if (bucket === undefined) {
    throw new DeployError(
      `Bucket gs://${config.bucket} does not exist: create it with gcloud storage buckets create gs://${config.bucket} --location=${config.region} --uniform-bucket-level-access ${ctx.projectFlag}, or fix BUCKET`,
    );
  }
  ctx.unchanged(`bucket gs://${config.bucket}`);
}
