import { parseArgs } from 'node:util';
import { albumProblem, normalizeAlbum } from '../format/normalize-album.js';
import type { HitsQuery } from './read-hits.js';
import { UsageError } from './usage-error.js';

export type HitsArgs = { help: true } | { help: false; query: HitsQuery; json: boolean };

const OPTIONS = {
  project: { type: 'string' },
  days: { type: 'string' },
  album: { type: 'string' },
  metric: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HITS_DEFAULTS = { days: 30, maxDays: 365, metric: 'photo_hits' } as const;

const MORE = 'Run "blog-photo-frame hits --help" for every option.';

/** `hits`' command line (after the word "hits"); the project may come from GOOGLE_CLOUD_PROJECT. Throws UsageError saying what to type instead. */
export function parseHitsArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): HitsArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. ${MORE}`);
  }
  if (values.help) return { help: true };
  const project = values.project?.trim() || env.GOOGLE_CLOUD_PROJECT?.trim();
  if (!project) throw new UsageError(`Give the Google Cloud project: blog-photo-frame hits --project my-project. ${MORE}`);
  const days = values.days === undefined ? HITS_DEFAULTS.days : Number(values.days);
  if (!/^\d+$/.test(values.days ?? '1') || days < 1 || days > HITS_DEFAULTS.maxDays) {
    throw new UsageError(`--days must be a whole number of days from 1 to ${HITS_DEFAULTS.maxDays}, like --days 7 (got ${JSON.stringify(values.days)}). ${MORE}`);
  }
  const query: HitsQuery = { project, days, metric: values.metric?.trim() || HITS_DEFAULTS.metric };
  if (values.album !== undefined) {
    const album = normalizeAlbum(values.album);
    if (!album) throw new UsageError(`--album needs a folder name, like --album sea. ${MORE}`);
    const problem = albumProblem(album);
    if (problem) throw new UsageError(`--album ${JSON.stringify(values.album)} cannot be an album: ${problem}. ${MORE}`);
    query.album = album;
  }
  return { help: false, query, json: values.json === true };
}
