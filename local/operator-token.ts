import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file in the data folder that holds the local operator token (mode 0600, owner only). */
export const OPERATOR_TOKEN_FILE = 'operator-token';

/**
 * The credential of the local operator route (`POST /_local/operator/tier`), which `npm run
 * set-tier` sends: generated once into the data folder, or kept in memory for an in-memory run.
 */
export function loadOperatorToken(dataDir?: string): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, OPERATOR_TOKEN_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, token, { mode: 0o600, flag: 'wx' });
  return token;
}

/** Compares in constant time, so the token cannot be guessed a character at a time. */
export function isOperatorToken(presented: string | undefined, token: string): boolean {
  const given = Buffer.from(presented ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A Host a browser sends only when the page itself is on this machine: a page elsewhere that
 * rebinds its DNS name to 127.0.0.1 still sends its own name, and is refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i.test(host ?? '');
}

/** For the operator scripts: LOCAL_OPERATOR_TOKEN (an in-memory server prints it), or the file in the server's data folder. */
export function readOperatorToken(): string {
  if (process.env.LOCAL_OPERATOR_TOKEN) return process.env.LOCAL_OPERATOR_TOKEN;
  const file = join(resolve(process.env.LOCAL_DATA_DIR ?? '.local-data'), OPERATOR_TOKEN_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `No local operator token at ${file}: set LOCAL_DATA_DIR to the server's data folder, or LOCAL_OPERATOR_TOKEN to the token npm run start:memory printed.`,
    );
  }
  return readFileSync(file, 'utf8').trim();
}
