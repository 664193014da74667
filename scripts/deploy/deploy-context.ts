import type { DeployConfig } from './deploy-config.js';
import { DeployError } from './deploy-error.js';
import { errorLine, failureKind, type Gcloud, type GcloudResult } from './gcloud.js';

/** What a step is doing, for an error message: the action and the role that allows it. */
export interface Action {
  doing: string;
  role: string;
}

/**
 * One deploy's state: its settings, the project, how to call gcloud, and
 * what it has changed so far (reported at the end, or when a step fails).
 */
export class DeployContext {
  readonly changes: string[] = [];

  constructor(
    readonly config: DeployConfig,
    readonly project: string,
    private readonly gcloud: Gcloud,
    private readonly out: (line: string) => void,
  ) {}

  /** A step found what it needs in place. */
  unchanged(what: string): void {
    this.out(`= ${what}`);
  }

  /** A step changed something in the project. */
  changed(what: string): void {
    this.changes.push(what);
    this.out(`+ ${what}`);
  }

  note(line: string): void {
    this.out(line);
  }

  /** Runs a command that must succeed; a failure becomes one line naming the fix. */
  async run(args: readonly string[], action: Action): Promise<string> {
    const result = await this.gcloud(args);
    if (result.code !== 0) throw this.failure(result, action);
    return result.stdout;
  }

  /**
   * Runs a describe/get command: its output, or undefined when the thing does
   * not exist (or, with `deniedIsMissing`, cannot be seen: gcloud answers both
   * alike for a project).
   */
  async describe(args: readonly string[], action: Action, options: { deniedIsMissing?: boolean } = {}): Promise<string | undefined> {
    const result = await this.gcloud(args);
    if (result.code === 0) return result.stdout;
    const kind = failureKind(result);
    if (kind === 'not-found' || (kind === 'denied' && options.deniedIsMissing)) return undefined;
    throw this.failure(result, action);
  }

  /** `--project=P`, last on every command line. */
  get projectFlag(): string {
    return `--project=${this.project}`;
  }

  private failure(result: GcloudResult, action: Action): DeployError {
    const kind = failureKind(result);
    const fix =
      kind === 'denied' ? `your gcloud account (gcloud auth list) needs ${action.role} on project ${this.project}: ask a project Owner to grant it, or run as an account that has it`
      : kind === 'not-logged-in' ? 'log in first: gcloud auth login'
      : kind === 'billing' ? `project ${this.project} has no billing account: link one (gcloud billing projects link ${this.project} --billing-account=ACCOUNT_ID), then run again`
      : `gcloud said: ${errorLine(result)}`;
    return new DeployError(`${kind === 'denied' ? 'Permission denied' : 'Failed'} ${action.doing}: ${fix}`);
  }
}
