/**
 * `npm run deploy` (scripts/deploy.sh) with a stand-in `gcloud` on PATH that
 * records what it was asked to do: the flags and the env-vars file the
 * function would start with.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { config: { instanceNodeOptions: string } };
let bin: string;

before(async () => {
  bin = await mkdtemp(path.join(os.tmpdir(), 'fake-gcloud-'));
  // Prints its arguments and, for a deploy, the env-vars file it was given.
  await writeFile(
    path.join(bin, 'gcloud'),
    `#!/usr/bin/env bash
if [ "$1" = config ]; then echo from-gcloud-config; exit 0; fi
printf '%s\\n' "$@"
for a in "$@"; do case "$a" in --env-vars-file=*) echo '--- env'; cat "\${a#--env-vars-file=}";; esac; done
`,
  );
  await chmod(path.join(bin, 'gcloud'), 0o755);
});
after(() => rm(bin, { recursive: true, force: true }));

function deploy(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['scripts/deploy.sh'], { cwd: ROOT, env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME ?? '/tmp', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The env-vars file (YAML, one `NAME: value` a line) as name → value. */
function envVars(stdout: string): Record<string, string> {
  const lines = stdout.split('--- env\n')[1]?.trim().split('\n') ?? [];
  return Object.fromEntries(
    lines.map((line) => {
      const value = line.slice(line.indexOf(':') + 1).trim();
      // YAML: a double-quoted value reads like a JSON string here; a plain one as it is.
      return [line.slice(0, line.indexOf(':')), value.startsWith('"') ? (JSON.parse(value) as string) : value];
    }),
  );
}

const rows: Array<[string, Record<string, string>, Record<string, string | undefined>]> = [
  ['the bucket, the project and the instance Node options from package.json', { BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'p1' }, { BUCKET: 'my-photos', GOOGLE_CLOUD_PROJECT: 'p1', NODE_OPTIONS: PACKAGE.config.instanceNodeOptions }],
  ['settings from the shell, commas kept', { BUCKET: 'b', GOOGLE_CLOUD_PROJECT: 'p1', ALLOWED_ORIGINS: 'https://a.example,https://b.example', CATALOG_TTL_S: '120' }, { ALLOWED_ORIGINS: 'https://a.example,https://b.example', CATALOG_TTL_S: '120' }],
  ['INSTANCE_NODE_OPTIONS overrides the Node options', { BUCKET: 'b', GOOGLE_CLOUD_PROJECT: 'p1', INSTANCE_NODE_OPTIONS: '--max-semi-space-size=8' }, { NODE_OPTIONS: '--max-semi-space-size=8' }],
  ['an empty INSTANCE_NODE_OPTIONS sets none', { BUCKET: 'b', GOOGLE_CLOUD_PROJECT: 'p1', INSTANCE_NODE_OPTIONS: '' }, { NODE_OPTIONS: undefined }],
  ['the project from gcloud config when GOOGLE_CLOUD_PROJECT is unset', { BUCKET: 'b' }, { GOOGLE_CLOUD_PROJECT: 'from-gcloud-config' }],
];

for (const [name, env, expected] of rows) {
  test(`deploy passes ${name}`, async () => {
    const { code, stdout, stderr } = await deploy(env);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^functions\ndeploy\nphoto\n/);
    for (const flag of ['--gen2', '--runtime=nodejs22', '--entry-point=photo', '--trigger-http', '--memory=256Mi', '--cpu=1']) assert.ok(stdout.split('\n').includes(flag), `${flag} in ${stdout}`);
    const vars = envVars(stdout);
    assert.equal(vars.NODE_ENV, 'production');
    for (const [key, value] of Object.entries(expected)) assert.equal(vars[key], value, key);
  });
}

test('deploy without BUCKET stops before calling gcloud, and says what to set', async () => {
  const { code, stdout, stderr } = await deploy({ GOOGLE_CLOUD_PROJECT: 'p1' });
  assert.notEqual(code, 0);
  assert.equal(stdout, '');
  assert.match(stderr, /Set BUCKET to the bucket that holds your photos/);
});
