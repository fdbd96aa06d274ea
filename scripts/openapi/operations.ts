import type * as z from 'zod/mini';
import { CreateKeyBody, ListQuery as ListKeysQuery, RotateBody, UsageQuery } from '../../lambda/handlers/api-key-bodies';
import { LoginBody, RegisterBody } from '../../lambda/handlers/auth';
import { AuditQuery } from '../../lambda/handlers/audit';
import { JsonRpcErrorBody, McpRequestBody, McpResponseBody } from '../../lambda/mcp/json-rpc-bodies';
import { CreateBody, IdempotencyKey, ListQuery as ListMemoriesQuery, SearchBody, UpdateBody } from '../../lambda/handlers/memories';
import {
  ApiKeyBody,
  AuditEventBody,
  CreatedApiKeyBody,
  HealthBody,
  KeyUsageBody,
  MemoryBody,
  OpenApiDocumentBody,
  SearchResultsBody,
  SessionBody,
  UsageBody,
  UsageReportBody,
  pageOf,
} from '../../lambda/handlers/response-bodies';
import { UsageReportQuery } from '../../lambda/handlers/usage-report';
import type { IdPrefix } from '../../lambda/domain/ids';
import type { Route } from '../../lambda/shared/routes';

/** A schema that becomes `#/components/schemas/<name>` in the document. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: z.core.$ZodType;
}

export type Tag = 'System' | 'Auth' | 'API keys' | 'Usage' | 'Memories' | 'Audit' | 'MCP';

/** A response header of ours that an operation's success answer adds to the ones every answer carries. */
export type OperationHeader = 'Idempotent-Replayed';

/**
 * What the route table does not say about an operation: its words, and the schemas its handler
 * validates with (imported from the handler, never copied) and answers with. Keyed by operation,
 * so a route without an entry here is a type error.
 */
export interface OperationDoc {
  readonly summary: string;
  readonly description?: string;
  readonly tag: Tag;
  readonly requestBody?: NamedSchema & { readonly required: boolean };
  /** The handler's query schema (a strict object; its fields become query parameters). */
  readonly query?: z.core.$ZodType;
  /** Query parameters the schema cannot name (a prefix followed by any key), described in words. */
  readonly dynamicQuery?: string;
  /** The kind of id in the `{id}` path parameter. */
  readonly pathId?: IdPrefix;
  readonly headerParameters?: readonly { readonly name: string; readonly schema: z.core.$ZodType; readonly description: string }[];
  /** Absent for a route that only refuses (`GET /v1/mcp`). */
  readonly success?: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    readonly body?: NamedSchema;
    readonly headers?: readonly OperationHeader[];
  };
  /** Answers besides the success and the API's errors (MCP's JSON-RPC answers); where an error has the same status, either body. */
  readonly otherResponses?: readonly { readonly status: number; readonly description: string; readonly body?: NamedSchema }[];
}

export type OperationName = Route['operation'];

const named = (name: string, schema: z.core.$ZodType): NamedSchema => ({ name, schema });
const Memory = named('Memory', MemoryBody);
const ApiKey = named('ApiKey', ApiKeyBody);
const CreatedApiKey = named('CreatedApiKey', CreatedApiKeyBody);
const Session = named('Session', SessionBody);

export const OPERATION_DOCS: Readonly<Record<OperationName, OperationDoc>> = {
  health: {
    summary: 'Health check',
    tag: 'System',
    success: { status: 200, description: 'The API is up', body: named('Health', HealthBody) },
  },
  openApiDocument: {
    summary: 'This OpenAPI document',
    description: 'Generated from the route table and the schemas the handlers validate with.',
    tag: 'System',
    success: { status: 200, description: 'The OpenAPI 3.1 document', body: named('OpenApiDocument', OpenApiDocumentBody) },
  },
  register: {
    summary: 'Sign up',
    description:
      'Creates a tenant on the default tier and its owner, and returns a 1-hour access token that acts as the owner. Emails compare case-insensitively.',
    tag: 'Auth',
    requestBody: { ...named('RegisterRequest', RegisterBody), required: true },
    success: { status: 201, description: 'The new owner and an access token', body: Session },
  },
  login: {
    summary: 'Log in',
    description:
      'Returns a new 1-hour access token. A wrong email and a wrong password get the same answer; an email gets five attempts per 15 minutes until one succeeds.',
    tag: 'Auth',
    requestBody: { ...named('LoginRequest', LoginBody), required: true },
    success: { status: 200, description: 'The owner and an access token', body: Session },
  },
  createKey: {
    summary: 'Create an API key',
    description:
      'Scopes may use the aliases `read`, `write`, `delete` and `admin`; keys are stored and shown with canonical names. A key never grants a scope it does not hold, a test key never creates a live key, and a key never outlives its creator.',
    tag: 'API keys',
    requestBody: { ...named('CreateApiKeyRequest', CreateKeyBody), required: true },
    success: { status: 201, description: 'The key, with its plaintext shown this once', body: CreatedApiKey },
  },
  listKeys: {
    summary: 'List API keys',
    description: 'Newest first. A test key sees test keys only.',
    tag: 'API keys',
    query: ListKeysQuery,
    success: { status: 200, description: 'A page of keys', body: named('ApiKeyPage', pageOf(ApiKeyBody)) },
  },
  getKey: {
    summary: 'Get an API key',
    tag: 'API keys',
    pathId: 'key',
    success: { status: 200, description: 'The key, without its plaintext', body: ApiKey },
  },
  revokeKey: {
    summary: 'Revoke an API key',
    description: 'Revoking again answers the same. A revoked key stops working within the authorizer cache time (10 s by default).',
    tag: 'API keys',
    pathId: 'key',
    success: { status: 200, description: 'The revoked key', body: ApiKey },
  },
  rotateKey: {
    summary: 'Rotate an API key',
    description:
      'Creates a replacement with the same name, environment and scopes; the old key keeps working for the grace period. A key is rotated once.',
    tag: 'API keys',
    pathId: 'key',
    requestBody: { ...named('RotateApiKeyRequest', RotateBody), required: false },
    success: { status: 201, description: 'The replacement, with its plaintext shown this once', body: CreatedApiKey },
  },
  keyUsage: {
    summary: 'Requests of one API key per day',
    tag: 'API keys',
    pathId: 'key',
    query: UsageQuery,
    success: { status: 200, description: 'One entry per day, oldest first, zero days included', body: named('KeyUsage', KeyUsageBody) },
  },
  tenantUsage: {
    summary: 'Usage and limits of the tenant',
    description: 'Needs any valid credential, and spends no credit.',
    tag: 'Usage',
    success: { status: 200, description: 'Credits, rate limit and keys of the tenant', body: named('Usage', UsageBody) },
  },
  usageReport: {
    summary: 'Usage of the tenant and requests per day of its keys',
    description:
      'The tenant usage of `GET /v1/usage`, and the requests per UTC day of each key of the sandbox the credential acts in (an owner token picks it with `X-Environment`), in one request: the newest 100 keys, without those that ended before the period. Spends no credit.',
    tag: 'Usage',
    query: UsageReportQuery,
    success: {
      status: 200,
      description: 'Usage, and one entry per key with its daily requests',
      body: named('UsageReport', UsageReportBody),
    },
  },
  listAuditEvents: {
    summary: 'List audit events',
    description:
      'Newest first, kept 90 days: key created, rotated, revoked, and an expired key used (at most once per key per 5 minutes); login succeeded, failed and locked (for existing accounts); tier changed. A test key sees the events of test keys only; `environment` picks the key events of one sandbox, with the account events (sign-ins, tier changes).',
    tag: 'Audit',
    query: AuditQuery,
    success: { status: 200, description: 'A page of audit events', body: named('AuditEventPage', pageOf(AuditEventBody)) },
  },
  createMemory: {
    summary: 'Store a memory',
    description:
      'With an `Idempotency-Key`, a retried request returns the first result (with `Idempotent-Replayed: true`) instead of storing a duplicate; the same key with another body is 422.',
    tag: 'Memories',
    requestBody: { ...named('CreateMemoryRequest', CreateBody), required: true },
    headerParameters: [
      {
        name: 'Idempotency-Key',
        schema: IdempotencyKey,
        description: 'Makes a retried request return the first result for 24 hours instead of creating a duplicate',
      },
    ],
    success: { status: 201, description: 'The stored memory (or the first one, replayed)', body: Memory, headers: ['Idempotent-Replayed'] },
  },
  listMemories: {
    summary: 'List memories',
    description: 'Newest first, in the sandbox of the credential (live or test).',
    tag: 'Memories',
    query: ListMemoriesQuery,
    dynamicQuery:
      '`metadata.<key>=<value>` filters on exact metadata values (several are ANDed, at most 10); the value matches a string, or a number or boolean it spells.',
    success: { status: 200, description: 'A page of memories', body: named('MemoryPage', pageOf(MemoryBody)) },
  },
  searchMemories: {
    summary: 'Search memories',
    description:
      'Lexical relevance (BM25), scores in [0, 1], best first, ties to the newer memory; a memory that shares no term with the query is not returned. At most 30 searches a minute per tenant.',
    tag: 'Memories',
    requestBody: { ...named('SearchMemoriesRequest', SearchBody), required: true },
    success: { status: 200, description: 'The best matches', body: named('SearchResults', SearchResultsBody) },
  },
  getMemory: {
    summary: 'Get a memory',
    tag: 'Memories',
    pathId: 'mem',
    success: { status: 200, description: 'The memory', body: Memory },
  },
  updateMemory: {
    summary: 'Update a memory',
    description: 'Any of `content`, `type`, `metadata`; metadata replaces the old map.',
    tag: 'Memories',
    pathId: 'mem',
    requestBody: { ...named('UpdateMemoryRequest', UpdateBody), required: true },
    success: { status: 200, description: 'The updated memory', body: Memory },
  },
  deleteMemory: {
    summary: 'Delete a memory',
    tag: 'Memories',
    pathId: 'mem',
    success: { status: 204, description: 'Deleted' },
  },
  mcpMessages: {
    summary: 'MCP server (Streamable HTTP, stateless)',
    description: [
      'JSON-RPC 2.0 messages of the Model Context Protocol, answered in JSON (no SSE stream, no session). Send `Accept: application/json, text/event-stream`, and after `initialize` the negotiated `MCP-Protocol-Version`. See docs/mcp.md.',
      'Tools mirror the memory routes and `GET /v1/usage`: `tools/list` lists the tools the credential may call, and each tool call is scoped, charged and limited as its route; a refusal (scope, validation, rate limit with the seconds to wait) is a tool result with `isError: true`. A request without a tool call (`initialize`, `tools/list`, `ping`, notifications) spends no credit and counts against the management budget of the credential.',
      'Malformed JSON-RPC gets a JSON-RPC error: 400 for a body that is not JSON or not JSON-RPC, 200 for an unknown method or invalid params.',
    ].join('\n\n'),
    tag: 'MCP',
    requestBody: { ...named('McpRequest', McpRequestBody), required: true },
    success: { status: 200, description: 'The JSON-RPC answers to the requests sent', body: named('McpResponse', McpResponseBody) },
    otherResponses: [
      { status: 202, description: 'Accepted: the body held only notifications or responses' },
      { status: 400, description: 'A JSON-RPC parse or invalid-request error', body: named('JsonRpcError', JsonRpcErrorBody) },
      {
        status: 406,
        description: 'The `Accept` header does not name both `application/json` and `text/event-stream`',
        body: named('JsonRpcError', JsonRpcErrorBody),
      },
      {
        status: 415,
        description: 'A JSON-RPC error for a content type the MCP transport does not take',
        body: named('JsonRpcError', JsonRpcErrorBody),
      },
    ],
  },
  mcpStream: {
    summary: 'MCP server-sent stream (not offered)',
    description: 'The server is stateless and sends nothing unasked, so it offers no stream to listen to: 405, as Streamable HTTP allows.',
    tag: 'MCP',
  },
};
