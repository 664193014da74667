/**
 * A shell command of the docs as the docs tests read it: one line of a
 * ```sh block (continuations joined, `&&` splitting it), with its variable
 * assignments and words; the sandbox it runs in; and the shape of an entry of
 * COMMAND_CHECKS (test/docs/doc-commands.ts), which checks it.
 */
import { parse, type ParseEntry } from 'shell-quote';
import type { FakeGcs } from '../support/fake-gcs.js';
import type { FakeMonitoring } from '../support/fake-monitoring.js';
import type { CodeBlock } from './markdown.js';

export interface DocCommand {
  block: CodeBlock;
  /** As written: one line of the block (continuations joined), or one side of `&&`. */
  text: string;
  /** `NAME=value` assignments before the command. */
  env: Record<string, string>;
  /** The words after them; operators (`|`, `>`) are words too. */
  argv: string[];
}

/** Where a block's commands run, in order: a folder that stands for the reader's clone. */
export interface Sandbox {
  /** The clone's root for the commands: relative paths land here; `demo/` is the repository's own. */
  cwd: string;
  /** `~`: folders of photos a command names under it are made from the demo's camera files. */
  home: string;
  /** Scratch space outside `cwd`. */
  scratch: string;
  /** The Cloud Storage fake, started on first use. */
  gcs(): Promise<FakeGcs>;
  /** The Cloud Monitoring fake, started on first use. */
  monitoring(): Promise<FakeMonitoring>;
}

export interface CommandCheck {
  /** What the check does with a command, for the test's name. */
  does: string;
  matches(command: DocCommand): boolean;
  check(command: DocCommand, sandbox: Sandbox): Promise<void>;
}

/** The block's commands, in order. */
export function commandsOf(block: CodeBlock): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const line of block.text.replace(/\\\n/g, ' ').split('\n')) {
    // Variables stay as written ($HOME is the reader's, not this machine's).
    const entries = parse(line, (name) => `$${name}`);
    let words: string[] = [];
    const flush = () => {
      if (words.length === 0) return;
      const assignments = words.findIndex((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w));
      const env = Object.fromEntries(words.slice(0, assignments).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
      const argv = words.slice(assignments);
      commands.push({ block, text: line.replace(/\s+#.*$/, '').trim(), env, argv });
      words = [];
    };
    for (const entry of entries as ParseEntry[]) {
      if (typeof entry === 'string') words.push(entry);
      else if ('comment' in entry) continue;
      else if (entry.op === '&&' || entry.op === ';') flush();
      else if (entry.op === 'glob') words.push(entry.pattern);
      else words.push(entry.op);
    }
    flush();
  }
  return commands;
}

/** The command's words, as one string to compare with. */
export const words = (command: DocCommand) => command.argv.join(' ');
