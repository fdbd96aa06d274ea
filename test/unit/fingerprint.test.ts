import { describe, expect, it } from '@jest/globals';
import { canonicalJson, fingerprint } from '../../lambda/domain/fingerprint';

describe('canonicalJson and fingerprint', () => {
  it('gives one text for objects whose keys came in another order, at every depth', () => {
    // Act
    const first = canonicalJson({ b: 1, a: { y: [1, { d: 2, c: 3 }], x: 'é' } });
    const second = canonicalJson({ a: { x: 'é', y: [1, { c: 3, d: 2 }] }, b: 1 });

    // Assess
    expect(first).toBe(second);
    expect(first).toBe('{"a":{"x":"é","y":[1,{"c":3,"d":2}]},"b":1}');
  });

  it('keeps array order, which is meaning, and tells values of different types apart', () => {
    // Assess
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: '1' }));
    expect(fingerprint({ a: true })).not.toBe(fingerprint({ a: 'true' }));
  });

  it('holds a key named __proto__ as data', () => {
    // Prepare
    const value: unknown = JSON.parse('{"__proto__":"x","a":1}');

    // Assess
    expect(canonicalJson(value)).toBe('{"__proto__":"x","a":1}');
  });
});
