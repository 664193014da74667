import type { MonitoringApi } from './monitoring-api.js';

export interface HitsQuery {
  project: string;
  /** The log-based metric's name (`npm run deploy` creates photo_hits). */
  metric: string;
  days: number;
  /** Only photos of this album (folder). */
  album?: string;
  /** The end of the window (default now). */
  now?: Date;
}

export interface HitsReport {
  project: string;
  metric: string;
  days: number;
  album: string | null;
  from: string;
  to: string;
  total: number;
  /** Most hits first; equal counts by id. */
  photos: Array<{ photo: string; hits: number }>;
}

interface TimeSeriesPage {
  timeSeries?: Array<{ metric?: { labels?: Record<string, string> }; points?: Array<{ value?: { int64Value?: string; doubleValue?: number } }> }>;
  nextPageToken?: string;
}

/**
 * Hits per photo over the last `days`, from the log-based metric's time
 * series (Cloud Monitoring's timeSeries.list): one sum over the whole window
 * per photo, computed by Cloud Monitoring, every page followed.
 */
export async function readHits(query: HitsQuery, api: MonitoringApi): Promise<HitsReport> {
  const to = query.now ?? new Date();
  const from = new Date(to.getTime() - query.days * 86_400_000);
  let filter = `metric.type="logging.googleapis.com/user/${query.metric}"`;
  if (query.album) filter += ` AND metric.labels.photo = starts_with(${JSON.stringify(`${query.album}/`)})`;
  const params: Record<string, string> = {
    filter,
    'interval.startTime': from.toISOString(),
    'interval.endTime': to.toISOString(),
    'aggregation.alignmentPeriod': `${query.days * 86_400}s`,
    'aggregation.perSeriesAligner': 'ALIGN_SUM',
    'aggregation.crossSeriesReducer': 'REDUCE_SUM',
    'aggregation.groupByFields': 'metric.label.photo',
  };
  const hits = new Map<string, number>();
  let pageToken: string | undefined;
  do {
    const page = (await api.get(`/v3/projects/${encodeURIComponent(query.project)}/timeSeries`, pageToken ? { ...params, pageToken } : params)) as TimeSeriesPage;
    for (const series of page.timeSeries ?? []) {
      const photo = series.metric?.labels?.photo;
      if (photo === undefined) continue;
      // int64 values come as strings; a sum of counts stays far below 2^53.
      const sum = (series.points ?? []).reduce((n, p) => n + Number(p.value?.int64Value ?? p.value?.doubleValue ?? 0), 0);
      hits.set(photo, (hits.get(photo) ?? 0) + sum);
    }
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  const photos = [...hits].map(([photo, n]) => ({ photo, hits: n })).filter((p) => p.hits > 0);
  photos.sort((a, b) => b.hits - a.hits || (a.photo < b.photo ? -1 : a.photo > b.photo ? 1 : 0));
  return {
    project: query.project,
    metric: query.metric,
    days: query.days,
    album: query.album ?? null,
    from: from.toISOString(),
    to: to.toISOString(),
    total: photos.reduce((n, p) => n + p.hits, 0),
    photos,
  };
}
