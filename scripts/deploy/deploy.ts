import { buildFunction } from '../build-function.js';
import { checkTargets } from './check-targets.js';
import type { DeployConfig } from './deploy-config.js';
import { DeployContext } from './deploy-context.js';
import { DeployError } from './deploy-error.js';
import { ensureApis } from './ensure-apis.js';
import { ensureFunction } from './ensure-function.js';
import { ensureHitsMetric } from './ensure-hits-metric.js';
import { ensureIdentity } from './ensure-identity.js';
import type { Gcloud } from './gcloud.js';

export interface DeployOptions {
  gcloud: Gcloud;
  out: (line: string) => void;
  /** Where the function is staged (default build/function). */
  stageDir?: string;
}

/** The project: GOOGLE_CLOUD_PROJECT, else gcloud's configured one. */
async function resolveProject(config: DeployConfig, gcloud: Gcloud): Promise<string> {
  if (config.project) return config.project;
  const { stdout } = await gcloud(['config', 'get-value', 'project']);
  const project = stdout.trim();
  if (!project || project === '(unset)') throw new DeployError('No project: set GOOGLE_CLOUD_PROJECT=YOUR_PROJECT, or run gcloud config set project YOUR_PROJECT', 2);
  return project;
}

/** What to paste into a blog page (the element's files are copied to the site's assets, see the README). */
export function pasteHtml(endpoint: string): string {
  return [
    '<link rel="stylesheet" href="/assets/photo-frame.css">',
    '<script type="module" src="/assets/photo-frame.js"></script>',
    `<photo-frame endpoint="${endpoint}"></photo-frame>`,
  ].join('\n');
}

/**
 * `npm run deploy`: checks the project and the bucket, then makes each thing
 * the deployment needs exist, changing only what is missing or different:
 * APIs, the function's service account and its two grants, the function, the
 * hit-counting metric. Ends with the endpoint and the HTML to paste.
 */
export async function deploy(config: DeployConfig, options: DeployOptions): Promise<void> {
  const { gcloud, out } = options;
  const project = await resolveProject(config, gcloud);
  const ctx = new DeployContext(config, project, gcloud, out);
  out(`Deploying function ${config.functionName} to project ${project}, region ${config.region}, photos from gs://${config.bucket} (${config.urlMode} URLs)`);
  try {
    await checkTargets(ctx);
    await ensureApis(ctx);
    const account = await ensureIdentity(ctx);
    const staged = await buildFunction(options.stageDir);
    const endpoint = await ensureFunction(ctx, staged.dir, account);
    await ensureHitsMetric(ctx);
    out(ctx.changes.length === 0 ? '\nNothing changed: everything was already in place.' : `\nDone: ${ctx.changes.length} change${ctx.changes.length === 1 ? '' : 's'}.`);
    out(`\nEndpoint: ${endpoint}\n\nPaste into your blog (the element's files from dist/ copied to /assets/, as the README's step 4 says):\n\n${pasteHtml(endpoint)}\n`);
  } catch (error) {
    if (error instanceof DeployError && ctx.changes.length > 0) {
      throw new DeployError(`${error.message}. Done before this failure: ${ctx.changes.join('; ')}. Run npm run deploy again once fixed: it goes on from there`, error.exitCode);
    }
    throw error;
  }
}
