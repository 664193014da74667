import { spawn } from 'node:child_process';
import { access, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DeployError } from './deploy-error.js';

export interface BuildReport {
  /** The npm scripts run, as the buildpack picks them (none for the staged function). */
  scripts: string[];
  nodeEnv: 'development' | 'production';
  pruned: boolean;
  main: string;
  steps: Array<{ command: string; ms: number }>;
}

interface PackageJson {
  main?: string;
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The environment a build step sees: this machine's, without what `npm run` adds about the package it was run from. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_lifecycle_|npm_package_|npm_command$|npm_node_execpath$|npm_execpath$|INIT_CWD$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|STORAGE_EMULATOR_HOST$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/** The line of a failed command's output that says why: an `…Error:` line, else npm's first error line, else the last line. */
function telling(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^\w*Error:/.test(l)) ?? lines.find((l) => /^npm (error|ERR!)/.test(l) && !/complete log/.test(l)) ?? lines.at(-1) ?? '';
}

/** Runs one build command; a failure names the step and ends with the command's last line of output. */
export function runStep(step: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.once('error', (error) => reject(new DeployError(`Rehearsal failed at ${step}: ${command} could not start (${error.message})`)));
    child.once('close', (code) => {
      if (code === 0) return resolve(performance.now() - started);
      const reason = telling(output);
      reject(new DeployError(`Rehearsal failed at ${step}: ${[command, ...args].join(' ')} exited with code ${code}${reason ? `: ${reason}` : ''}`));
    });
  });
}

/** The scripts Google's Node.js buildpack runs: GOOGLE_NODE_RUN_SCRIPTS (a build variable), else gcp-build, else build. */
function buildScripts(pkg: PackageJson, runScripts: string | undefined): string[] {
  if (runScripts !== undefined) return runScripts.split(',').map((s) => s.trim()).filter(Boolean);
  if (pkg.scripts?.['gcp-build'] !== undefined) return pkg.scripts['gcp-build'] ? ['gcp-build'] : [];
  return pkg.scripts?.build ? ['build'] : [];
}

/**
 * Builds an uploaded function in `dir` the way Google's Node.js buildpack
 * does for Cloud Functions: uploaded node_modules removed; a lockfile made if
 * there is none; `npm ci` with NODE_ENV=development when a build script will
 * run (its devDependencies), production otherwise; the script; `npm prune
 * --production` after it when there are devDependencies; `node --check` of
 * package.json "main".
 */
export async function buildpackBuild(dir: string, options: { runScripts?: string } = {}): Promise<BuildReport> {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    throw new DeployError(`Rehearsal failed at the build: the upload has no readable package.json (${(error as Error).message})`);
  }
  const scripts = buildScripts(pkg, options.runScripts);
  const nodeEnv = scripts.length > 0 ? 'development' : 'production';
  const env = cleanEnv({ NODE_ENV: nodeEnv });
  const steps: BuildReport['steps'] = [];
  const step = async (name: string, command: string, args: string[], stepEnv = env) => {
    steps.push({ command: [command, ...args].join(' '), ms: await runStep(name, command, args, dir, stepEnv) });
  };

  await rm(path.join(dir, 'node_modules'), { recursive: true, force: true });
  const hasLock = await Promise.any(['package-lock.json', 'npm-shrinkwrap.json'].map((f) => access(path.join(dir, f)))).then(() => true, () => false);
  if (!hasLock) await step('the lockfile', 'npm', ['install', '--package-lock-only', '--quiet']);
  await step('the install', 'npm', ['ci', '--quiet', '--no-fund', '--no-audit']);
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  for (const script of scripts) await step(`the ${script} script`, 'npm', ['run', script]);
  // The buildpack prunes with its own NODE_ENV, production unless set as a build variable.
  const pruned = scripts.length > 0 && Object.keys(pkg.devDependencies ?? {}).length > 0;
  if (pruned) await step('the prune', 'npm', ['prune', '--production'], cleanEnv());
  const main = pkg.main ?? 'index.js';
  await step('the entry check', 'node', ['--check', main]);
  return { scripts, nodeEnv, pruned, main, steps };
}
