// The request log line written field by field (logRequest) is byte for byte
// the JSON.stringify form it replaced, for any request, and it is one JSON
// object that Cloud Logging reads as structured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { logRequest, setLogSink, type RequestLogEntry } from '../../src/function/request-log.js';

/** The reference: the entry built as objects, then stringified (undefined fields dropped). */
function reference(entry: RequestLogEntry): string {
  const { headers, status } = entry;
  const fields: Record<string, unknown> = {
    httpRequest: {
      requestMethod: entry.method,
      requestUrl: entry.url,
      status,
      latency: `${(entry.latencyMs / 1000).toFixed(6)}s`,
      userAgent: headers['user-agent'],
      referer: headers.referer,
      remoteIp: entry.remoteIp,
    },
    store: entry.store,
  };
  if (entry.photo !== undefined) fields.photo = entry.photo;
  if (entry.catalog !== undefined) fields.catalog = entry.catalog;
  if (entry.error !== undefined) fields.error = entry.error;
  const trace = /^([0-9a-f]{32})(?:\/|$)/i.exec(String(headers['x-cloud-trace-context'] ?? ''));
  if (trace && entry.projectId) fields['logging.googleapis.com/trace'] = `projects/${entry.projectId}/traces/${trace[1]}`;
  const severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
  const photo = entry.photo ? ` ${entry.photo}` : '';
  return JSON.stringify({ severity, message: `${entry.method} ${entry.url} ${status}${photo}`, ...fields });
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"quoted"', 'back\\slash', 'line\nbreak', '\u2028', '\ud800', ''));
const entry: fc.Arbitrary<RequestLogEntry> = fc.record(
  {
    method: fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'DELETE', 'PATCH"'),
    url: text,
    status: fc.constantFrom(200, 204, 304, 400, 404, 405, 500, 503),
    latencyMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
    headers: fc.record(
      {
        'user-agent': text,
        referer: text,
        'x-cloud-trace-context': fc.oneof(text, fc.constantFrom('0123456789abcdef0123456789ABCDEF/123;o=1', '0123456789abcdef0123456789abcdef')),
      },
      { requiredKeys: [] },
    ),
    remoteIp: fc.constantFrom('127.0.0.1', '::1', '::ffff:10.0.0.1'),
    photo: text,
    catalog: fc.constantFrom('fresh' as const, 'stale' as const),
    store: fc.constantFrom('local' as const, 'gcs' as const),
    projectId: fc.constantFrom('my-project', ''),
    error: fc.constantFrom('not_found', 'invalid_parameter', 'storage_unavailable'),
  },
  { requiredKeys: ['method', 'url', 'status', 'latencyMs', 'headers', 'store'] },
);

test('logRequest writes exactly what JSON.stringify of the log entry would', () => {
  const lines: string[] = [];
  const previous = setLogSink((line) => lines.push(line));
  try {
    fc.assert(
      fc.property(entry, (e) => {
        lines.length = 0;
        logRequest(e);
        assert.equal(lines.length, 1);
        assert.equal(lines[0], reference(e));
      }),
      { seed: 20261125, numRuns: 1000 },
    );
  } finally {
    setLogSink(previous);
  }
});

test('lines written in one event-loop turn reach stdout in order, even when the process exits or crashes in that turn', async (t) => {
  const { execFile } = await import('node:child_process');
  const moduleUrl = new URL('../../src/function/request-log.ts', import.meta.url).href;
  const endings = [
    ['keeps running', 'setTimeout(() => {}, 50);'],
    ['exits at once', 'process.exit(3);'],
    ['crashes', 'throw new Error("boom");'],
  ] as const;
  for (const [name, ending] of endings) {
    await t.test(name, async () => {
      const script = `const { logLine } = await import(${JSON.stringify(moduleUrl)}); for (let i = 0; i < 500; i++) logLine('INFO', 'line ' + i); ${ending}`;
      const stdout = await new Promise<string>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], (_error, out) => resolve(out));
      });
      const messages = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { message: string }).message);
      assert.deepEqual(messages, Array.from({ length: 500 }, (_, i) => `line ${i}`));
    });
  }
});
