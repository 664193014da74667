// An HTTP fake of Cloud Monitoring's timeSeries.list (GET /v3/projects/P/timeSeries),
// for the hits command: it holds log-based metric points per project and answers
// the aggregation the command asks for (ALIGN_SUM over the window, REDUCE_SUM grouped
// by metric.label.photo), with the filter's starts_with on the photo label, paging
// by nextPageToken, and Google's JSON errors for an unknown project or metric.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePoint {
  photo: string;
  /** When the hits were counted. */
  time: Date;
  hits: number;
}

export interface FakeMonitoringRequest {
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface FakeMonitoring {
  url: string;
  /** Projects that exist: their metrics (by name) and points. */
  projects: Map<string, Map<string, FakePoint[]>>;
  /** Series per page (small, so that tests page). */
  pageSize: number;
  requests: FakeMonitoringRequest[];
  close(): Promise<void>;
}

function apiError(code: number, status: string, message: string): { code: number; body: string } {
  return { code, body: JSON.stringify({ error: { code, message, status } }) };
}

/** `metric.type="logging.googleapis.com/user/NAME"` and an optional `AND metric.labels.photo = starts_with("PREFIX")`. */
function parseFilter(filter: string): { metric: string; prefix?: string } | undefined {
  const match = /^metric\.type="logging\.googleapis\.com\/user\/([\w-]+)"(?: AND metric\.labels\.photo = starts_with\(("(?:[^"\\]|\\.)*")\))?$/.exec(filter);
  if (!match) return undefined;
  return match[2] === undefined ? { metric: match[1]! } : { metric: match[1]!, prefix: JSON.parse(match[2]) as string };
}

export async function startFakeMonitoring(): Promise<FakeMonitoring> {
  const fake: FakeMonitoring = { url: '', projects: new Map(), pageSize: 2, requests: [], close: async () => {} };
  const answer = (path: string, query: Record<string, string>): { code: number; body: string } => {
    const route = /^\/v3\/projects\/([^/]+)\/timeSeries$/.exec(path);
    if (!route) return apiError(404, 'NOT_FOUND', `No route for ${path}`);
    const project = decodeURIComponent(route[1]!);
    const metrics = fake.projects.get(project);
    if (!metrics) return apiError(403, 'PERMISSION_DENIED', `Permission monitoring.timeSeries.list denied (or the resource may not exist).`);
    const filter = parseFilter(query.filter ?? '');
    if (!filter) return apiError(400, 'INVALID_ARGUMENT', `The fake does not understand the filter ${JSON.stringify(query.filter)}`);
    const points = metrics.get(filter.metric);
    if (!points) {
      return apiError(404, 'NOT_FOUND', `Cannot find metric(s) that match type = "logging.googleapis.com/user/${filter.metric}". If a metric was created recently, it could take up to 10 minutes to become available. Please try again soon.`);
    }
    const start = Date.parse(query['interval.startTime'] ?? '');
    const end = Date.parse(query['interval.endTime'] ?? '');
    const period = /^(\d+)s$/.exec(query['aggregation.alignmentPeriod'] ?? '');
    if (Number.isNaN(start) || Number.isNaN(end) || !period) return apiError(400, 'INVALID_ARGUMENT', 'interval.startTime, interval.endTime and aggregation.alignmentPeriod are required');
    if (query['aggregation.perSeriesAligner'] !== 'ALIGN_SUM' || query['aggregation.crossSeriesReducer'] !== 'REDUCE_SUM' || query['aggregation.groupByFields'] !== 'metric.label.photo') {
      return apiError(400, 'INVALID_ARGUMENT', 'The fake answers ALIGN_SUM, REDUCE_SUM grouped by metric.label.photo only');
    }
    if (Number(period[1]) * 1000 !== end - start) return apiError(400, 'INVALID_ARGUMENT', 'The fake sums the whole window in one alignment period');
    const sums = new Map<string, number>();
    for (const p of points) {
      if (p.time.getTime() <= start || p.time.getTime() > end) continue;
      if (filter.prefix !== undefined && !p.photo.startsWith(filter.prefix)) continue;
      sums.set(p.photo, (sums.get(p.photo) ?? 0) + p.hits);
    }
    const series = [...sums].sort(([a], [b]) => (a < b ? -1 : 1));
    const offset = query.pageToken ? Number(/^page-(\d+)$/.exec(query.pageToken)?.[1] ?? NaN) : 0;
    if (Number.isNaN(offset)) return apiError(400, 'INVALID_ARGUMENT', `Bad pageToken ${query.pageToken}`);
    const page = series.slice(offset, offset + fake.pageSize);
    const body: Record<string, unknown> = { unit: '1' };
    // Like the API: no timeSeries field when there is nothing, a nextPageToken while more remain.
    if (page.length > 0) {
      body.timeSeries = page.map(([photo, hits]) => ({
        metric: { type: `logging.googleapis.com/user/${filter.metric}`, labels: { photo } },
        resource: { type: 'cloud_run_revision', labels: { project_id: project } },
        metricKind: 'DELTA',
        valueType: 'INT64',
        points: [{ interval: { startTime: new Date(start).toISOString(), endTime: new Date(end).toISOString() }, value: { int64Value: String(hits) } }],
      }));
    }
    if (offset + fake.pageSize < series.length) body.nextPageToken = `page-${offset + fake.pageSize}`;
    return { code: 200, body: JSON.stringify(body) };
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    fake.requests.push({ path: url.pathname, query, headers: req.headers });
    const { code, body } = req.method === 'GET' ? answer(url.pathname, query) : apiError(405, 'METHOD_NOT_ALLOWED', 'GET only');
    res.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
