import type { IncomingHttpHeaders } from 'node:http';

export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR';

/** Where log lines go: stdout, which Cloud Logging reads as structured JSON. Tests swap it. */
export type LogSink = (line: string) => void;

/**
 * Lines wait for the end of the event-loop turn and leave in one write:
 * process.stdout writes synchronously on Linux, and under load many requests
 * finish in the same turn. A line is never held longer than that turn, and
 * lines still waiting when the process exits are written then.
 */
let batch = '';
function flush(): void {
  const out = batch;
  batch = '';
  if (out) process.stdout.write(out);
}
process.on('exit', flush);

let sink: LogSink = (line) => {
  if (batch === '') setImmediate(flush);
  batch += `${line}\n`;
};

/** Redirects the log lines (tests collect them); returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

/** One structured line in Cloud Logging's format: `severity` and `message` are picked up as such. */
export function logLine(severity: Severity, message: string, fields: Record<string, unknown> = {}): void {
  sink(JSON.stringify({ severity, message, ...fields }));
}

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
  latencyMs: number;
  headers: IncomingHttpHeaders;
  remoteIp?: string | undefined;
  /** The photo served (a pick or an image), for hit counting. */
  photo?: string | undefined;
  catalog?: 'fresh' | 'stale' | 'index' | undefined;
  store: 'local' | 'gcs';
  projectId?: string | undefined;
  error?: string | undefined;
}

/**
 * The one line each request writes. `httpRequest` makes Cloud Logging show it
 * as a request; `photo` is what a log-based metric counts hits by; the trace
 * field ties it to the load balancer's trace.
 */
export function logRequest(entry: RequestLogEntry): void {
  const { headers, status } = entry;
  const severity: Severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
  const photo = entry.photo ? ` ${entry.photo}` : '';
  // Written field by field (one line per request): the same text as JSON.stringify
  // of { severity, message, httpRequest: {…}, store, photo?, catalog?, error?, trace? }
  // with undefined fields left out, without building those objects each time.
  let line = `{"severity":"${severity}","message":${q(`${entry.method} ${entry.url} ${status}${photo}`)}`;
  line += `,"httpRequest":{"requestMethod":${q(entry.method)},"requestUrl":${q(entry.url)},"status":${status},"latency":"${(entry.latencyMs / 1000).toFixed(6)}s"`;
  const userAgent = headers['user-agent'];
  if (userAgent !== undefined) line += `,"userAgent":${q(userAgent)}`;
  if (headers.referer !== undefined) line += `,"referer":${q(headers.referer)}`;
  if (entry.remoteIp !== undefined) line += `,"remoteIp":${q(entry.remoteIp)}`;
  line += `},"store":"${entry.store}"`;
  if (entry.photo !== undefined) line += `,"photo":${q(entry.photo)}`;
  if (entry.catalog !== undefined) line += `,"catalog":"${entry.catalog}"`;
  if (entry.error !== undefined) line += `,"error":${q(entry.error)}`;
  const traceHeader = headers['x-cloud-trace-context'];
  const trace = traceHeader === undefined ? null : /^([0-9a-f]{32})(?:\/|$)/i.exec(String(traceHeader));
  if (trace && entry.projectId) line += `,"logging.googleapis.com/trace":${q(`projects/${entry.projectId}/traces/${trace[1]}`)}`;
  sink(`${line}}`);
}

const q = JSON.stringify;
