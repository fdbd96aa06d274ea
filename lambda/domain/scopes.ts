/** Scopes a credential can hold, the aliases accepted at key creation, and the defaults. */
export const SCOPES = ['memories:read', 'memories:write', 'memories:delete', 'keys:manage'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_ALIASES: Readonly<Record<string, readonly Scope[]>> = {
  read: ['memories:read'],
  write: ['memories:write'],
  delete: ['memories:delete'],
  admin: SCOPES,
};

export const DEFAULT_KEY_SCOPES: readonly Scope[] = ['memories:read', 'memories:write'];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export type ScopeResolution = { ok: true; scopes: Scope[] } | { ok: false; invalidIndexes: number[] };

/** Expands aliases and returns canonical scopes in table order, or the index of every unknown entry. */
export function resolveScopes(requested: readonly string[]): ScopeResolution {
  const wanted = new Set<Scope>();
  const invalidIndexes: number[] = [];
  for (const [index, name] of requested.entries()) {
    const expanded = isScope(name) ? [name] : Object.hasOwn(SCOPE_ALIASES, name) ? SCOPE_ALIASES[name] : undefined;
    if (!expanded) invalidIndexes.push(index);
    for (const scope of expanded ?? []) wanted.add(scope);
  }
  return invalidIndexes.length > 0 ? { ok: false, invalidIndexes } : { ok: true, scopes: SCOPES.filter((scope) => wanted.has(scope)) };
}

/** Scopes in `requested` that `held` does not include. */
export function missingScopes(requested: readonly Scope[], held: readonly Scope[]): Scope[] {
  return requested.filter((scope) => !held.includes(scope));
}

/** Scopes travel through the authorizer context as one space-separated string. */
export function encodeScopes(scopes: readonly Scope[]): string {
  return scopes.join(' ');
}

export function decodeScopes(encoded: string | undefined): Scope[] {
  return (encoded ?? '').split(' ').filter(isScope);
}
