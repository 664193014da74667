import { serviceAccountEmail } from './deploy-config.js';
import type { DeployContext } from './deploy-context.js';

interface Policy {
  bindings?: Array<{ role: string; members?: string[] }>;
}

function hasBinding(policyJson: string, role: string, member: string): boolean {
  const policy = JSON.parse(policyJson || '{}') as Policy;
  return (policy.bindings ?? []).some((b) => b.role === role && (b.members ?? []).includes(member));
}

/**
 * The function's own identity, with the least it needs: a service account
 * that may read the bucket's objects (and, for signed URLs, sign as itself),
 * instead of the default compute account, which usually holds Editor on the
 * whole project.
 */
export async function ensureIdentity(ctx: DeployContext): Promise<string> {
  const { config } = ctx;
  const email = serviceAccountEmail(config, ctx.project);
  const member = `serviceAccount:${email}`;
  const accountAdmin = 'roles/iam.serviceAccountAdmin';

  const existing = await ctx.describe(['iam', 'service-accounts', 'describe', email, '--format=value(email)', ctx.projectFlag], {
    doing: `reading service account ${email}`,
    role: accountAdmin,
  });
  if (existing === undefined) {
    await ctx.run(
      ['iam', 'service-accounts', 'create', config.serviceAccountName, '--display-name=photo-frame function', '--description=Runs the photo-frame function: reads the photo bucket, nothing else', ctx.projectFlag],
      { doing: `creating service account ${email}`, role: accountAdmin },
    );
    ctx.changed(`created service account ${email}`);
  } else {
    ctx.unchanged(`service account ${email}`);
  }

  const bucket = `gs://${config.bucket}`;
  const bucketAction = { doing: `granting ${email} read access to ${bucket}`, role: 'roles/storage.admin' };
  const bucketPolicy = await ctx.run(['storage', 'buckets', 'get-iam-policy', bucket, '--format=json', ctx.projectFlag], bucketAction);
  if (hasBinding(bucketPolicy, 'roles/storage.objectViewer', member)) {
    ctx.unchanged(`${email} reads ${bucket} (roles/storage.objectViewer)`);
  } else {
    await ctx.run(['storage', 'buckets', 'add-iam-policy-binding', bucket, `--member=${member}`, '--role=roles/storage.objectViewer', ctx.projectFlag], bucketAction);
    ctx.changed(`granted roles/storage.objectViewer on ${bucket} to ${email}`);
  }
  if (config.urlMode === 'public' && !hasBinding(bucketPolicy, 'roles/storage.objectViewer', 'allUsers')) {
    ctx.note(
      `! ${bucket} is not publicly readable, so readers' browsers cannot load its images: run gcloud storage buckets add-iam-policy-binding ${bucket} --member=allUsers --role=roles/storage.objectViewer, or deploy with URL_MODE=signed`,
    );
  }

  if (config.urlMode === 'signed') {
    const signAction = { doing: `letting ${email} sign URLs as itself`, role: accountAdmin };
    const accountPolicy = await ctx.run(['iam', 'service-accounts', 'get-iam-policy', email, '--format=json', ctx.projectFlag], signAction);
    if (hasBinding(accountPolicy, 'roles/iam.serviceAccountTokenCreator', member)) {
      ctx.unchanged(`${email} signs URLs as itself (roles/iam.serviceAccountTokenCreator)`);
    } else {
      await ctx.run(['iam', 'service-accounts', 'add-iam-policy-binding', email, `--member=${member}`, '--role=roles/iam.serviceAccountTokenCreator', ctx.projectFlag], signAction);
      ctx.changed(`granted roles/iam.serviceAccountTokenCreator on ${email} to itself`);
    }
  }
  return email;
}
