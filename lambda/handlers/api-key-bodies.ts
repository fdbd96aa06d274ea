import * as z from 'zod/mini';
import { ENVIRONMENTS } from '../domain/environments';
import { SCOPES, SCOPE_ALIASES, resolveScopes } from '../domain/scopes';
import { pageQueryFields } from './page-params';
import { tenantFields } from './tenant-guard';

/* The request bodies and queries of the API key routes (the OpenAPI document is generated from them). */

/** Names what a caller may write instead, so the error alone is enough to fix the request. */
const UNKNOWN_SCOPE = `unknown scope; valid scopes: ${[...SCOPES, ...Object.keys(SCOPE_ALIASES)].join(', ')}`;

/** Scope names and aliases, resolved to canonical scopes; every unknown entry is named. */
const scopeList = z.pipe(
  z.array(z.string()).check(z.minLength(1, 'must name at least one scope'), z.maxLength(20)),
  z.transform((names: string[], context) => {
    const resolved = resolveScopes(names);
    if (resolved.ok) return resolved.scopes;
    for (const index of resolved.invalidIndexes)
      context.issues.push({ code: 'custom', path: [index], message: UNKNOWN_SCOPE, input: names });
    return z.NEVER;
  }),
);
export const CreateKeyBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
  environment: z.optional(z.enum(ENVIRONMENTS)),
  scopes: z.optional(scopeList),
  expires_in_days: z.optional(z.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(3650))),
  ...tenantFields,
});
export const RotateBody = z.strictObject({
  grace_period_seconds: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(604_800)), 86_400),
  ...tenantFields,
});
export const ListQuery = z.strictObject({
  ...pageQueryFields,
  environment: z.optional(z.enum(ENVIRONMENTS)),
  status: z.optional(z.enum(['active', 'expired', 'revoked'])),
  ...tenantFields,
});
export const UsageQuery = z.strictObject({
  days: z._default(z.coerce.number().check(z.int('must be a whole number'), z.minimum(1), z.maximum(90)), 30),
  ...tenantFields,
});
