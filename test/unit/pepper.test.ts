import { describe, expect, it } from '@jest/globals';
import { addPepperVersion, parsePeppers, pepperVersions } from '../../lambda/api-keys/pepper';
import type { SecretSource } from '../../lambda/platform/secrets';

const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);

describe('parsePeppers', () => {
  it('reads a plain value, as CloudFormation generated it, as version 1', () => {
    // Act
    const peppers = parsePeppers(V1);

    // Assess
    expect(peppers).toEqual({ current: { version: 1, value: V1 }, all: [{ version: 1, value: V1 }] });
  });

  it('reads numbered versions: the highest hashes new keys, all of them verify, newest first', () => {
    // Act
    const peppers = parsePeppers(JSON.stringify({ '1': V1, '3': V2 }));

    // Assess
    expect(peppers.current).toEqual({ version: 3, value: V2 });
    expect(peppers.all.map((pepper) => pepper.version)).toEqual([3, 1]);
  });

  it.each([
    ['invalid JSON', '{"1": ', /neither a plain value nor valid JSON/],
    ['a JSON object of the wrong kind', '{"1": ["a"]}', /version 1 must be a string/],
    ['an empty object', '{}', /holds no version/],
    ['a version that is no whole number', JSON.stringify({ one: V1 }), /"one" must be a positive whole number/],
    ['a short pepper', JSON.stringify({ '1': 'short' }), /at least 32 characters/],
    ['an empty value', '', /empty/],
  ])('refuses %s', (_label, secret, message) => {
    // Act & Assess
    expect(() => parsePeppers(secret)).toThrow(message);
  });
});

describe('addPepperVersion', () => {
  it('turns a plain value into version 1 and adds version 2', () => {
    // Act
    const secret = addPepperVersion(V1, V2);

    // Assess
    expect(JSON.parse(secret)).toEqual({ '1': V1, '2': V2 });
    expect(parsePeppers(secret).current).toEqual({ version: 2, value: V2 });
  });

  it('adds the version after the highest, keeping every older one', () => {
    // Act
    const secret = addPepperVersion(JSON.stringify({ '1': V1, '2': V2 }), 'c'.repeat(64));

    // Assess
    expect(Object.keys(JSON.parse(secret))).toEqual(['1', '2', '3']);
  });
});

describe('pepperVersions', () => {
  /** A secret source whose value the test sets; `refresh` reads a value `get` does not see yet. */
  function source(initial: string) {
    const held = { current: initial, refreshed: initial };
    const secrets: SecretSource = {
      get: async () => ({ current: held.current }),
      refresh: async () => ({ current: held.refreshed }),
    };
    return { held, secrets };
  }

  it('follows the secret when its value changes, though it parses each value once', async () => {
    // Prepare
    const { held, secrets } = source(V1);
    const before = await pepperVersions(secrets);

    // Act
    held.current = addPepperVersion(V1, V2);
    const after = await pepperVersions(secrets);

    // Assess
    expect(before.current).toEqual({ version: 1, value: V1 });
    expect(after.current).toEqual({ version: 2, value: V2 });
    expect(after.all.map((pepper) => pepper.version)).toEqual([2, 1]);
  });

  it('reads the secret again when asked for fresh versions', async () => {
    // Prepare
    const { held, secrets } = source(V1);
    held.refreshed = addPepperVersion(V1, V2);

    // Act
    const cached = await pepperVersions(secrets);
    const fresh = await pepperVersions(secrets, true);

    // Assess
    expect(cached.current.version).toBe(1);
    expect(fresh.current.version).toBe(2);
  });

  it('refuses a malformed secret, as parsePeppers does', async () => {
    // Act & Assess
    await expect(pepperVersions(source('').secrets)).rejects.toThrow(/empty/);
  });
});
