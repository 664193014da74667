/**
 * Every shell command in the docs' ```sh blocks, checked by the entry of
 * test/docs/doc-commands.ts that matches it: run as written where this machine
 * can (the quick start, the upload command, deploy with a stand-in gcloud),
 * else checked for what can be checked. A block's commands run in order in a
 * sandbox of their own, as a reader would type them one after the other.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startFakeGcs, type FakeGcs } from '../support/fake-gcs.js';
import { startFakeMonitoring, type FakeMonitoring } from '../support/fake-monitoring.js';
import { blocksOf } from './doc-blocks.js';
import { commandsOf, type Sandbox } from './doc-command.js';
import { COMMAND_CHECKS } from './doc-commands.js';
import { ROOT, where } from './markdown.js';

const blocks = blocksOf('shell');

test('the docs have commands, and each block some', () => {
  assert.ok(blocks.length > 0);
  for (const block of blocks) assert.ok(commandsOf(block).length > 0, where(block));
});

for (const block of blocks) {
  describe(`${where(block)}`, () => {
    let dir: string;
    let fake: FakeGcs | undefined;
    let monitoring: FakeMonitoring | undefined;
    let sandbox: Sandbox;
    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'doc-commands-'));
      const cwd = path.join(dir, 'clone');
      await mkdir(cwd);
      // The clone's demo folder, read-only for the commands (what they write lands beside it).
      await symlink(path.join(ROOT, 'demo'), path.join(cwd, 'demo'));
      await mkdir(path.join(dir, 'home'));
      sandbox = {
        cwd,
        home: path.join(dir, 'home'),
        scratch: dir,
        gcs: async () => (fake ??= await startFakeGcs()),
        monitoring: async () => (monitoring ??= await startFakeMonitoring()),
      };
    });
    after(async () => {
      await fake?.close();
      await monitoring?.close();
      await rm(dir, { recursive: true, force: true });
    });

    for (const command of commandsOf(block)) {
      const checks = COMMAND_CHECKS.filter((c) => c.matches(command));
      test(`${command.text}: ${checks[0]?.does ?? 'no check'}`, { timeout: 120_000 }, async () => {
        assert.equal(checks.length, 1, `${where(block)}: ${checks.length ? 'several entries match' : 'no entry matches'} \`${command.text}\`: add one to COMMAND_CHECKS in test/docs/doc-commands.ts that runs it, or checks it and says why it cannot run here`);
        await checks[0]!.check(command, sandbox);
      });
    }
  });
}

describe('commands are read as a shell reads them', () => {
  const block = { file: 'x.md', line: 1, lang: 'sh', text: '' };
  const cases: [string, { env: Record<string, string>; argv: string[] }[]][] = [
    ['npm install && npm start   # the demo', [{ env: {}, argv: ['npm', 'install'] }, { env: {}, argv: ['npm', 'start'] }]],
    ['PHOTOS_DIR=my-photos npm start', [{ env: { PHOTOS_DIR: 'my-photos' }, argv: ['npm', 'start'] }]],
    ["gcloud a \\\n  --b='x y' | sort", [{ env: {}, argv: ['gcloud', 'a', '--b=x y', '|', 'sort'] }]],
    ['npx blog-photo-frame upload ~/Pictures --to "$HOME/x"', [{ env: {}, argv: ['npx', 'blog-photo-frame', 'upload', '~/Pictures', '--to', '$HOME/x'] }]],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => {
      assert.deepEqual(commandsOf({ ...block, text }).map(({ env, argv }) => ({ env, argv })), expected);
    });
  }
});
