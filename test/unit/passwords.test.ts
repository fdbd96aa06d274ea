import { describe, expect, it } from '@jest/globals';
import { DECOY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../lambda/auth/passwords';

describe('password hashing', () => {
  it('verifies the password it hashed', async () => {
    // Prepare
    const stored = await hashPassword('correct horse battery');

    // Act
    const valid = await verifyPassword('correct horse battery', stored);

    // Assess
    expect(valid).toBe(true);
  });

  it('refuses a wrong password', async () => {
    // Prepare
    const stored = await hashPassword('correct horse battery');

    // Act
    const valid = await verifyPassword('correct horse batterY', stored);

    // Assess
    expect(valid).toBe(false);
  });

  it('salts: two hashes of one password differ and neither contains it', async () => {
    // Act
    const first = await hashPassword('same password 123');
    const second = await hashPassword('same password 123');

    // Assess
    expect(second).not.toBe(first);
    expect(first).not.toContain('same password 123');
    expect(await verifyPassword('same password 123', second)).toBe(true);
  });

  it('stores the algorithm and its parameters with the hash', async () => {
    // Act
    const stored = await hashPassword('a password');

    // Assess
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it.each([
    ['an empty string', ''],
    ['another algorithm', 'bcrypt$16384$8$1$c2FsdA==$a2V5'],
    ['no salt', 'scrypt$16384$8$1$$a2V5'],
    ['no key', 'scrypt$16384$8$1$c2FsdA==$'],
    ['too few parts', 'scrypt$16384$8'],
    ['a truncated key', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
  ])('returns false for a stored hash with %s', async (_label, stored) => {
    // Act
    const valid = await verifyPassword('a password', stored);

    // Assess
    expect(valid).toBe(false);
  });

  it.each([
    ['a non-numeric cost', 'scrypt$abc$8$1$c2FsdA==$a2V5'],
    ['a cost that is not a power of two', 'scrypt$1000$8$1$c2FsdA==$a2V5'],
    ['a missing block size', 'scrypt$16384$$1$c2FsdA==$a2V5'],
  ])('returns false (does not throw) for a stored hash with %s', async (_label, stored) => {
    // Act
    const outcome = verifyPassword('a password', stored);

    // Assess
    await expect(outcome).resolves.toBe(false);
  });

  it.each(['', 'password', 'correct horse battery', 'AAAAAAAAAA'])('verifies nothing against the decoy hash (%j)', async (password) => {
    // Act
    const valid = await verifyPassword(password, DECOY_PASSWORD_HASH);

    // Assess
    expect(valid).toBe(false);
  });

  it('derives a key for the decoy hash like for a real one, so an unknown email costs the same work', async () => {
    // Prepare
    const real = await hashPassword('some password');
    const realParams = real.split('$').slice(0, 4);

    // Act
    const decoyParams = DECOY_PASSWORD_HASH.split('$').slice(0, 4);

    // Assess
    expect(decoyParams).toEqual(realParams);
  });
});
