import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployContext } from './deploy-context.js';

/** The LogMetric (Cloud Logging's REST resource) that counts hits per photo, written for the function `photo`. */
export const HITS_METRIC_FILE = fileURLToPath(new URL('../../deploy/photo-hits-metric.json', import.meta.url));

export interface LogMetric {
  description?: string;
  filter: string;
  labelExtractors?: Record<string, string>;
  metricDescriptor?: { metricKind?: string; valueType?: string; unit?: string; labels?: Array<{ key: string; valueType?: string; description?: string }> };
  valueExtractor?: string;
}

/** The hit-counting metric for a function name: deploy/photo-hits-metric.json with that name as the service. */
export async function hitsMetric(functionName: string): Promise<LogMetric> {
  const metric = JSON.parse(await readFile(HITS_METRIC_FILE, 'utf8')) as LogMetric;
  metric.filter = metric.filter.replace('resource.labels.service_name="photo"', `resource.labels.service_name="${functionName}"`);
  return metric;
}

/** The fields the file sets, as the API returns them (it adds name, times, type and defaults). */
function sameDefinition(deployed: LogMetric, wanted: LogMetric): boolean {
  const labels = (m: LogMetric) => (m.metricDescriptor?.labels ?? []).map((l) => `${l.key}:${l.description ?? ''}`).join(',');
  return (
    deployed.filter === wanted.filter &&
    (deployed.description ?? '') === (wanted.description ?? '') &&
    JSON.stringify(deployed.labelExtractors ?? {}) === JSON.stringify(wanted.labelExtractors ?? {}) &&
    deployed.metricDescriptor?.metricKind === wanted.metricDescriptor?.metricKind &&
    deployed.metricDescriptor?.valueType === wanted.metricDescriptor?.valueType &&
    labels(deployed) === labels(wanted)
  );
}

/** Creates the log-based metric that counts hits per photo, or updates it when its definition differs. */
export async function ensureHitsMetric(ctx: DeployContext): Promise<void> {
  const name = ctx.config.metricName;
  const wanted = await hitsMetric(ctx.config.functionName);
  const action = { doing: `creating log-based metric ${name}`, role: 'roles/logging.configWriter' };
  const existing = await ctx.describe(['logging', 'metrics', 'describe', name, '--format=json', ctx.projectFlag], action);
  if (existing !== undefined && sameDefinition(JSON.parse(existing) as LogMetric, wanted)) {
    ctx.unchanged(`log-based metric ${name}`);
    return;
  }
  const verb = existing === undefined ? 'create' : 'update';
  // The file is written for the default function name, photo: then it is passed as it is.
  if (ctx.config.functionName === 'photo') {
    await ctx.run(['logging', 'metrics', verb, name, `--config-from-file=${path.relative(process.cwd(), HITS_METRIC_FILE)}`, ctx.projectFlag], action);
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'photo-frame-metric-'));
    try {
      const file = path.join(dir, 'photo-hits-metric.json');
      await writeFile(file, JSON.stringify(wanted, null, 2));
      await ctx.run(['logging', 'metrics', verb, name, `--config-from-file=${file}`, ctx.projectFlag], action);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  ctx.changed(`${existing === undefined ? 'created' : 'updated'} log-based metric ${name} (hits per photo)`);
}
