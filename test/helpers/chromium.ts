import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { LaunchOptions } from 'playwright-core';

/** A system Chromium (Debian's `chromium`, or CHROMIUM_PATH), used when there is one. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const SYSTEM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage'];

/**
 * How the browser tests start Chromium: the system's when present, else the headless Chromium
 * that the @sparticuz/chromium dev dependency ships inside its npm package (unpacked into the
 * temporary folder on first use), so `npm ci && npm test` needs no apt step.
 */
export async function chromiumLaunchOptions(): Promise<LaunchOptions> {
  const system = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => !!path && existsSync(path));
  return system ? { executablePath: system, args: SYSTEM_ARGS } : packagedChromiumOptions();
}

/**
 * The Chromium of the @sparticuz/chromium package. The package is an ES module, which jest's
 * CommonJS runtime cannot load, so a Node process of its own unpacks it and names the binary.
 */
export async function packagedChromiumOptions(): Promise<LaunchOptions> {
  const script =
    "const { default: c } = await import('@sparticuz/chromium'); console.log(JSON.stringify({ path: await c.executablePath(), args: c.args }));";
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  const packaged = JSON.parse(stdout) as { path: string; args: string[] };
  return { executablePath: packaged.path, args: [...packaged.args, '--disable-dev-shm-usage'], headless: true };
}
