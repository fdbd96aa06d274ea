/* Generated from docs/openapi.json by `npm run openapi`: do not edit. */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health check
     * @description No credentials.
     */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This OpenAPI document
     * @description Generated from the route table and the schemas the handlers validate with.
     *
     *     No credentials.
     */
    get: operations['openApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign up
     * @description Creates a tenant on the default tier and its owner, and returns a 1-hour access token that acts as the owner. Emails compare case-insensitively.
     *
     *     No credentials.
     */
    post: operations['register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Log in
     * @description Returns a new 1-hour access token. A wrong email and a wrong password get the same answer; an email gets five attempts per 15 minutes until one succeeds.
     *
     *     No credentials.
     */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List API keys
     * @description Newest first. A test key sees test keys only.
     *
     *     Needs scope `keys:manage`.
     */
    get: operations['listKeys'];
    put?: never;
    /**
     * Create an API key
     * @description Scopes may use the aliases `read`, `write`, `delete` and `admin`; keys are stored and shown with canonical names. A key never grants a scope it does not hold, a test key never creates a live key, and a key never outlives its creator.
     *
     *     Needs scope `keys:manage`.
     */
    post: operations['createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get an API key
     * @description Needs scope `keys:manage`.
     */
    get: operations['getKey'];
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description Revoking again answers the same. A revoked key stops working within the authorizer cache time (10 s by default).
     *
     *     Needs scope `keys:manage`.
     */
    delete: operations['revokeKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an API key
     * @description Creates a replacement with the same name, environment and scopes; the old key keeps working for the grace period. A key is rotated once.
     *
     *     Needs scope `keys:manage`.
     */
    post: operations['rotateKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Requests of one API key per day
     * @description Needs scope `keys:manage`.
     */
    get: operations['keyUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Usage and limits of the tenant
     * @description Needs any valid credential, and spends no credit.
     *
     *     Needs any valid credential (no scope).
     */
    get: operations['tenantUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/usage/daily': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Usage of the tenant and requests per day of its keys
     * @description The tenant usage of `GET /v1/usage`, and the requests per UTC day of each key of the sandbox the credential acts in (an owner token picks it with `X-Environment`), in one request: the newest 100 keys, without those that ended before the period. Spends no credit.
     *
     *     Needs scope `keys:manage`.
     */
    get: operations['usageReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List audit events
     * @description Newest first, kept 90 days: key created, rotated, revoked, and an expired key used (at most once per key per 5 minutes); login succeeded, failed and locked (for existing accounts); tier changed. A test key sees the events of test keys only; `environment` picks the key events of one sandbox, with the account events (sign-ins, tier changes).
     *
     *     Needs scope `keys:manage`.
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/memories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List memories
     * @description Newest first, in the sandbox of the credential (live or test).
     *
     *     `metadata.<key>=<value>` filters on exact metadata values (several are ANDed, at most 10); the value matches a string, or a number or boolean it spells.
     *
     *     Needs scope `memories:read`.
     */
    get: operations['listMemories'];
    put?: never;
    /**
     * Store a memory
     * @description With an `Idempotency-Key`, a retried request returns the first result (with `Idempotent-Replayed: true`) instead of storing a duplicate; the same key with another body is 422.
     *
     *     Needs scope `memories:write`.
     */
    post: operations['createMemory'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/memories/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Search memories
     * @description Lexical relevance (BM25), scores in [0, 1], best first, ties to the newer memory; a memory that shares no term with the query is not returned. At most 30 searches a minute per tenant.
     *
     *     Needs scope `memories:read`. At most 30 requests a minute per tenant on this route.
     */
    post: operations['searchMemories'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/memories/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a memory
     * @description Needs scope `memories:read`.
     */
    get: operations['getMemory'];
    put?: never;
    post?: never;
    /**
     * Delete a memory
     * @description Needs scope `memories:delete`.
     */
    delete: operations['deleteMemory'];
    options?: never;
    head?: never;
    /**
     * Update a memory
     * @description Any of `content`, `type`, `metadata`; metadata replaces the old map.
     *
     *     Needs scope `memories:write`.
     */
    patch: operations['updateMemory'];
    trace?: never;
  };
  '/v1/mcp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * MCP server-sent stream (not offered)
     * @description The server is stateless and sends nothing unasked, so it offers no stream to listen to: 405, as Streamable HTTP allows.
     *
     *     No credentials.
     */
    get: operations['mcpStream'];
    put?: never;
    /**
     * MCP server (Streamable HTTP, stateless)
     * @description JSON-RPC 2.0 messages of the Model Context Protocol, answered in JSON (no SSE stream, no session). Send `Accept: application/json, text/event-stream`, and after `initialize` the negotiated `MCP-Protocol-Version`. See docs/mcp.md.
     *
     *     Tools mirror the memory routes and `GET /v1/usage`: `tools/list` lists the tools the credential may call, and each tool call is scoped, charged and limited as its route; a refusal (scope, validation, rate limit with the seconds to wait) is a tool result with `isError: true`. A request without a tool call (`initialize`, `tools/list`, `ping`, notifications) spends no credit and counts against the management budget of the credential.
     *
     *     Malformed JSON-RPC gets a JSON-RPC error: 400 for a body that is not JSON or not JSON-RPC, 200 for an unknown method or invalid params.
     *
     *     Needs any valid credential (no scope).
     */
    post: operations['mcpMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    RegisterRequest: {
      /** Format: email */
      email: string;
      password: string;
      full_name: string;
    };
    LoginRequest: {
      email: string;
      password: string;
    };
    CreateApiKeyRequest: {
      name: string;
      /** @enum {string} */
      environment?: 'live' | 'test';
      scopes?: string[];
      expires_in_days?: number;
      tenant_id?: string;
      tenantId?: string;
    };
    RotateApiKeyRequest: {
      /** @default 86400 */
      grace_period_seconds?: number;
      tenant_id?: string;
      tenantId?: string;
    };
    CreateMemoryRequest: {
      content: string;
      /**
       * @default episodic
       * @enum {string}
       */
      type?: 'episodic' | 'semantic' | 'procedural' | 'working';
      metadata?: {
        [key: string]: string | number | boolean;
      };
      tenant_id?: string;
      tenantId?: string;
    };
    SearchMemoriesRequest: {
      query: string;
      /** @default 10 */
      limit?: number;
      /** @enum {string} */
      type?: 'episodic' | 'semantic' | 'procedural' | 'working';
      metadata?: {
        [key: string]: string | number | boolean;
      };
      tenant_id?: string;
      tenantId?: string;
    };
    /** @description Give at least one of content, type, metadata */
    UpdateMemoryRequest: {
      content?: string;
      /** @enum {string} */
      type?: 'episodic' | 'semantic' | 'procedural' | 'working';
      metadata?: {
        [key: string]: string | number | boolean;
      };
      tenant_id?: string;
      tenantId?: string;
    };
    McpRequest:
      | ({
          /** @constant */
          jsonrpc: '2.0';
          /** @description Absent for a notification, which gets no answer */
          id?: string | number;
          /** @description `initialize`, `tools/list`, `tools/call`, `ping`, `notifications/initialized`, ... */
          method: string;
          params?: {
            [key: string]: unknown;
          };
        } & {
          [key: string]: unknown;
        })
      | ({
          /** @constant */
          jsonrpc: '2.0';
          /** @description Absent for a notification, which gets no answer */
          id?: string | number;
          /** @description `initialize`, `tools/list`, `tools/call`, `ping`, `notifications/initialized`, ... */
          method: string;
          params?: {
            [key: string]: unknown;
          };
        } & {
          [key: string]: unknown;
        })[];
    Error: {
      error: {
        /** @enum {string} */
        code:
          | 'VALIDATION_ERROR'
          | 'AUTH_REQUIRED'
          | 'INVALID_CREDENTIALS'
          | 'INSUFFICIENT_SCOPE'
          | 'TENANT_MISMATCH'
          | 'KEY_LIMIT_REACHED'
          | 'ENVIRONMENT_FORBIDDEN'
          | 'TIER_UNAVAILABLE'
          | 'REQUEST_BLOCKED'
          | 'NOT_FOUND'
          | 'METHOD_NOT_ALLOWED'
          | 'EMAIL_TAKEN'
          | 'IDEMPOTENCY_KEY_REUSED'
          | 'PAYLOAD_TOO_LARGE'
          | 'UNSUPPORTED_MEDIA_TYPE'
          | 'REQUEST_HEADERS_TOO_LARGE'
          | 'RATE_LIMIT_EXCEEDED'
          | 'QUOTA_EXCEEDED'
          | 'TOO_MANY_ATTEMPTS'
          | 'INTERNAL_ERROR'
          | 'SERVICE_UNAVAILABLE'
          | 'GATEWAY_TIMEOUT';
        message: string;
        request_id: string;
        details?: {
          field: string;
          issue: string;
        }[];
      };
    };
    Health: {
      /** @constant */
      status: 'ok';
    };
    OpenApiDocument: {
      /** @constant */
      openapi: '3.1.0';
    } & {
      [key: string]: unknown;
    };
    Session: {
      access_token: string;
      /** @constant */
      token_type: 'Bearer';
      /** @description Seconds until the access token expires */
      expires_in: number;
      user: {
        id: string;
        email: string;
        full_name: string;
        tenant_id: string;
        /** Format: date-time */
        created_at: string;
      };
    };
    CreatedApiKey: {
      id: string;
      name: string;
      /** @enum {string} */
      environment: 'live' | 'test';
      scopes: ('memories:read' | 'memories:write' | 'memories:delete' | 'keys:manage')[];
      /** @description The first characters of the key, to recognise it */
      start: string;
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      /** Format: date-time */
      created_at: string;
      expires_at: string | null;
      last_used_at: string | null;
      revoked_at: string | null;
      /** @description The id of the key this one replaced at rotation */
      replaces: string | null;
      /** @description The id of the key that replaced this one at rotation; it works until `expires_at` (the grace period) */
      replaced_by: string | null;
      /** @description The plaintext key, shown once */
      key: string;
    };
    ApiKeyPage: {
      data: components['schemas']['ApiKey'][];
      next_cursor: string | null;
    };
    ApiKey: {
      id: string;
      name: string;
      /** @enum {string} */
      environment: 'live' | 'test';
      scopes: ('memories:read' | 'memories:write' | 'memories:delete' | 'keys:manage')[];
      /** @description The first characters of the key, to recognise it */
      start: string;
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      /** Format: date-time */
      created_at: string;
      expires_at: string | null;
      last_used_at: string | null;
      revoked_at: string | null;
      /** @description The id of the key this one replaced at rotation */
      replaces: string | null;
      /** @description The id of the key that replaced this one at rotation; it works until `expires_at` (the grace period) */
      replaced_by: string | null;
    };
    KeyUsage: {
      key_id: string;
      days: {
        /** Format: date */
        date: string;
        requests: number;
      }[];
      total: number;
    };
    Usage: {
      tenant_id: string;
      tier: string;
      period: {
        /** Format: date-time */
        start: string;
        /** Format: date-time */
        end: string;
      };
      credits: {
        /** @description Credits a month; null when unlimited */
        limit: number | null;
        used: number;
        /** @description Credits left this month; null when unlimited */
        remaining: number | null;
      };
      rate_limit: {
        requests_per_minute: number;
        burst: number;
      };
      keys: {
        active: number;
        /** @description Active keys allowed; null when unlimited */
        limit: number | null;
      };
    };
    UsageReport: {
      usage: components['schemas']['Usage'];
      /**
       * @description The sandbox whose keys are reported
       * @enum {string}
       */
      environment: 'live' | 'test';
      /** @description The UTC days reported, oldest first */
      days: string[];
      /** @description The keys of the sandbox that could have been used in the period, newest first */
      keys: {
        id: string;
        name: string;
        start: string;
        /** @enum {string} */
        status: 'active' | 'expired' | 'revoked';
        /** @description Requests per day, one entry per reported day */
        requests: number[];
        total: number;
      }[];
      total: number;
    };
    AuditEventPage: {
      data: {
        id: string;
        /** @enum {string} */
        type:
          | 'key.created'
          | 'key.rotated'
          | 'key.revoked'
          | 'key.expired_used'
          | 'login.succeeded'
          | 'login.failed'
          | 'login.locked'
          | 'tier.changed';
        /** Format: date-time */
        occurred_at: string;
        /** @description Who acted: an owner (user id), an API key (key id) or an operator script */
        actor: {
          /** @enum {string} */
          type: 'user' | 'key' | 'operator';
          id: string;
        };
        /** @description The API key the event is about */
        key_id: string | null;
        /** @description The key's sandbox; null for account events */
        environment: ('live' | 'test') | null;
        source_ip: string | null;
        user_agent: string | null;
        /** @description Names, ids, tiers and counts; never a key, hash, password or token */
        details: {
          [key: string]: string | number | string[] | null;
        };
      }[];
      next_cursor: string | null;
    };
    Memory: {
      id: string;
      content: string;
      /** @enum {string} */
      type: 'episodic' | 'semantic' | 'procedural' | 'working';
      metadata: {
        [key: string]: string | number | boolean;
      };
      /** @enum {string} */
      environment: 'live' | 'test';
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    MemoryPage: {
      data: components['schemas']['Memory'][];
      next_cursor: string | null;
    };
    SearchResults: {
      data: {
        memory: components['schemas']['Memory'];
        score: number;
      }[];
      complete: boolean;
    };
    McpResponse:
      | (
          | {
              /** @constant */
              jsonrpc: '2.0';
              id: string | number;
              result: {
                [key: string]: unknown;
              };
            }
          | components['schemas']['JsonRpcError']
        )
      | (
          | {
              /** @constant */
              jsonrpc: '2.0';
              id: string | number;
              result: {
                [key: string]: unknown;
              };
            }
          | components['schemas']['JsonRpcError']
        )[];
    JsonRpcError: {
      /** @constant */
      jsonrpc: '2.0';
      id: (string | number) | null;
      error: {
        /** @description -32700 parse error, -32600 invalid request, -32601 unknown method, -32602 invalid params, -32603 internal */
        code: number;
        message: string;
        data?: unknown;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The request id (the API Gateway request id), which error bodies repeat as `request_id` and every log line carries. */
    'X-Request-Id': string;
    /** @description The same request id, set by API Gateway on every answer, its own included. */
    'x-amzn-RequestId': string;
    /** @description Requests per minute of the tier. */
    'X-RateLimit-Limit': number;
    /** @description Requests left in this minute window. */
    'X-RateLimit-Remaining': number;
    /** @description Unix seconds when the minute window resets. */
    'X-RateLimit-Reset': number;
    /** @description Credits a month; absent where the tier is unlimited. */
    'X-Credits-Limit': number;
    /** @description Credits left this month; absent where the tier is unlimited. */
    'X-Credits-Remaining': number;
    /** @description Seconds to wait before trying again. */
    'Retry-After': number;
    /** @description The same value as `Retry-After`. */
    'X-RateLimit-Retry-After': number;
    /** @description Present when the answer is the replay of an earlier request with the same `Idempotency-Key`. */
    'Idempotent-Replayed': 'true';
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API is up */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  openApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI 3.1 document */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenApiDocument'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterRequest'];
      };
    };
    responses: {
      /** @description The new owner and an access token */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `EMAIL_TAKEN` */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'EMAIL_TAKEN';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description The owner and an access token */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Session'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INVALID_CREDENTIALS` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INVALID_CREDENTIALS';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `TOO_MANY_ATTEMPTS` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'TOO_MANY_ATTEMPTS';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  listKeys: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        environment?: 'live' | 'test';
        status?: 'active' | 'expired' | 'revoked';
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of keys */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPage'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  createKey: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyRequest'];
      };
    };
    responses: {
      /** @description The key, with its plaintext shown this once */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKey'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `KEY_LIMIT_REACHED`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?:
                | 'INSUFFICIENT_SCOPE'
                | 'TENANT_MISMATCH'
                | 'KEY_LIMIT_REACHED'
                | 'ENVIRONMENT_FORBIDDEN'
                | 'TIER_UNAVAILABLE'
                | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  getKey: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key, without its plaintext */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  revokeKey: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  rotateKey: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RotateApiKeyRequest'];
      };
    };
    responses: {
      /** @description The replacement, with its plaintext shown this once */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKey'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `KEY_LIMIT_REACHED`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?:
                | 'INSUFFICIENT_SCOPE'
                | 'TENANT_MISMATCH'
                | 'KEY_LIMIT_REACHED'
                | 'ENVIRONMENT_FORBIDDEN'
                | 'TIER_UNAVAILABLE'
                | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  keyUsage: {
    parameters: {
      query?: {
        days?: number;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One entry per day, oldest first, zero days included */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyUsage'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  tenantUsage: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Credits, rate limit and keys of the tenant */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Usage'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  usageReport: {
    parameters: {
      query?: {
        days?: number;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Usage, and one entry per key with its daily requests */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UsageReport'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        type?:
          | 'key.created'
          | 'key.rotated'
          | 'key.revoked'
          | 'key.expired_used'
          | 'login.succeeded'
          | 'login.failed'
          | 'login.locked'
          | 'tier.changed';
        key_id?: string;
        environment?: 'live' | 'test';
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit events */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPage'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  listMemories: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        type?: 'episodic' | 'semantic' | 'procedural' | 'working';
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of memories */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemoryPage'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  createMemory: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description Makes a retried request return the first result for 24 hours instead of creating a duplicate */
        'Idempotency-Key'?: string;
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMemoryRequest'];
      };
    };
    responses: {
      /** @description The stored memory (or the first one, replayed) */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Memory'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `IDEMPOTENCY_KEY_REUSED` */
      422: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'IDEMPOTENCY_KEY_REUSED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  searchMemories: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SearchMemoriesRequest'];
      };
    };
    responses: {
      /** @description The best matches */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResults'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  getMemory: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The memory */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Memory'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  deleteMemory: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  updateMemory: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path: {
        /** @description A malformed or unknown id, or one of another tenant or sandbox, is 404. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMemoryRequest'];
      };
    };
    responses: {
      /** @description The updated memory */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Memory'];
        };
      };
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  mcpStream: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `VALIDATION_ERROR` */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'VALIDATION_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `METHOD_NOT_ALLOWED` */
      405: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'METHOD_NOT_ALLOWED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'UNSUPPORTED_MEDIA_TYPE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
  mcpMessages: {
    parameters: {
      query?: {
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenant_id?: string;
        /** @description Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise). */
        tenantId?: string;
      };
      header?: {
        /** @description The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403. */
        'X-Environment'?: 'live' | 'test';
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['McpRequest'];
      };
    };
    responses: {
      /** @description The JSON-RPC answers to the requests sent */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['McpResponse'];
        };
      };
      /** @description Accepted: the body held only notifications or responses */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION_ERROR`; A JSON-RPC parse or invalid-request error */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | ({
                error?: {
                  /** @enum {unknown} */
                  code?: 'VALIDATION_ERROR';
                };
              } & components['schemas']['Error'])
            | components['schemas']['JsonRpcError'];
        };
      };
      /** @description `AUTH_REQUIRED` */
      401: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'AUTH_REQUIRED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INSUFFICIENT_SCOPE`, `TENANT_MISMATCH`, `ENVIRONMENT_FORBIDDEN`, `TIER_UNAVAILABLE`, `REQUEST_BLOCKED` */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INSUFFICIENT_SCOPE' | 'TENANT_MISMATCH' | 'ENVIRONMENT_FORBIDDEN' | 'TIER_UNAVAILABLE' | 'REQUEST_BLOCKED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `NOT_FOUND` */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'NOT_FOUND';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description The `Accept` header does not name both `application/json` and `text/event-stream` */
      406: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JsonRpcError'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'PAYLOAD_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE`; A JSON-RPC error for a content type the MCP transport does not take */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | ({
                error?: {
                  /** @enum {unknown} */
                  code?: 'UNSUPPORTED_MEDIA_TYPE';
                };
              } & components['schemas']['Error'])
            | components['schemas']['JsonRpcError'];
        };
      };
      /** @description `RATE_LIMIT_EXCEEDED`, `QUOTA_EXCEEDED` */
      429: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'RATE_LIMIT_EXCEEDED' | 'QUOTA_EXCEEDED';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `REQUEST_HEADERS_TOO_LARGE` */
      431: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'REQUEST_HEADERS_TOO_LARGE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `INTERNAL_ERROR` */
      500: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'INTERNAL_ERROR';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          'Retry-After': components['headers']['Retry-After'];
          'X-RateLimit-Retry-After': components['headers']['X-RateLimit-Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'SERVICE_UNAVAILABLE';
            };
          } & components['schemas']['Error'];
        };
      };
      /** @description `GATEWAY_TIMEOUT` */
      504: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          'x-amzn-RequestId': components['headers']['x-amzn-RequestId'];
          'X-RateLimit-Limit': components['headers']['X-RateLimit-Limit'];
          'X-RateLimit-Remaining': components['headers']['X-RateLimit-Remaining'];
          'X-RateLimit-Reset': components['headers']['X-RateLimit-Reset'];
          'X-Credits-Limit': components['headers']['X-Credits-Limit'];
          'X-Credits-Remaining': components['headers']['X-Credits-Remaining'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            error?: {
              /** @enum {unknown} */
              code?: 'GATEWAY_TIMEOUT';
            };
          } & components['schemas']['Error'];
        };
      };
    };
  };
}
