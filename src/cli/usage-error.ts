/** Bad command-line usage: the command prints the message (which says what to type instead) and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
