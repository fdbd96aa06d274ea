import createClient, { type Client } from 'openapi-fetch';
import { MemoryApiError } from './errors.js';
import type { components, operations, paths } from './generated/openapi.js';
import { PagePromise, type Page } from './pages.js';
import { Transport, type RateLimit } from './transport.js';

type Schemas = components['schemas'];
export type Memory = Schemas['Memory'];
export type MemoryType = Memory['type'];
export type SearchResults = Schemas['SearchResults'];
export type ApiKey = Schemas['ApiKey'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type KeyUsage = Schemas['KeyUsage'];
export type Usage = Schemas['Usage'];
export type UsageReport = Schemas['UsageReport'];
export type Session = Schemas['Session'];
export type CreateMemoryInput = Schemas['CreateMemoryRequest'];
export type UpdateMemoryInput = Schemas['UpdateMemoryRequest'];
export type SearchMemoriesInput = Schemas['SearchMemoriesRequest'];
export type CreateApiKeyInput = Schemas['CreateApiKeyRequest'];
export type RotateApiKeyInput = Schemas['RotateApiKeyRequest'];
export type RegisterInput = Schemas['RegisterRequest'];
export type LoginInput = Schemas['LoginRequest'];

type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;
/** `metadata` filters on exact values (sent as `metadata.<key>=<value>`; several are ANDed). */
export type ListMemoriesQuery = Omit<QueryOf<'listMemories'>, 'cursor'> & { metadata?: Record<string, string | number | boolean> };
export type ListApiKeysQuery = Omit<QueryOf<'listKeys'>, 'cursor'>;
export type KeyUsageQuery = QueryOf<'keyUsage'>;
export type UsageReportQuery = QueryOf<'usageReport'>;
export type AuditEvent = Schemas['AuditEventPage']['data'][number];
export type ListAuditEventsQuery = Omit<QueryOf<'listAuditEvents'>, 'cursor'>;

export interface MemoryClientOptions {
  /** An API key (sent as `X-API-Key`); default `MEMORY_API_KEY` unless a token is given. */
  readonly apiKey?: string;
  /** An access token from `auth.register` / `auth.login` or a trusted identity provider (sent as `Authorization: Bearer`). */
  readonly token?: string;
  /** Default `MEMORY_API_URL`, else `http://localhost:3000` (`npm start`). */
  readonly baseUrl?: string;
  /** The sandbox an owner token acts in (`X-Environment`); a key acts in its own. */
  readonly environment?: 'live' | 'test';
  /** Retries after a 429 or 503 (never for a request that is not safe to send twice). @default 2 */
  readonly maxRetries?: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown at once. @default 60000 */
  readonly maxRetryDelayMs?: number;
  /**
   * How long one attempt may take before it fails with a `MemoryNetworkError` of code `TIMEOUT`
   * (each retry gets its own); 0 waits for ever. @default 30000
   */
  readonly timeoutMs?: number;
  /** Sends each request (always a `Request`). @default globalThis.fetch */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** How the client waits before a retry (a test can move a fake clock instead). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_BASE_URL = 'http://localhost:3000';
/** API Gateway ends an integration at 29 s, so an answer that has not come by 30 s will not come. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** What openapi-fetch resolves to: data on a 2xx, the parsed error body otherwise. */
interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw MemoryApiError.from(response, error);
  return data as T;
}

/**
 * A client of the Agent Memory API. Every method returns the answer's body, or throws a
 * `MemoryApiError` with the API's status, code, message, request id and details (a
 * `MemoryNetworkError`, status 0, when no answer came).
 */
export class MemoryClient {
  readonly memories;
  readonly keys;
  readonly auth;
  readonly audit;
  private readonly api: Client<paths>;
  private readonly transport: Transport;

  constructor(options: MemoryClientOptions = {}) {
    const env = globalThis.process?.env ?? {};
    if (options.apiKey !== undefined && options.token !== undefined) throw new TypeError('Give an apiKey or a token, not both');
    const apiKey = options.apiKey ?? (options.token === undefined ? env.MEMORY_API_KEY : undefined);
    const headers: Record<string, string> = {};
    if (apiKey) headers['X-API-Key'] = apiKey;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.environment) headers['X-Environment'] = options.environment;
    const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.transport = new Transport({
      maxRetries: options.maxRetries ?? 2,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    });
    const baseUrl = (options.baseUrl ?? env.MEMORY_API_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const api = createClient<paths>({ baseUrl, headers, fetch: this.transport.fetcher() });
    this.api = api;
    const id = (value: string) => ({ path: { id: value } });

    this.memories = {
      /** Sends a random `Idempotency-Key` unless one is given (or `false`), so a retried create never stores twice. */
      create: (body: CreateMemoryInput, options: { idempotencyKey?: string | false } = {}): Promise<Memory> => {
        const key = options.idempotencyKey === false ? undefined : (options.idempotencyKey ?? globalThis.crypto.randomUUID());
        return unwrap(api.POST('/v1/memories', { body, params: { header: key === undefined ? {} : { 'Idempotency-Key': key } } }));
      },
      get: (memoryId: string): Promise<Memory> => unwrap(api.GET('/v1/memories/{id}', { params: id(memoryId) })),
      /** `await` it for the first page, `for await` over it for every memory. */
      list: (query: ListMemoriesQuery = {}): PagePromise<Memory> => {
        const { metadata, ...rest } = query;
        const filters = Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [`metadata.${key}`, String(value)]));
        return new PagePromise((cursor) =>
          unwrap<Page<Memory>>(api.GET('/v1/memories', { params: { query: { ...rest, ...filters, ...(cursor ? { cursor } : {}) } } })),
        );
      },
      update: (memoryId: string, body: UpdateMemoryInput): Promise<Memory> =>
        unwrap(api.PATCH('/v1/memories/{id}', { params: id(memoryId), body })),
      delete: async (memoryId: string): Promise<void> => {
        await unwrap(api.DELETE('/v1/memories/{id}', { params: id(memoryId) }));
      },
      /** A search changes nothing, so it is retried like a GET. */
      search: (body: SearchMemoriesInput): Promise<SearchResults> =>
        unwrap(api.POST('/v1/memories/search', { body, fetch: this.transport.fetcher(true) })),
    };

    this.keys = {
      create: (body: CreateApiKeyInput): Promise<CreatedApiKey> => unwrap(api.POST('/v1/api-keys', { body })),
      /** `await` it for the first page, `for await` over it for every key. */
      list: (query: ListApiKeysQuery = {}): PagePromise<ApiKey> =>
        new PagePromise((cursor) =>
          unwrap<Page<ApiKey>>(api.GET('/v1/api-keys', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } })),
        ),
      get: (keyId: string): Promise<ApiKey> => unwrap(api.GET('/v1/api-keys/{id}', { params: id(keyId) })),
      revoke: (keyId: string): Promise<ApiKey> => unwrap(api.DELETE('/v1/api-keys/{id}', { params: id(keyId) })),
      rotate: (keyId: string, body: RotateApiKeyInput = {}): Promise<CreatedApiKey> =>
        unwrap(api.POST('/v1/api-keys/{id}/rotate', { params: id(keyId), body })),
      usage: (keyId: string, query: KeyUsageQuery = {}): Promise<KeyUsage> =>
        unwrap(api.GET('/v1/api-keys/{id}/usage', { params: { ...id(keyId), query } })),
    };

    this.audit = {
      /** Newest first; `await` it for the first page, `for await` over it for every event. */
      list: (query: ListAuditEventsQuery = {}): PagePromise<AuditEvent> =>
        new PagePromise((cursor) =>
          unwrap<Page<AuditEvent>>(api.GET('/v1/audit-events', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } })),
        ),
    };

    this.auth = {
      /** Creates a tenant and its owner; the session's `access_token` acts as the owner for an hour. */
      register: (body: RegisterInput): Promise<Session> => unwrap(api.POST('/v1/auth/register', { body })),
      login: (body: LoginInput): Promise<Session> => unwrap(api.POST('/v1/auth/login', { body })),
    };
  }

  /** The tenant's usage and limits. */
  usage(): Promise<Usage> {
    return unwrap(this.api.GET('/v1/usage'));
  }

  /** The tenant's usage and the requests per day of each key of the sandbox, in one request (keys:manage). */
  usageReport(query: UsageReportQuery = {}): Promise<UsageReport> {
    return unwrap(this.api.GET('/v1/usage/daily', { params: { query } }));
  }

  /** The rate-limit headers of the last answer that carried them (undefined before the first). */
  get lastRateLimit(): RateLimit | undefined {
    return this.transport.lastRateLimit;
  }
}
