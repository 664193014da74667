import { readFileSync } from 'node:fs';
import type { Storage } from '@google-cloud/storage';
import { formatSummary } from './format-summary.js';
import { helpText } from './help-text.js';
import { parseHitsArgs } from './parse-hits-args.js';
import { parseUploadArgs } from './parse-upload-args.js';
import { createProgressReporter, type ReporterStream } from './progress-reporter.js';
import { runHits } from './run-hits.js';
import { upload } from './upload.js';
import { UsageError } from './usage-error.js';

export interface CliIo {
  /** Progress, summary and help (default process.stdout; a bar is drawn when it is a terminal). */
  stdout?: ReporterStream;
  /** Usage errors and failures (default process.stderr). */
  stderr?: { write(text: string): unknown };
  env?: NodeJS.ProcessEnv;
  /** A Cloud Storage client for --bucket (tests point one at a fake). */
  storage?: Storage;
}

/** Exit codes: everything done, something failed, bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Runs `blog-photo-frame <argv...>` and resolves with its exit code; never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      stderr.write(helpText());
      return EXIT.usage;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      stdout.write(helpText(rest[0]));
      return EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (command === 'hits') {
      const args = parseHitsArgs(rest, io.env ?? process.env);
      if (args.help) {
        stdout.write(helpText('hits'));
        return EXIT.ok;
      }
      await runHits(args.query, args.json, (text) => stdout.write(text), io.env ?? process.env);
      return EXIT.ok;
    }
    if (command !== 'upload') {
      throw new UsageError(`Unknown command ${JSON.stringify(command)}: blog-photo-frame has two commands, upload and hits. Run "blog-photo-frame --help".`);
    }
    const args = parseUploadArgs(rest);
    if (args.help) {
      stdout.write(helpText('upload'));
      return EXIT.ok;
    }
    const report = await upload(args.folder, {
      ...args.options,
      ...(io.storage ? { storage: io.storage } : {}),
      ...(io.env ? { env: io.env } : {}),
      onEvent: createProgressReporter(stdout),
    });
    stdout.write(formatSummary(report));
    return report.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`blog-photo-frame: ${error.message}\n`);
      return EXIT.usage;
    }
    stderr.write(`blog-photo-frame: ${(error as Error)?.message ?? String(error)}\n`);
    return EXIT.failed;
  }
}
