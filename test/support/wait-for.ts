/** Waits until `condition` holds, checking every 10 ms; throws, naming `what`, after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what = 'a condition', timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
