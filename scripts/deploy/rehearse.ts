import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunction } from '../build-function.js';
import { buildpackBuild, type BuildReport } from './buildpack-build.js';
import { functionEnvironment, parseDeployConfig, parseInstanceSettings, type InstanceSettings } from './deploy-config.js';
import { DeployError } from './deploy-error.js';
import { startAsRuntime } from './start-as-runtime.js';
import { listUploadFiles } from './upload-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RehearseOptions {
  out: (line: string) => void;
  /** The folder `gcloud functions deploy --source` would get; default: what `npm run deploy` stages (build/function). */
  source?: string;
  /** Build and start in this folder and leave it there (REHEARSAL_DIR); default: a temporary folder, removed. */
  workDir?: string;
}

export interface RehearsalReport {
  upload: { files: number; bytes: number };
  build: BuildReport;
  installed: { files: number; bytes: number };
  firstAnswerMs: number;
  nodeOptions: string;
  photo: string;
  photos: number;
}

/** Files and bytes under `dir` (apparent sizes, as a download or a copy of them weighs). */
export async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/** The function's environment for the configured store: the bucket behind STORAGE_EMULATOR_HOST, or a local folder. */
function rehearsalEnvironment(env: NodeJS.ProcessEnv): { functionEnv: Record<string, string>; settings: InstanceSettings; store: string } {
  if (env.BUCKET?.trim()) {
    const emulator = env.STORAGE_EMULATOR_HOST?.trim();
    if (!emulator) {
      throw new DeployError('A rehearsal makes no call to Google: with BUCKET, set STORAGE_EMULATOR_HOST=http://127.0.0.1:PORT (a Cloud Storage fake or emulator), or rehearse on a folder with PHOTOS_DIR instead', 2);
    }
    const config = parseDeployConfig(env);
    return {
      functionEnv: { ...functionEnvironment(config, config.project ?? 'rehearsal'), STORAGE_EMULATOR_HOST: emulator },
      settings: config,
      store: `gs://${config.bucket} at ${emulator}`,
    };
  }
  const settings = parseInstanceSettings(env);
  const photosDir = path.resolve(env.PHOTOS_DIR?.trim() || path.join(ROOT, 'demo/photos'));
  return {
    functionEnv: { NODE_ENV: 'production', PHOTOS_DIR: photosDir, ...settings.settings, ...(settings.nodeOptions ? { NODE_OPTIONS: settings.nodeOptions } : {}) },
    settings,
    store: path.relative(process.cwd(), photosDir) || '.',
  };
}

async function getJson(url: string, step: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) throw new DeployError(`Rehearsal failed at ${step}: ${response.status} ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DeployError(`Rehearsal failed at ${step}: the answer is not JSON: ${text.slice(0, 200)}`);
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kB`;
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/**
 * `npm run deploy -- --rehearse`: what `npm run deploy` would upload, built
 * and started here as Google's Node.js buildpack and the Cloud Functions
 * runtime do, then asked for a photo and the catalog. No call to Google.
 */
export async function rehearse(env: NodeJS.ProcessEnv, options: RehearseOptions): Promise<RehearsalReport> {
  const { out } = options;
  const { functionEnv, settings, store } = rehearsalEnvironment(env);
  const source = options.source ?? (await buildFunction()).dir;
  const keep = options.workDir ?? (env.REHEARSAL_DIR?.trim() ? path.resolve(env.REHEARSAL_DIR.trim()) : undefined);
  const work = keep ?? (await mkdtemp(path.join(os.tmpdir(), 'photo-frame-rehearsal-')));
  try {
    const workspace = path.join(work, 'workspace');
    await rm(workspace, { recursive: true, force: true });
    const files = await listUploadFiles(source);
    for (const file of files) {
      await mkdir(path.dirname(path.join(workspace, file.path)), { recursive: true });
      await copyFile(path.join(source, file.path), path.join(workspace, file.path));
    }
    const upload = { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
    out(`upload   ${upload.files} files, ${kb(upload.bytes)} from ${path.relative(process.cwd(), source) || '.'} (its .gcloudignore applied)`);

    const build = await buildpackBuild(workspace, env.GOOGLE_NODE_RUN_SCRIPTS === undefined ? {} : { runScripts: env.GOOGLE_NODE_RUN_SCRIPTS });
    for (const s of build.steps) out(`build    ${s.command} (${(s.ms / 1000).toFixed(1)} s)`);
    out(`build    NODE_ENV=${build.nodeEnv}, ${build.scripts.length ? `script ${build.scripts.join(', ')}` : 'no build script'}${build.pruned ? ', pruned' : ''}`);
    const installed = await folderSize(path.join(workspace, 'node_modules'));
    out(`install  ${mb(installed.bytes)} in node_modules (${installed.files.toLocaleString('en-US')} files)`);

    const instance = await startAsRuntime(workspace, { env: functionEnv, functionName: env.FUNCTION_NAME?.trim() || 'photo', memory: settings.memory });
    try {
      out(`start    first answer in ${Math.round(instance.firstAnswerMs)} ms (GET / ${instance.firstStatus}), NODE_OPTIONS=${instance.nodeOptions}, store ${store}`);
      const pick = await getJson(`${instance.url}/`, 'GET /');
      if (typeof pick.id !== 'string' || typeof pick.url !== 'string') throw new DeployError(`Rehearsal failed at GET /: the answer is not a photo: ${JSON.stringify(pick).slice(0, 200)}`);
      out(`check    GET / 200: ${pick.id}`);
      const list = await getJson(`${instance.url}/photos`, 'GET /photos');
      if (!Array.isArray(list.photos)) throw new DeployError(`Rehearsal failed at GET /photos: no photos list in ${JSON.stringify(list).slice(0, 200)}`);
      out(`check    GET /photos 200: ${list.photos.length} photos${list.cursor ? ' on the first page' : ''}`);
      out(`Rehearsal passed: this is what npm run deploy uploads, and it builds, starts and answers.${keep ? ` Built in ${path.relative(process.cwd(), workspace)}.` : ''}`);
      return { upload, build, installed, firstAnswerMs: instance.firstAnswerMs, nodeOptions: instance.nodeOptions, photo: pick.id, photos: list.photos.length };
    } catch (error) {
      if (error instanceof DeployError) throw new DeployError(`${error.message} (the function's last line: ${instance.output().trim().split('\n').slice(-1)[0] ?? ''})`);
      throw error;
    } finally {
      await instance.stop();
    }
  } finally {
    if (keep === undefined) await rm(work, { recursive: true, force: true });
  }
}
