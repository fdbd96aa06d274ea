import { describe, expect, it } from '@jest/globals';
import { TtlCache } from '../../lambda/platform/ttl-cache';

describe('TtlCache', () => {
  it('returns a value until its time to live has passed', () => {
    // Prepare
    const cache = new TtlCache<string>(1_000, 10);
    cache.set('a', 'value', 5_000);

    // Act
    const justBefore = cache.get('a', 5_999);
    const atExpiry = cache.get('a', 6_000);

    // Assess
    expect(justBefore).toBe('value');
    expect(atExpiry).toBeUndefined();
  });

  it('forgets an expired entry for good', () => {
    // Prepare
    const cache = new TtlCache<string>(1_000, 10);
    cache.set('a', 'value', 0);
    cache.get('a', 2_000);

    // Act
    const later = cache.get('a', 500);

    // Assess
    expect(later).toBeUndefined();
  });

  it('caches null as a value (a known miss)', () => {
    // Prepare
    const cache = new TtlCache<string | null>(1_000, 10);
    cache.set('a', null, 0);

    // Act
    const value = cache.get('a', 10);

    // Assess
    expect(value).toBeNull();
  });

  it('evicts the oldest entry when full', () => {
    // Prepare
    const cache = new TtlCache<number>(60_000, 3);
    cache.set('a', 1, 0);
    cache.set('b', 2, 1);
    cache.set('c', 3, 2);

    // Act
    cache.set('d', 4, 3);

    // Assess
    expect(cache.get('a', 4)).toBeUndefined();
    expect([cache.get('b', 4), cache.get('c', 4), cache.get('d', 4)]).toEqual([2, 3, 4]);
  });

  it('counts a re-set entry as new, so the next oldest is evicted', () => {
    // Prepare
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 1);
    cache.set('a', 10, 2);

    // Act
    cache.set('c', 3, 3);

    // Assess
    expect(cache.get('b', 4)).toBeUndefined();
    expect([cache.get('a', 4), cache.get('c', 4)]).toEqual([10, 3]);
  });

  it('does not evict when an existing key is replaced in a full cache', () => {
    // Prepare
    const cache = new TtlCache<number>(60_000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 1);

    // Act
    cache.set('b', 20, 2);

    // Assess
    expect([cache.get('a', 3), cache.get('b', 3)]).toEqual([1, 20]);
  });

  it('caches nothing with a time to live of 0', () => {
    // Prepare
    const cache = new TtlCache<string>(0, 10);

    // Act
    cache.set('a', 'value', 0);

    // Assess
    expect(cache.get('a', 0)).toBeUndefined();
  });
});
