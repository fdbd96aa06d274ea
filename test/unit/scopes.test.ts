import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KEY_SCOPES, SCOPES, decodeScopes, encodeScopes, missingScopes, resolveScopes } from '../../lambda/domain/scopes';

describe('resolveScopes', () => {
  it.each([
    [['read'], ['memories:read']],
    [['write'], ['memories:write']],
    [['delete'], ['memories:delete']],
    [['admin'], ['memories:read', 'memories:write', 'memories:delete', 'keys:manage']],
  ])('expands alias %j to its canonical scopes', (requested, expected) => {
    // Act
    const resolution = resolveScopes(requested);

    // Assess
    expect(resolution).toEqual({ ok: true, scopes: expected });
  });

  it('returns scopes in table order whatever order they were asked in', () => {
    // Act
    const resolution = resolveScopes(['keys:manage', 'delete', 'memories:read']);

    // Assess
    expect(resolution).toEqual({ ok: true, scopes: ['memories:read', 'memories:delete', 'keys:manage'] });
  });

  it('collapses duplicates, including an alias and its canonical name', () => {
    // Act
    const resolution = resolveScopes(['read', 'memories:read', 'read', 'admin', 'keys:manage']);

    // Assess
    expect(resolution).toEqual({ ok: true, scopes: [...SCOPES] });
  });

  it('reports the index of every unknown entry', () => {
    // Act
    const resolution = resolveScopes(['read', 'memories:write', 'memories:admin', 'nope']);

    // Assess
    expect(resolution).toEqual({ ok: false, invalidIndexes: [2, 3] });
  });

  it.each(['READ', 'Memories:Read', ' read', '', 'toString', '__proto__', 'constructor'])('does not accept %j', (name) => {
    // Act
    const resolution = resolveScopes(['read', name]);

    // Assess
    expect(resolution).toEqual({ ok: false, invalidIndexes: [1] });
  });

  it('resolves an empty list to no scopes', () => {
    // Act
    const resolution = resolveScopes([]);

    // Assess
    expect(resolution).toEqual({ ok: true, scopes: [] });
  });
});

describe('missingScopes', () => {
  it('lists the requested scopes that are not held, in request order', () => {
    // Act
    const missing = missingScopes(['keys:manage', 'memories:read', 'memories:delete'], ['memories:read']);

    // Assess
    expect(missing).toEqual(['keys:manage', 'memories:delete']);
  });

  it('is empty when every requested scope is held', () => {
    // Act
    const missing = missingScopes(DEFAULT_KEY_SCOPES, SCOPES);

    // Assess
    expect(missing).toEqual([]);
  });
});

describe('scope encoding for the authorizer context', () => {
  it('round-trips every subset of scopes', () => {
    // Prepare
    const subsets = Array.from({ length: 2 ** SCOPES.length }, (_, mask) => SCOPES.filter((_, bit) => mask & (1 << bit)));

    // Act
    const decoded = subsets.map((subset) => decodeScopes(encodeScopes(subset)));

    // Assess
    expect(decoded).toEqual(subsets);
  });

  it('ignores junk, extra spaces and unknown names when decoding', () => {
    // Act
    const scopes = decodeScopes('  memories:read junk  keys:manage admin read MEMORIES:WRITE ');

    // Assess
    expect(scopes).toEqual(['memories:read', 'keys:manage']);
  });

  it('decodes a missing value to no scopes', () => {
    // Act
    const scopes = decodeScopes(undefined);

    // Assess
    expect(scopes).toEqual([]);
  });
});

describe('default key scopes', () => {
  it('are read and write', () => {
    // Assess
    expect(DEFAULT_KEY_SCOPES).toEqual(['memories:read', 'memories:write']);
  });
});
