import { execFileSync } from 'node:child_process';

/**
 * Flags for Debian's Chromium here: as root it needs --no-sandbox, and
 * without the network flags it keeps trying to reach Google's hosts.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** CHROME_PATH, else the first Chromium found on the usual paths (see scripts/find-chromium.mjs). */
export function chromiumPath(): string {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']) {
    try {
      execFileSync('test', ['-x', candidate]);
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error('No Chromium found: install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH');
}
