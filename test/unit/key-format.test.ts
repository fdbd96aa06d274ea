import { crc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { generateApiKey, keyStart, parseApiKey } from '../../lambda/api-keys/key-format';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PREFIX = 'mem';

/** An independent base62 CRC32, most significant digit first, zero-padded to 6. */
function expectedChecksum(head: string): string {
  let value = crc32(head);
  const digits: string[] = [];
  for (let i = 0; i < 6; i++) {
    digits.unshift(BASE62.charAt(value % 62));
    value = Math.floor(value / 62);
  }
  return digits.join('');
}

/** A key with a correct checksum around a chosen head, to test parsing apart from generation. */
function keyWithHead(head: string): string {
  return head + expectedChecksum(head);
}

/** Replaces the character at `index` with a different base62 character. */
function changeAt(key: string, index: number): string {
  const current = key.charAt(index);
  const replacement = BASE62.charAt((BASE62.indexOf(current) + 1) % 62);
  return key.slice(0, index) + replacement + key.slice(index + 1);
}

describe('generateApiKey', () => {
  it.each([
    ['live', /^mem_live_[0-9A-Za-z]{38}$/],
    ['test', /^mem_test_[0-9A-Za-z]{38}$/],
  ] as const)('makes a %s key of prefix, environment and 38 base62 characters', (environment, pattern) => {
    // Act
    const key = generateApiKey(PREFIX, environment);

    // Assess
    expect(key).toMatch(pattern);
  });

  it('uses the configured prefix', () => {
    // Act
    const key = generateApiKey('acme', 'live');

    // Assess
    expect(key).toMatch(/^acme_live_[0-9A-Za-z]{38}$/);
  });

  it('ends with the base62 CRC32 of everything before it, zero-padded to 6', () => {
    // Prepare
    const keys = Array.from({ length: 50 }, () => generateApiKey(PREFIX, 'live'));

    // Act
    const mismatched = keys.filter((key) => key.slice(-6) !== expectedChecksum(key.slice(0, -6)));

    // Assess
    expect(mismatched).toEqual([]);
  });

  it('zero-pads the checksum when the CRC32 has fewer than 6 base62 digits', () => {
    // Prepare: a head whose CRC32 is below 62^5, so its checksum starts with "0".
    let head = '';
    for (let i = 0; !head; i++) {
      const candidate = `mem_live_${String(i).padStart(32, 'a')}`;
      if (crc32(candidate) < 62 ** 5) head = candidate;
    }
    const key = head + expectedChecksum(head);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(key.slice(-6)).toMatch(/^0/);
    expect(parsed).toMatchObject({ ok: true });
  });

  it('makes 1,000 distinct keys', () => {
    // Act
    const keys = new Set(Array.from({ length: 1_000 }, () => generateApiKey(PREFIX, 'live')));

    // Assess
    expect(keys.size).toBe(1_000);
  });

  it('draws every base62 character in the random part, roughly uniformly', () => {
    // Prepare: 625 keys × 32 random characters = 20,000 characters, about 323 of each.
    const counts = new Map<string, number>();

    // Act
    for (let i = 0; i < 625; i++) {
      const random = generateApiKey(PREFIX, 'live').slice('mem_live_'.length, -6);
      for (const char of random) counts.set(char, (counts.get(char) ?? 0) + 1);
    }

    // Assess: all 62 present, none far from the mean (bounds are > 8 standard deviations wide).
    expect([...BASE62].filter((char) => !counts.has(char))).toEqual([]);
    const values = [...counts.values()];
    expect(values.reduce((sum, n) => sum + n, 0)).toBe(20_000);
    expect(Math.min(...values)).toBeGreaterThan(180);
    expect(Math.max(...values)).toBeLessThan(470);
  });
});

describe('parseApiKey', () => {
  it.each(['live', 'test'] as const)('accepts a fresh %s key and returns its environment and start', (environment) => {
    // Prepare
    const key = generateApiKey(PREFIX, environment);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: true, key: { environment, start: key.slice(0, `mem_${environment}_`.length + 4) } });
  });

  it('accepts a key built independently with a correct checksum', () => {
    // Prepare
    const key = keyWithHead('mem_test_0123456789abcdefghijABCDEFGHIJ01');

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: true, key: { environment: 'test', start: 'mem_test_0123' } });
  });

  it('rejects a key whose checksum is wrong at any single position', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'live');
    const positions = Array.from({ length: 6 }, (_, i) => key.length - 6 + i);

    // Act
    const results = positions.map((index) => parseApiKey(changeAt(key, index), PREFIX));

    // Assess
    expect(results).toEqual(positions.map(() => ({ ok: false, problem: 'bad_checksum' })));
  });

  it('rejects every single-character change of the random body', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'live');
    const bodyStart = 'mem_live_'.length;
    const positions = Array.from({ length: 32 }, (_, i) => bodyStart + i);

    // Act
    const accepted = positions.filter((index) => parseApiKey(changeAt(key, index), PREFIX).ok);

    // Assess
    expect(accepted).toEqual([]);
  });

  it('rejects every base62 substitute at one body position, not just one neighbour', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'test');
    const index = 'mem_test_'.length + 7;
    const variants = [...BASE62]
      .filter((char) => char !== key.charAt(index))
      .map((char) => key.slice(0, index) + char + key.slice(index + 1));

    // Act
    const accepted = variants.filter((variant) => parseApiKey(variant, PREFIX).ok);

    // Assess
    expect(accepted).toEqual([]);
  });

  it('rejects a key whose environment was swapped after generation', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'test');

    // Act
    const parsed = parseApiKey(key.replace('_test_', '_live_'), PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'bad_checksum' });
  });

  it.each([
    ['another prefix', 'abc_live_'],
    ['an upper-case prefix', 'MEM_live_'],
  ])('rejects a key with %s, even with a valid checksum', (_label, head) => {
    // Prepare
    const key = keyWithHead(`${head}0123456789abcdefghijABCDEFGHIJ01`);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each(['prod', 'dev', 'LIVE', 'Test', 'staging'])('rejects environment %s, even with a valid checksum', (environment) => {
    // Prepare
    const key = keyWithHead(`mem_${environment}_0123456789abcdefghijABCDEFGHIJ01`);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each([31, 33, 0, 64])('rejects a random body of %i characters, even with a valid checksum', (length) => {
    // Prepare
    const key = keyWithHead(`mem_live_${'a'.repeat(length)}`);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });

  it('rejects a key with a character removed or added', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'live');

    // Act
    const shorter = parseApiKey(key.slice(0, -1), PREFIX);
    const longer = parseApiKey(`${key}0`, PREFIX);

    // Assess
    expect(shorter).toEqual({ ok: false, problem: 'malformed' });
    expect(longer).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each(['-', '_', '+', '/', '=', ' ', 'é', '\u0000'])('rejects a body containing %j, even with a valid checksum', (char) => {
    // Prepare
    const key = keyWithHead(`mem_live_${char}${'a'.repeat(31)}`);

    // Act
    const parsed = parseApiKey(key, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each(['', 'mem_live_', 'Bearer mem_live_x', 'not a key'])('rejects %j', (candidate) => {
    // Act
    const parsed = parseApiKey(candidate, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });

  it('rejects surrounding whitespace', () => {
    // Prepare
    const key = generateApiKey(PREFIX, 'live');

    // Act
    const parsed = parseApiKey(` ${key}\n`, PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('keyStart', () => {
  it('shows prefix, environment and the first 4 body characters', () => {
    // Act
    const start = keyStart('mem_live_AbCdEfGh');

    // Assess
    expect(start).toBe('mem_live_AbCd');
  });
});
