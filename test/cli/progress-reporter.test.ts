/**
 * The progress display: a bar redrawn in place on a terminal, plain lines
 * elsewhere; failures, skipped files and notes always on lines of their own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProgressReporter } from '../../src/cli/progress-reporter.js';
import type { UploadEvent } from '../../src/cli/upload-event.js';

const EVENTS: UploadEvent[] = [
  { type: 'start', target: 'gs://photos', photos: 3, dryRun: false },
  { type: 'skipped', file: 'notes.txt', reason: 'not a photo' },
  { type: 'photo', id: 'a.jpg', file: 'a.jpg', outcome: 'published', detail: '2' },
  { type: 'photo', id: 'b.jpg', file: 'b.jpg', outcome: 'unchanged' },
  { type: 'photo', id: 'c.jpg', file: 'c.jpg', outcome: 'failed', detail: 'is empty (0 bytes)' },
  { type: 'manifest', status: 'written', photos: 2 },
  { type: 'done' },
];

function play(tty: boolean): string {
  let out = '';
  const report = createProgressReporter({ write: (text: string) => (out += text), isTTY: tty, columns: 100 }, { redrawMs: 0 });
  for (const event of EVENTS) report(event);
  return out;
}

describe('the progress display', () => {
  test('writes one plain line per photo when not on a terminal', () => {
    assert.equal(
      play(false),
      [
        'Publishing 3 photos to gs://photos',
        'skipped    notes.txt: not a photo',
        'published  a.jpg (2 variants)',
        'unchanged  b.jpg',
        'failed     c.jpg: is empty (0 bytes)',
        '',
      ].join('\n'),
    );
  });

  test('draws a bar in place on a terminal, with failures printed above it, and clears it at the end', () => {
    const out = play(true);
    assert.doesNotMatch(out, /published {2}a\.jpg/, 'no line per photo');
    assert.match(out, /\r\x1b\[2K\[█{8}░{16}\] 1\/3 {2}1 published · 0 unchanged · 0 failed {2}a\.jpg/);
    assert.match(out, /\r\x1b\[2Kfailed {5}c\.jpg: is empty \(0 bytes\)\n/);
    assert.match(out, /\[█{24}\] 3\/3 {2}1 published · 1 unchanged · 1 failed/);
    assert.ok(out.endsWith('\r\x1b[2K'), 'the bar is cleared before the summary');
  });
});
