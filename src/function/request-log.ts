import type { IncomingHttpHeaders } from 'node:http';

export type Severity = 'DEBUG' | 'INFO' | 'NOTICE' | 'WARNING' | 'ERROR';

/** Where log lines go: stdout, which Cloud Logging reads as structured JSON. Tests swap it. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stdout.write(line + '\n');

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
  catalog?: 'fresh' | 'stale' | undefined;
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
  const severity: Severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
  const photo = entry.photo ? ` ${entry.photo}` : '';
  logLine(severity, `${entry.method} ${entry.url} ${status}${photo}`, fields);
}
