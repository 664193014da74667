/** A benchmark's results: its targets, and the JSON and Markdown files under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/spawn-function.ts';

/** One target of a benchmark: met, missed, or not measured (null). */
export interface Target {
  name: string;
  met: boolean | null;
  detail: string;
}

/** A target as a line of a results file's "Targets" list. */
export const targetLine = (t: Target): string => `- **${t.met === null ? 'not measured' : t.met ? 'met' : 'missed'}**: ${t.name}: ${t.detail}`;

/** Writes bench/results/`file`.json and .md, then prints the Markdown and where it went. */
export function writeResults(file: string, json: unknown, md: string, log: (message: string) => void, runSeconds?: number): void {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(path.join(dir, `${file}.md`), md);
  console.log(`\n${md}`);
  log(`results written to bench/results/${file}.{json,md}${runSeconds === undefined ? '' : ` (${runSeconds} s)`}`);
}

/** The sections results files share, each ending with a blank line. */
export const targetsSection = (targets: Target[]): string[] => ['## Targets', '', ...targets.map(targetLine), ''];
export const notesSection = (notes: string[]): string[] => ['## Notes', '', ...notes.map((note) => `- ${note}`), ''];
export const reproduceSection = (command: string): string[] => ['## Reproduce', '', '```sh', command, '```', ''];
