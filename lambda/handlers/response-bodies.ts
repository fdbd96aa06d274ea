import * as z from 'zod/mini';
import { MEMORY_TYPES } from '../domain/memory';
import { AUDIT_ACTOR_TYPES, AUDIT_EVENT_TYPES } from '../domain/audit-events';
import { ENVIRONMENTS } from '../domain/environments';
import { SEARCH_MODES } from '../search/search-modes';
import { ERROR_STATUS, type ErrorCode } from '../shared/error-codes';
import { SCOPES } from '../domain/scopes';

/**
 * The bodies the API answers with, defined once. The OpenAPI document is generated from them, the
 * handlers' view functions are typed by them (a type-only import, so no bundle carries them), and
 * the HTTP tests check every response against the document: a field added to a view and not here
 * fails to compile, a field the document lacks fails a test.
 */
const timestamp = z.iso.datetime();
const metadataValue = z.union([z.string(), z.number(), z.boolean()]);

export const MemoryBody = z.strictObject({
  id: z.string(),
  content: z.string(),
  type: z.enum(MEMORY_TYPES),
  metadata: z.record(z.string(), metadataValue),
  environment: z.enum(ENVIRONMENTS),
  created_at: timestamp,
  updated_at: timestamp,
});

export const ApiKeyBody = z.strictObject({
  id: z.string(),
  name: z.string(),
  environment: z.enum(ENVIRONMENTS),
  scopes: z.array(z.enum(SCOPES)),
  start: z.string().check(z.meta({ description: 'The first characters of the key, to recognise it' })),
  status: z.enum(['active', 'expired', 'revoked']),
  created_at: timestamp,
  expires_at: z.nullable(timestamp),
  last_used_at: z.nullable(timestamp),
  revoked_at: z.nullable(timestamp),
  replaces: z.nullable(z.string()).check(z.meta({ description: 'The id of the key this one replaced at rotation' })),
  replaced_by: z
    .nullable(z.string())
    .check(z.meta({ description: 'The id of the key that replaced this one at rotation; it works until `expires_at` (the grace period)' })),
});

/** A key as created or rotated: the only time its plaintext is shown. */
export const CreatedApiKeyBody = z.strictObject({
  ...ApiKeyBody.def.shape,
  key: z.string().check(z.meta({ description: 'The plaintext key, shown once' })),
});

export const KeyUsageBody = z.strictObject({
  key_id: z.string(),
  days: z.array(z.strictObject({ date: z.iso.date(), requests: z.int().check(z.minimum(0)) })),
  total: z.int().check(z.minimum(0)),
});

const unlimited = (description: string) => z.nullable(z.int()).check(z.meta({ description: `${description}; null when unlimited` }));

export const UsageBody = z.strictObject({
  tenant_id: z.string(),
  tier: z.string(),
  period: z.strictObject({ start: timestamp, end: timestamp }),
  credits: z.strictObject({ limit: unlimited('Credits a month'), used: z.int(), remaining: unlimited('Credits left this month') }),
  rate_limit: z.strictObject({ requests_per_minute: z.int(), burst: z.int() }),
  keys: z.strictObject({ active: z.int(), limit: unlimited('Active keys allowed') }),
});

/** `GET /v1/usage/daily`: what the console's usage page shows, in one answer. */
export const UsageReportBody = z.strictObject({
  usage: UsageBody,
  environment: z.enum(ENVIRONMENTS).check(z.meta({ description: 'The sandbox whose keys are reported' })),
  days: z.array(z.iso.date()).check(z.meta({ description: 'The UTC days reported, oldest first' })),
  keys: z
    .array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        start: z.string(),
        status: ApiKeyBody.def.shape.status,
        requests: z.array(z.int().check(z.minimum(0))).check(z.meta({ description: 'Requests per day, one entry per reported day' })),
        total: z.int().check(z.minimum(0)),
      }),
    )
    .check(z.meta({ description: 'The keys of the sandbox that could have been used in the period, newest first' })),
  total: z.int().check(z.minimum(0)),
});

export const SessionBody = z.strictObject({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int().check(z.meta({ description: 'Seconds until the access token expires' })),
  user: z.strictObject({ id: z.string(), email: z.string(), full_name: z.string(), tenant_id: z.string(), created_at: timestamp }),
});

export const SearchResultsBody = z.strictObject({
  data: z.array(
    z.strictObject({
      memory: MemoryBody,
      score: z.number().check(
        z.minimum(0),
        z.maximum(1),
        z.meta({
          description:
            'hybrid: reciprocal rank fusion, 1 = first by meaning and by words; semantic: cosine similarity; lexical: cosine of the stemmed terms',
        }),
      ),
    }),
  ),
  /** The mode that answered (the request's, hybrid by default). */
  mode: z.enum(SEARCH_MODES),
});

export const HealthBody = z.strictObject({ status: z.literal('ok') });

/** A page of a list; `next_cursor` is null on the last page. */
export function pageOf<T extends z.core.$ZodType>(item: T) {
  return z.strictObject({ data: z.array(item), next_cursor: z.nullable(z.string()) });
}

export const ErrorResponseBody = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    request_id: z.string(),
    details: z.optional(z.array(z.strictObject({ field: z.string(), issue: z.string() }))),
  }),
});

export const AuditEventBody = z.strictObject({
  id: z.string(),
  type: z.enum(AUDIT_EVENT_TYPES),
  occurred_at: timestamp,
  actor: z
    .strictObject({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.string() })
    .check(z.meta({ description: 'Who acted: an owner (user id), an API key (key id) or an operator script' })),
  key_id: z.nullable(z.string()).check(z.meta({ description: 'The API key the event is about' })),
  environment: z.nullable(z.enum(ENVIRONMENTS)).check(z.meta({ description: "The key's sandbox; null for account events" })),
  source_ip: z.nullable(z.string()),
  user_agent: z.nullable(z.string()),
  details: z
    .record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]))
    .check(z.meta({ description: 'Names, ids, tiers and counts; never a key, hash, password or token' })),
});

export type MemoryView = z.output<typeof MemoryBody>;
export type AuditEventView = z.output<typeof AuditEventBody>;
export type ApiKeyView = z.output<typeof ApiKeyBody>;
export type KeyUsageView = z.output<typeof KeyUsageBody>;
export type UsageView = z.output<typeof UsageBody>;
export type UsageReportView = z.output<typeof UsageReportBody>;
export type SessionView = z.output<typeof SessionBody>;
export type SearchResultsView = z.output<typeof SearchResultsBody>;

/** `GET /v1/openapi.json` answers with the OpenAPI document itself. */
export const OpenApiDocumentBody = z.looseObject({ openapi: z.literal('3.1.0') });
