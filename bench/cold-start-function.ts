/**
 * The function the cold-start benchmark starts, as deployed: the bundle that
 * `npm run deploy` stages (scripts/build-function.ts), built in a temporary
 * folder as Google's Node.js buildpack builds it (the deploy rehearsal, on the
 * demo photos), and run by the functions framework it installed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../scripts/build-function.ts';
import { rehearse } from '../scripts/deploy/rehearse.ts';

export interface FunctionUnderTest {
  /** The folder the runtime starts in (its package.json "main" is the function). */
  dir: string;
  /** The functions framework's main script there. */
  frameworkMain: string;
  /** The environment every server starts with. */
  env: Record<string, string>;
  description: string;
  cleanUp(): Promise<void>;
}

export async function coldStartFunction(log: (line: string) => void): Promise<FunctionUnderTest> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cold-start-'));
  try {
    const staged = await buildFunction(path.join(tmp, 'stage'));
    await rehearse({ PATH: process.env.PATH ?? '' }, { source: staged.dir, workDir: tmp, out: (line) => log(`rehearsal: ${line}`) });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const dir = path.join(tmp, 'workspace');
  return {
    dir,
    frameworkMain: path.join(dir, 'node_modules/@google-cloud/functions-framework/build/src/main.js'),
    env: { PATH: process.env.PATH ?? '' },
    description: "the staged bundle (scripts/build-function.ts) built as the buildpack builds it (the deploy rehearsal)",
    cleanUp: () => rm(tmp, { recursive: true, force: true }),
  };
}
