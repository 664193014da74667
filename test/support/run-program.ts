import { execFile } from 'node:child_process';

/** Runs a program in `cwd`: its exit code (or the spawn error's, e.g. ENOENT) and what it printed on both streams. */
export function runProgram(file: string, args: string[], cwd: string): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve) => execFile(file, args, { cwd }, (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, output: stdout + stderr })));
}
