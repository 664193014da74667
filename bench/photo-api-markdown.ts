/** The photo API benchmark's results as Markdown: the table, the targets, the notes and how to reproduce it. */
import { fmt, int } from './format.ts';
import { ceilingOf, describeFirst, type Row } from './photo-api-row.ts';
import { photoApiCommand, type PhotoApiSettings } from './photo-api-settings.ts';
import { notesSection, reproduceSection, targetsSection, type Target } from './results-file.ts';
import type { pinCores } from './spawn-server.ts';

function table(rows: Row[]): string {
  const first = rows.find((r) => r.kind === 'framework');
  const lines = [
    '| server | photos | median ms | p99 ms | req/s | × ceiling | CPU µs/req | peak RSS MB | first request ms | peak RSS after first request MB | completed (errors) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const none = r.completed === 0 ? `none completed in ${fmt(r.seconds, 0)} s` : undefined;
    const firstMs = r.firstRequest.error ? `failed: ${r.firstRequest.error}` : fmt(r.firstRequest.ms, 1);
    const errors = r.errors + r.non2xx + (r.crashed ? 1 : 0);
    lines.push(
      `| ${r.server}${r.crashed ? ' (crashed)' : ''} | ${r.photos === null ? '–' : int(r.photos)} | ${none ?? fmt(r.medianMs, r.medianMs! >= 100 ? 0 : 2)} | ${none ? '–' : fmt(r.p99Ms, r.p99Ms! >= 100 ? 0 : 2)} | ` +
        `${r.rps >= 100 ? int(Math.round(r.rps)) : fmt(r.rps, 1)} | ${r.kind === 'bare' || r.kind === 'naive' ? '–' : fmt(r.rps / ceilingOf(r, first), 2)} | ${r.cpuUsPerRequest ?? '–'} | ` +
        `${fmt(r.peakRssMB, 1)} | ${firstMs} | ${fmt(r.peakAfterFirstMB, 1)} | ${int(r.completed)} (${int(errors)}) |`,
    );
  }
  return lines.join('\n');
}

export function photoApiMarkdown(rows: Row[], targets: Target[], s: PhotoApiSettings, meta: Record<string, unknown>): string {
  const pfRows = rows.filter((r) => r.kind === 'photo-frame' || r.kind === 'photo-frame-list');
  const quiet = pfRows.every((r) => Object.keys(r.storageRequestsDuringLoad ?? {}).length === 0);
  const listed = rows.find((r) => r.kind === 'photo-frame-list');
  const notes: string[] = [
    ...(s.cgroup
      ? [
          `Every server under test (photo-frame, the naive design, both fixed-JSON servers) ran in a memory cgroup of its own limited to ${s.cgroup.limitMiB} MiB (made beside ${s.cgroup.path}, with its limit), as on a Cloud Functions instance of that size: Node sizes V8's heap from that limit, so the servers collect garbage far earlier (less memory, more CPU) than with this machine's defaults (bench/results/photo-api.md). Past the limit a server is killed, as the instance would be.`,
        ]
      : []),
    s.nodeOptions
      ? `Every server under test started with NODE_OPTIONS=${s.nodeOptions}${
          process.env.BENCH_NODE_OPTIONS === undefined ? ' (the instance\'s, package.json config.instanceNodeOptions, which `npm run deploy` sets)' : ' (BENCH_NODE_OPTIONS)'
        }.`
      : 'No server under test had Node flags: V8 sized its heap as it does by default here.',
    `Storage requests during photo-frame load runs (warm-up included): ${
      quiet
        ? 'none at any size (no list, no media, no metadata): the catalog stayed warm.'
        : pfRows.map((r) => `${int(r.photos!)}: ${JSON.stringify(r.storageRequestsDuringLoad)}`).join('; ')
    }`,
  ];
  if (listed) {
    notes.push(
      `Without a manifest (catalog by listing, for information): ${int(listed.photos!)} photos load in ${describeFirst(listed.firstRequest)}, peak RSS ${fmt(listed.peakRssMB, 1)} MB.`,
    );
  }
  const wrongSource = rows.filter((r) => r.kind === 'photo-frame' && r.catalogSource !== 'manifest');
  notes.push(
    wrongSource.length === 0
      ? `Every photo-frame (manifest) run loaded its catalog from the manifest (storage requests for the first request: ${JSON.stringify(
          rows.find((r) => r.kind === 'photo-frame')?.storageRequestsForFirst,
        )}, no list).`
      : `Not from the manifest: ${wrongSource.map((r) => `${int(r.photos!)} photos: ${r.catalogSource} ${JSON.stringify(r.storageRequestsForFirst)}`).join('; ')}.`,
  );
  const pinned = meta.pinned as ReturnType<typeof pinCores> | null;
  notes.push(
    pinned
      ? `Each server under test ran alone on core ${pinned.serverCore}, and autocannon, the fake and the benchmark itself on core(s) ${pinned.loadCores} (taskset; BENCH_PIN_CORES=0 turns it off): ` +
          'sharing cores, the load generator and the server took turns at random, and the same build varied by about ±10% between runs.'
      : 'Servers and load generator shared every core (no taskset, one core, or BENCH_PIN_CORES=0): expect about ±10% between runs of the same build.',
  );
  const loads = rows.map((r) => r.loadAverage);
  notes.push(
    `1-minute load average as each load run started: ${fmt(Math.min(...loads), 2)} to ${fmt(Math.max(...loads), 2)} on ${meta.cores} cores ` +
      '(the machine may be shared: the table is one run).',
  );
  for (const r of rows) if (r.crashed) notes.push(`${r.server} at ${r.photos === null ? '–' : int(r.photos)} photos ${r.crashed}.`);
  const manifestSizes = rows
    .filter((r) => r.kind === 'photo-frame' && r.fake)
    .map((r) => `${int(r.photos!)}: ${fmt(r.fake!.manifestBytes / 1e6, r.fake!.manifestBytes < 1e5 ? 3 : 1)} MB`);
  notes.push(`Manifest sizes: ${manifestSizes.join(', ')}. Fixed JSON body of the ceiling servers: ${meta.fixedBodyBytes} bytes (a typical photo answer).`);
  return [
    `# Photo API benchmark${s.cgroup ? `, in a ${s.cgroup.limitMiB} MiB container` : ''}`,
    '',
    `${meta.date}, commit ${meta.commit}, Node ${meta.node}, ${meta.cpu} × ${meta.cores} cores, ${meta.platform}.`,
    '',
    `\`GET /\` on 127.0.0.1 with autocannon for ${s.seconds} s per server: ${s.connections} connections (naive: ${s.naiveConnections}), ` +
      `after one first request and a ${s.warmupSeconds} s warm-up (none for naive). The GCS fake (test/support/fake-gcs.ts) runs in its own process; ` +
      'photo-frame is the built function under `functions-framework --target=photo` with CATALOG_TTL_S=3600 and its log lines to /dev/null. ' +
      'Latencies are exact over every 2xx answer; req/s counts 2xx answers; "× ceiling" compares with the functions-framework fixed-JSON server: ' +
      `for each photo-frame row both servers run side by side, warmed up, and are loaded in turn for ${s.rounds} round(s) (the ceiling, then photo-frame); the row shows the round with the median ratio; ` +
      "CPU µs/req is the server process's user + system time " +
      'per completed request (steadier than req/s when other work shares the machine); peak RSS is VmHWM of the server process (MB = 10^6 bytes); ' +
      'first request is the first `GET /` after start (for photo-frame: the catalog load).',
    '',
    table(rows),
    '',
    ...targetsSection(targets),
    ...notesSection(notes),
    ...reproduceSection(photoApiCommand(s)),
  ].join('\n');
}
