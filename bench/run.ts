/**
 * `npm run bench`: runs every benchmark in order, or only the ones named
 * (`npm run bench -- photo-api`). Benchmarks measure and report; a missed
 * target is printed, not turned into a failing exit code.
 */
interface Bench {
  name: string;
  description: string;
  run(): Promise<void>;
}

/** In run order. */
const BENCHES: Record<string, () => Promise<Bench>> = {
  'photo-api': () => import('./photo-api.bench.ts'),
  'cold-start': () => import('./cold-start.bench.ts'),
  element: () => import('./element.bench.ts'),
  sw: () => import('./sw.bench.ts'),
  upload: () => import('./upload.bench.ts'),
  'function-footprint': () => import('./function-footprint.bench.ts'),
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run bench [-- name...]\nBenchmarks: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(0);
}
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.map((n) => JSON.stringify(n)).join(', ')}: choose from ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

// Ctrl-C: exit normally, so each benchmark's cleanup (and the last-resort child kill on exit) runs.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const started = performance.now();
for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) {
  const bench = await BENCHES[name]!();
  console.log(`\n== ${bench.name}: ${bench.description}\n`);
  await bench.run();
}
console.log(`\nBenchmarks done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
