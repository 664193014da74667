/**
 * `npm run deploy`: deploys the photo API to Google Cloud, least privilege,
 * every step idempotent. `npm run deploy -- --rehearse`: builds and starts it
 * here as Google's build and runtime would, with no call to Google.
 * Settings come from the environment (docs/google-cloud.md).
 */
import { parseArgs } from 'node:util';
import { deploy } from './deploy.js';
import { parseDeployConfig } from './deploy-config.js';
import { DeployError } from './deploy-error.js';
import { runGcloud } from './gcloud.js';
import { rehearse } from './rehearse.js';

const USAGE = `Usage: BUCKET=my-blog-photos [REGION=…] [URL_MODE=signed] npm run deploy [-- --rehearse]

  (no option)   Deploy: enable the APIs, make the function's service account and its grants,
                deploy the function, create the hit-counting metric; a second run changes nothing.
  --rehearse    Build and start what would be deployed, here, as Google's build and runtime do,
                and check GET / and GET /photos (BUCKET with STORAGE_EMULATOR_HOST, or PHOTOS_DIR).
  -h, --help    This help.
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { rehearse: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`deploy: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (values.rehearse) await rehearse(process.env, { out });
    else await deploy(parseDeployConfig(process.env), { gcloud: runGcloud, out });
    return 0;
  } catch (error) {
    if (error instanceof DeployError) {
      process.stderr.write(`deploy: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`deploy: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
