import { describe, expect, it } from '@jest/globals';
import { generateApiKey } from '../../lambda/api-keys/key-format';
import { hashApiKey } from '../../lambda/api-keys/key-hash';

describe('hashApiKey', () => {
  it('gives the same hash for the same key and pepper', () => {
    // Prepare
    const key = generateApiKey('mem', 'live');

    // Act
    const first = hashApiKey(key, 'pepper-1');
    const second = hashApiKey(key, 'pepper-1');

    // Assess
    expect(second).toBe(first);
  });

  it('gives a different hash under a different pepper', () => {
    // Prepare
    const key = generateApiKey('mem', 'live');

    // Act
    const one = hashApiKey(key, 'pepper-1');
    const other = hashApiKey(key, 'pepper-2');

    // Assess
    expect(other).not.toBe(one);
  });

  it('gives different hashes for different keys', () => {
    // Act
    const one = hashApiKey(generateApiKey('mem', 'live'), 'pepper');
    const other = hashApiKey(generateApiKey('mem', 'live'), 'pepper');

    // Assess
    expect(other).not.toBe(one);
  });

  it('is 64 lowercase hex characters and never the key itself', () => {
    // Prepare
    const key = generateApiKey('mem', 'test');

    // Act
    const hash = hashApiKey(key, 'pepper');

    // Assess
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(key);
    expect(hash).not.toContain(key.slice('mem_test_'.length, 'mem_test_'.length + 8));
  });
});
