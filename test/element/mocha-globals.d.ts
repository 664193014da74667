// The mocha globals web-test-runner provides in the browser. @types/mocha is
// not installed; these are the parts the element tests use.
declare global {
  interface MochaContext {
    timeout(ms: number): void;
    slow(ms: number): void;
    skip(): never;
    retries(n: number): void;
  }
  type MochaDone = (error?: unknown) => void;
  /** A test or hook: synchronous, async (a promise), or taking `done`. */
  type MochaTestFn = (this: MochaContext, done: MochaDone) => void | Promise<unknown>;

  interface MochaSuiteFn {
    (title: string, fn: (this: MochaContext) => void): void;
    only(title: string, fn: (this: MochaContext) => void): void;
    skip(title: string, fn: (this: MochaContext) => void): void;
  }
  interface MochaTest {
    (title: string, fn?: MochaTestFn): void;
    only(title: string, fn?: MochaTestFn): void;
    skip(title: string, fn?: MochaTestFn): void;
  }
  type MochaHook = (fn: MochaTestFn) => void;

  const describe: MochaSuiteFn;
  const it: MochaTest;
  const before: MochaHook;
  const after: MochaHook;
  const beforeEach: MochaHook;
  const afterEach: MochaHook;
}
export {};
