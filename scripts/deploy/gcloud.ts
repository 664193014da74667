import { spawn } from 'node:child_process';

export interface GcloudResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `gcloud` command line (prompts off: a deploy never waits for a keyboard). */
export type Gcloud = (args: readonly string[]) => Promise<GcloudResult>;

export const runGcloud: Gcloud = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn('gcloud', args, { env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error('gcloud is not installed: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), then run gcloud auth login') : error),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

export type GcloudFailure = 'not-found' | 'denied' | 'not-logged-in' | 'billing' | 'other';

/** What kind of failure gcloud reported, from its error text. */
export function failureKind(result: GcloudResult): GcloudFailure {
  const text = result.stderr;
  if (/You do not currently have an active account|Reauthentication failed|gcloud auth login/i.test(text)) return 'not-logged-in';
  if (/billing/i.test(text) && /FAILED_PRECONDITION|not enabled|billing account/i.test(text)) return 'billing';
  if (/PERMISSION_DENIED|does not have permission|\b403\b|Forbidden/i.test(text)) return 'denied';
  if (/NOT_FOUND|not found|does not exist|\b404\b/i.test(text)) return 'not-found';
  return 'other';
}

/** gcloud's own error line, without the "ERROR: (gcloud.x.y)" prefix, for a message. */
export function errorLine(result: GcloudResult): string {
  const line = result.stderr.split('\n').find((l) => l.startsWith('ERROR:')) ?? result.stderr.trim().split('\n').pop() ?? '';
  return line.replace(/^ERROR:\s*(\([^)]*\)\s*)?/, '').trim() || `exit code ${result.code}`;
}
