import { describe, expect, it } from '@jest/globals';
import { extractCredential, headerValue } from '../../lambda/authorizer/credentials';

const KEY = 'mem_live_0123456789abcdefghijABCDEFGHIJ012345';

describe('extractCredential', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('reads Authorization: %s <credential>', (scheme) => {
    // Act
    const result = extractCredential({ Authorization: `${scheme} ${KEY}` });

    // Assess
    expect(result).toEqual({ ok: true, credential: KEY, bearer: true });
  });

  it('reads X-API-Key', () => {
    // Act
    const result = extractCredential({ 'X-API-Key': KEY });

    // Assess
    expect(result).toEqual({ ok: true, credential: KEY, bearer: false });
  });

  it.each(['authorization', 'AUTHORIZATION', 'aUtHoRiZaTiOn'])('reads the Authorization header named %j', (name) => {
    // Act
    const result = extractCredential({ [name]: `Bearer ${KEY}` });

    // Assess
    expect(result).toEqual({ ok: true, credential: KEY, bearer: true });
  });

  it.each(['x-api-key', 'X-API-KEY', 'X-Api-Key'])('reads the API key header named %j', (name) => {
    // Act
    const result = extractCredential({ [name]: KEY });

    // Assess
    expect(result).toEqual({ ok: true, credential: KEY, bearer: false });
  });

  it('trims whitespace around the credential', () => {
    // Act
    const bearer = extractCredential({ authorization: `  Bearer   ${KEY}  ` });
    const apiKey = extractCredential({ 'x-api-key': ` ${KEY} ` });

    // Assess
    expect(bearer).toEqual({ ok: true, credential: KEY, bearer: true });
    expect(apiKey).toEqual({ ok: true, credential: KEY, bearer: false });
  });

  it('accepts both headers when they carry the same credential', () => {
    // Act
    const result = extractCredential({ authorization: `Bearer ${KEY}`, 'x-api-key': KEY });

    // Assess
    expect(result).toEqual({ ok: true, credential: KEY, bearer: true });
  });

  it('refuses both headers carrying different credentials as conflicting', () => {
    // Act
    const result = extractCredential({ Authorization: `Bearer ${KEY}`, 'X-API-Key': `${KEY.slice(0, -1)}X` });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'conflicting' });
  });

  it.each(['Basic x', 'Basic dXNlcjpwYXNz', `Token ${KEY}`, 'Bearer', 'Bearer ', `Bearer ${KEY} extra`, KEY])(
    'refuses Authorization %j as malformed',
    (value) => {
      // Act
      const result = extractCredential({ Authorization: value });

      // Assess
      expect(result).toEqual({ ok: false, reason: 'malformed' });
    },
  );

  it('refuses a malformed Authorization even when X-API-Key is valid', () => {
    // Act
    const result = extractCredential({ Authorization: 'Basic x', 'X-API-Key': KEY });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['no headers', {}],
    ['null headers', null],
    ['undefined headers', undefined],
    ['an empty X-API-Key', { 'x-api-key': '' }],
    ['a blank X-API-Key', { 'x-api-key': '   ' }],
    ['only unrelated headers', { 'content-type': 'application/json', 'x-api-keys': KEY }],
  ])('reports %s as missing', (_label, headers) => {
    // Act
    const result = extractCredential(headers);

    // Assess
    expect(result).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('headerValue', () => {
  it('finds a header whatever the case of its name', () => {
    // Act
    const value = headerValue({ 'X-Environment': 'test' }, 'x-environment');

    // Assess
    expect(value).toBe('test');
  });

  it('returns undefined for an absent header or no headers', () => {
    // Act
    const absent = headerValue({ other: 'x' }, 'x-environment');
    const none = headerValue(null, 'x-environment');

    // Assess
    expect(absent).toBeUndefined();
    expect(none).toBeUndefined();
  });
});
