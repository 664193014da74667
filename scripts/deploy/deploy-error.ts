/** A deploy or rehearsal that cannot go on: the message is one line that names the fix; `exitCode` 2 for bad settings, 1 otherwise. */
export class DeployError extends Error {
  override name = 'DeployError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
