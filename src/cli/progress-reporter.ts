import type { UploadEvent } from './upload-event.js';

/** A stream the reporter writes to; `isTTY` and `columns` as on process.stdout. */
export interface ReporterStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporterOptions {
  /** Draw a progress bar (default: when the stream is a terminal). */
  tty?: boolean;
  /** Fewest milliseconds between two redraws of the bar. */
  redrawMs?: number;
  now?: () => number;
}

const DEFAULTS = { redrawMs: 80, now: () => performance.now() };
const BAR = 24;
const CLEAR = '\r\x1b[2K';

/**
 * Shows an upload's progress: on a terminal, one bar redrawn in place (with
 * failures and notes printed above it as they happen); elsewhere (a log, a
 * pipe, CI), one plain line per photo.
 */
export function createProgressReporter(out: ReporterStream, options: ProgressReporterOptions = {}): (event: UploadEvent) => void {
  const { redrawMs, now } = { ...DEFAULTS, ...options };
  const tty = options.tty ?? out.isTTY === true;
  let total = 0;
  let dryRun = false;
  let lastDraw = -Infinity;
  let current = '';
  const counts = { published: 0, unchanged: 0, failed: 0, planned: 0 };

  const bar = () => {
    const done = counts.published + counts.unchanged + counts.failed + counts.planned;
    const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
    const parts = dryRun
      ? [`${counts.planned} to publish`, `${counts.unchanged} unchanged`, `${counts.failed} bad`]
      : [`${counts.published} published`, `${counts.unchanged} unchanged`, `${counts.failed} failed`];
    const line = `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${done}/${total}  ${parts.join(' · ')}  ${current}`;
    const width = (out.columns ?? 80) - 1;
    return line.length > width ? line.slice(0, width) : line;
  };
  const draw = (force = false) => {
    if (!tty || (!force && now() - lastDraw < redrawMs)) return;
    lastDraw = now();
    out.write(CLEAR + bar());
  };
  /** A line that stays: above the bar on a terminal. */
  const line = (text: string) => {
    out.write(tty ? `${CLEAR}${text}\n` : `${text}\n`);
    draw(true);
  };

  return (event) => {
    switch (event.type) {
      case 'start':
        total = event.photos;
        dryRun = event.dryRun;
        line(`${dryRun ? 'Planning' : 'Publishing'} ${total} photo${total === 1 ? '' : 's'} to ${event.target}${dryRun ? ' (dry run: nothing is written)' : ''}`);
        return;
      case 'photo':
        counts[event.outcome]++;
        current = event.id;
        if (event.outcome === 'failed') line(`failed     ${event.file}: ${event.detail}`);
        else if (!tty) {
          const detail = event.detail ? ` (${event.outcome === 'published' ? `${event.detail} variant${event.detail === '1' ? '' : 's'}` : event.detail})` : '';
          line(`${event.outcome === 'planned' ? 'would publish' : event.outcome.padEnd(10)} ${event.id}${detail}`);
        } else draw();
        return;
      case 'skipped':
        line(`skipped    ${event.file}: ${event.reason}`);
        return;
      case 'note':
        line(`note: ${event.message}`);
        return;
      case 'removed':
        line(`${event.planned ? 'would remove' : 'removed   '} ${event.name}`);
        return;
      case 'manifest':
        return;
      case 'done':
        if (tty) out.write(CLEAR);
        return;
    }
  };
}
