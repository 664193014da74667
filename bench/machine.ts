/** Where, when and at which commit a benchmark ran, for its results file. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { ROOT } from '../scripts/spawn-function.ts';

/** A git command's output in the repo (the commit a result was measured at), or '' outside a checkout. */
export function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The commit measured, with "+changes" when src/ differs from it. */
export function commitMeasured(): string {
  const head = git(['rev-parse', '--short', 'HEAD']);
  return head ? `${head}${git(['status', '--porcelain', '--', 'src']) ? '+changes' : ''}` : 'unknown';
}

export interface Machine {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  platform: string;
}

/** What a browser benchmark records of its run besides its own figures. */
export interface BrowserRunMeta extends Machine {
  chromium: string;
  loadAverage: number;
  loadAverageEnd?: number;
  /** The full commit id. */
  commit: string;
  runSeconds?: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** The 1-minute load average, to two decimals: the machine may be shared. */
export const loadAverage = (): number => Math.round(os.loadavg()[0]! * 100) / 100;

/** Says so when other work keeps more than half the cores busy; returns the 1-minute load average. */
export function warnIfBusy(log: (message: string) => void): number {
  const one = os.loadavg()[0]!;
  if (one > os.cpus().length / 2) log(`note: load average ${one.toFixed(2)} on ${os.cpus().length} cores: other work is running, expect noisier numbers`);
  return one;
}
