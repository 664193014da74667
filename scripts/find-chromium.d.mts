/** Types of find-chromium.mjs, for the TypeScript scripts and tests that import it. */
export declare const CHROMIUM_ARGS: string[];
/** CHROME_PATH when set and executable, else the first Chromium or Chrome found on the usual paths. */
export declare function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
