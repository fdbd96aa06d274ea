import { existsSync } from 'node:fs';

/** Debian's `chromium` (installed by .ci/run when missing); CHROMIUM_PATH points elsewhere. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error('The browser tests need Chromium: `apt-get install chromium` (or set CHROMIUM_PATH)');
  return found;
}
