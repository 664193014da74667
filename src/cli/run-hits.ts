import { formatHits, formatHitsJson } from './format-hits.js';
import { createMonitoringApi, CredentialsError, MonitoringError, type MonitoringApi } from './monitoring-api.js';
import { readHits, type HitsQuery } from './read-hits.js';

/**
 * `blog-photo-frame hits`: reads the report and writes it; a failure becomes one
 * line that names the fix (thrown as an Error for run-cli to print).
 */
export async function runHits(query: HitsQuery, json: boolean, write: (text: string) => void, env: NodeJS.ProcessEnv, api: MonitoringApi = createMonitoringApi(env)): Promise<void> {
  let report;
  try {
    report = await readHits(query, api);
  } catch (error) {
    throw new Error(explain(error, query));
  }
  write(json ? formatHitsJson(report) : formatHits(report));
}

function explain(error: unknown, { project, metric }: HitsQuery): string {
  if (error instanceof CredentialsError) {
    return `No Google credentials to read Cloud Monitoring with: run gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS). ${error.message.split('\n')[0]}`;
  }
  if (!(error instanceof MonitoringError)) return (error as Error)?.message ?? String(error);
  if (error.status === 401) return `Your Google credentials were refused (${error.message}): run gcloud auth application-default login again`;
  if (error.status === 404 && /metric/i.test(error.message)) {
    return `Project ${project} has no metric ${metric} yet: npm run deploy creates it (a new metric can take about 10 minutes to appear). Cloud Monitoring said: ${error.message}`;
  }
  if (/SERVICE_DISABLED|has not been used|is disabled/i.test(error.message)) {
    return `The Cloud Monitoring API is off in project ${project}: enable it with gcloud services enable monitoring.googleapis.com --project=${project}`;
  }
  if (error.status === 403 || error.status === 404) {
    return `Project ${project} was not found, or your account may not read its metrics: check the id (gcloud projects list) and that you have roles/monitoring.viewer on it. Cloud Monitoring said: ${error.message}`;
  }
  return `Cloud Monitoring failed: ${error.message}`;
}
