import { parseArgs } from 'node:util';
import type { UploadOptions } from './upload.js';
import { UsageError } from './usage-error.js';

export type UploadArgs = { help: true } | { help: false; folder: string; options: UploadOptions };

const OPTIONS = {
  bucket: { type: 'string' },
  to: { type: 'string' },
  album: { type: 'string' },
  'dry-run': { type: 'boolean' },
  concurrency: { type: 'string' },
  force: { type: 'boolean' },
  prune: { type: 'boolean' },
  'keep-location': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MORE = 'Run "blog-photo-frame upload --help" for every option.';

/** `upload`'s command line (after the word "upload") as upload() options; throws UsageError saying what to type instead. */
export function parseUploadArgs(args: readonly string[]): UploadArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. ${MORE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new UsageError(`Give the folder of photos: blog-photo-frame upload <folder> --bucket <name>. ${MORE}`);
  if (positionals.length > 1) {
    throw new UsageError(`upload takes one folder, got ${positionals.length}: ${positionals.join(', ')} (put quotes around a path with spaces). ${MORE}`);
  }
  for (const name of ['bucket', 'to', 'album'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new UsageError(`--${name} needs a value. ${MORE}`);
  }
  const options: UploadOptions = {};
  if (values.bucket !== undefined) options.bucket = values.bucket;
  if (values.to !== undefined) options.to = values.to;
  if (values.album !== undefined) options.album = values.album;
  if (values.concurrency !== undefined) {
    if (!/^\d+$/.test(values.concurrency)) throw new UsageError(`--concurrency must be a whole number, like --concurrency 4 (got ${JSON.stringify(values.concurrency)}). ${MORE}`);
    options.concurrency = Number(values.concurrency);
  }
  if (values['dry-run']) options.dryRun = true;
  if (values.force) options.force = true;
  if (values.prune) options.prune = true;
  if (values['keep-location']) options.keepLocation = true;
  return { help: false, folder: positionals[0]!, options };
}
