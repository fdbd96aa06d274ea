import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

import type { Environment } from '../domain/environments';

/** API keys look like `<prefix>_<environment>_<32 random base62><6 base62 CRC32 checksum>`. */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** The visible start of a key shown in listings: prefix, environment and 4 characters. */
const START_BODY_LENGTH = 4;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: bytes at or above it would bias the first characters, so they are dropped.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

function checksum(text: string): string {
  let value = crc32(text);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateApiKey(prefix: string, environment: Environment): string {
  const head = `${prefix}_${environment}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksum(head);
}

export interface ParsedApiKey {
  readonly environment: Environment;
  readonly start: string;
}

export type KeyParse =
  { readonly ok: true; readonly key: ParsedApiKey } | { readonly ok: false; readonly problem: 'malformed' | 'bad_checksum' };

/** Parses a key and checks its checksum: garbage is refused here, before any database read. */
export function parseApiKey(candidate: string, prefix: string): KeyParse {
  const match = /^([a-z]{2,8})_(live|test)_([0-9A-Za-z]{38})$/.exec(candidate);
  if (!match || match[1] !== prefix) return { ok: false, problem: 'malformed' };
  const head = candidate.slice(0, candidate.length - CHECKSUM_LENGTH);
  if (checksum(head) !== candidate.slice(-CHECKSUM_LENGTH)) return { ok: false, problem: 'bad_checksum' };
  return { ok: true, key: { environment: match[2] as Environment, start: keyStart(candidate) } };
}

export function keyStart(key: string): string {
  const [prefix, environment, body] = key.split('_');
  return `${prefix}_${environment}_${(body ?? '').slice(0, START_BODY_LENGTH)}`;
}
