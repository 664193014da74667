#!/usr/bin/env node
// Finds a Chromium (or Chrome) for the browser tests. No dependencies.
//
//   import { findChromium } from './find-chromium.mjs';  // path or undefined
//   node scripts/find-chromium.mjs                       // prints the path
//   node scripts/find-chromium.mjs -- <command> [args…]  // runs it with CHROME_PATH set
//
// When none is found it says how to get one and exits 1.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Flags for headless Chromium here: as root it needs --no-sandbox, and without
 * the network flags it keeps trying to reach Google's hosts. Shared by the
 * browser tests, the end-to-end tests, the screenshot and the benchmarks.
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

const CANDIDATES = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env.LOCALAPPDATA ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of a Chromium: `CHROME_PATH` when set and executable, else the
 * first of the usual install paths that exists. `undefined` when none does.
 */
export function findChromium(env = process.env) {
  if (env.CHROME_PATH) {
    if (isExecutable(env.CHROME_PATH)) return env.CHROME_PATH;
    console.warn(`find-chromium: CHROME_PATH=${env.CHROME_PATH} is not an executable file; looking elsewhere.`);
  }
  // The Linux paths are checked on every Unix (WSL, BSD builds that mirror them).
  const paths = process.platform === 'win32'
    ? CANDIDATES.win32
    : [...(CANDIDATES[process.platform] ?? []), ...(process.platform === 'linux' ? [] : CANDIDATES.linux)];
  return paths.find(isExecutable);
}

function howToInstall() {
  const lines = ['No Chromium or Chrome found for the browser tests.', ''];
  if (process.platform === 'darwin') {
    lines.push('Install one with Homebrew:', '', '  brew install --cask chromium', '');
  } else if (process.platform === 'linux') {
    let osRelease = '';
    try {
      osRelease = readFileSync('/etc/os-release', 'utf8');
    } catch {
      // no os-release: give the Debian command anyway, it is the likeliest
    }
    const debianLike = !osRelease || /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
    if (debianLike) {
      lines.push('Install one (Debian/Ubuntu):', '', '  sudo apt-get install -y chromium', '');
    } else {
      lines.push("Install your distribution's chromium package.", '');
    }
  }
  lines.push(
    'Or point CHROME_PATH at a Chrome or Chromium you already have:',
    '',
    '  CHROME_PATH=/path/to/chrome npm run test:browser',
    '',
    `Looked at: CHROME_PATH, ${[...(CANDIDATES[process.platform] ?? []), ...(process.platform === 'linux' ? [] : CANDIDATES.linux)].join(', ')}`,
  );
  return lines.join('\n');
}

function main(argv) {
  const chrome = findChromium();
  if (!chrome) {
    console.error(howToInstall());
    return process.exit(1);
  }
  const dash = argv.indexOf('--');
  const command = dash === -1 ? argv : argv.slice(dash + 1);
  if (command.length === 0) {
    console.log(chrome);
    return;
  }
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: chrome },
    shell: process.platform === 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`find-chromium: cannot run ${command[0]}: ${error.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    else process.exit(code ?? 1);
  });
}

const invokedDirectly = (() => {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
})();
if (invokedDirectly) main(process.argv.slice(2));
