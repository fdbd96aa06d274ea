import * as z from 'zod/mini';
import packageJson from '../../package.json';
import { ErrorResponseBody } from '../../lambda/handlers/response-bodies';
import { tenantFields } from '../../lambda/handlers/tenant-guard';
import { ENVIRONMENTS } from '../../lambda/domain/environments';
import { ERROR_STATUS, type ErrorCode } from '../../lambda/shared/error-codes';
import { idPattern } from '../../lambda/domain/ids';
import { ROUTES, type Route } from '../../lambda/shared/routes';
import { SCOPE_ALIASES } from '../../lambda/domain/scopes';
import { OPERATION_DOCS, type NamedSchema, type OperationDoc, type OperationName, type Tag } from './operations';

type Json = Record<string, unknown>;

/**
 * Where an error code can occur. A code not named here is documented on every route, so a code
 * added to lambda/shared/error-codes.ts reaches the document at once (and can be narrowed here).
 */
const ERROR_OCCURRENCE: Partial<Record<ErrorCode, 'authenticated' | readonly OperationName[]>> = {
  AUTH_REQUIRED: 'authenticated',
  INVALID_CREDENTIALS: ['login'],
  INSUFFICIENT_SCOPE: 'authenticated',
  TENANT_MISMATCH: 'authenticated',
  KEY_LIMIT_REACHED: ['createKey', 'rotateKey'],
  ENVIRONMENT_FORBIDDEN: 'authenticated',
  TIER_UNAVAILABLE: 'authenticated',
  EMAIL_TAKEN: ['register'],
  IDEMPOTENCY_KEY_REUSED: ['createMemory'],
  QUOTA_EXCEEDED: 'authenticated',
  TOO_MANY_ATTEMPTS: ['login'],
  METHOD_NOT_ALLOWED: ['mcpStream'],
};

/** Statuses whose answers say when to try again (error-codes.ts `retryAfterHeaders`). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const integer = { type: 'integer', minimum: 0 };
const HEADERS = {
  'X-Request-Id': {
    description: 'The request id (the API Gateway request id), which error bodies repeat as `request_id` and every log line carries.',
    schema: { type: 'string' },
  },
  'x-amzn-RequestId': {
    description: 'The same request id, set by API Gateway on every answer, its own included.',
    schema: { type: 'string' },
  },
  'X-RateLimit-Limit': { description: 'Requests per minute of the tier.', schema: integer },
  'X-RateLimit-Remaining': { description: 'Requests left in this minute window.', schema: integer },
  'X-RateLimit-Reset': { description: 'Unix seconds when the minute window resets.', schema: integer },
  'X-Credits-Limit': { description: 'Credits a month; absent where the tier is unlimited.', schema: integer },
  'X-Credits-Remaining': { description: 'Credits left this month; absent where the tier is unlimited.', schema: integer },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
  'X-RateLimit-Retry-After': { description: 'The same value as `Retry-After`.', schema: { type: 'integer', minimum: 1 } },
  'Idempotent-Replayed': {
    description: 'Present when the answer is the replay of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
} as const;
type HeaderName = keyof typeof HEADERS;

const EVERY_ANSWER: readonly HeaderName[] = ['X-Request-Id', 'x-amzn-RequestId'];
const RATE_LIMIT: readonly HeaderName[] = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-Credits-Limit',
  'X-Credits-Remaining',
];
const RETRY: readonly HeaderName[] = ['Retry-After', 'X-RateLimit-Retry-After'];

const SECURITY_SCHEMES = {
  ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (`mem_live_...` or `mem_test_...`).' },
  Bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key, an access token from register or login (it acts as the owner), or a token of an identity provider the deployment trusts. If both headers are sent with different values the request is refused (401).',
  },
} as const;

const TAGS: readonly { name: Tag; description: string }[] = [
  { name: 'System', description: 'Health and this document; no credentials.' },
  { name: 'Auth', description: 'Sign up and log in; no credentials.' },
  { name: 'API keys', description: 'Needs scope `keys:manage`.' },
  { name: 'Usage', description: 'Needs any valid credential.' },
  { name: 'Memories', description: 'Needs the `memories:*` scope each route names.' },
  { name: 'Audit', description: 'The audit trail; needs scope `keys:manage`.' },
  { name: 'MCP', description: 'A remote Model Context Protocol server whose tools mirror the memory routes (docs/mcp.md).' },
];

const componentRef = (kind: 'schemas' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The OpenAPI 3.1 document of the API, from the route table, the handlers' schemas, the error codes and the scopes. */
export function buildOpenApiDocument(): Json {
  const requestSchemas = new SchemaSet();
  const responseSchemas = new SchemaSet();
  responseSchemas.add({ name: 'Error', schema: ErrorResponseBody });
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of ROUTES) {
    const doc = OPERATION_DOCS[route.operation];
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, doc, requestSchemas, responseSchemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Agent Memory API',
      version: packageJson.version,
      description: [
        'A memory API for AI agents: store, list, search and update memories per tenant, behind API keys with scopes, live and test sandboxes, and per-tier limits.',
        `Scope aliases accepted at key creation: ${Object.entries(SCOPE_ALIASES)
          .map(([alias, scopes]) => `\`${alias}\` = ${scopes.map((scope) => `\`${scope}\``).join(', ')}`)
          .join('; ')}.`,
        'Every error has the shape of the `Error` schema. Lists are paginated with an opaque `cursor` (`limit` 1–100, default 20).',
      ].join('\n\n'),
    },
    servers: [
      { url: 'http://localhost:3000', description: '`npm start` (PORT changes the port)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'A deployed stage (the `ApiUrl` output of `cdk deploy`)',
        variables: { apiId: { default: 'abcdef1234' }, region: { default: 'us-east-1' }, stage: { default: 'dev' } },
      },
    ],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...requestSchemas.toJsonSchemas('input'), ...responseSchemas.toJsonSchemas('output') },
      headers: HEADERS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

function operation(route: Route, doc: OperationDoc, requests: SchemaSet, responses: SchemaSet): Json {
  const authenticated = route.access !== 'public';
  const scopes = authenticated && route.access !== 'authenticated' ? [route.access] : [];
  const access = !authenticated
    ? 'No credentials.'
    : scopes.length
      ? `Needs scope \`${route.access}\`.`
      : 'Needs any valid credential (no scope).';
  const cap = route.perMinuteCap ? ` At most ${route.perMinuteCap} requests a minute per tenant on this route.` : '';
  return {
    operationId: route.operation,
    summary: doc.summary,
    description: [doc.description, doc.dynamicQuery, `${access}${cap}`].filter(Boolean).join('\n\n'),
    tags: [doc.tag],
    security: authenticated ? [{ ApiKey: scopes }, { Bearer: scopes }] : [],
    ...(scopes.length ? { 'x-required-scope': scopes[0] } : {}),
    parameters: [...pathParameters(route, doc), ...queryParameters(route, doc), ...headerParameters(route, doc)],
    ...(doc.requestBody
      ? {
          requestBody: {
            required: doc.requestBody.required,
            content: { 'application/json': { schema: requests.add(doc.requestBody) } },
          },
        }
      : {}),
    responses: withOtherResponses(route, doc, { ...successResponse(route, doc, responses), ...errorResponses(route) }, responses),
  };
}

function pathParameters(route: Route, doc: OperationDoc): Json[] {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return names.map((name) => {
    if (name !== 'id' || !doc.pathId) throw new Error(`OPERATION_DOCS.${route.operation} does not say what {${name}} is`);
    return {
      name,
      in: 'path',
      required: true,
      description: 'A malformed or unknown id, or one of another tenant or sandbox, is 404.',
      schema: { type: 'string', pattern: idPattern(doc.pathId).source },
    };
  });
}

function queryParameters(route: Route, doc: OperationDoc): Json[] {
  // Every authenticated route accepts a tenant id in the query, which must be the caller's.
  const schema = doc.query ?? (route.access === 'public' ? undefined : z.strictObject(tenantFields));
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(Object.hasOwn(tenantFields, name)
      ? { description: 'Must be the tenant of the credential (403 `TENANT_MISMATCH` otherwise).' }
      : {}),
    schema: property,
  }));
}

function headerParameters(route: Route, doc: OperationDoc): Json[] {
  const own = (doc.headerParameters ?? []).map((header) => ({
    name: header.name,
    in: 'header',
    required: false,
    description: header.description,
    schema: withoutDialect(z.toJSONSchema(header.schema, { io: 'input' })),
  }));
  if (route.access === 'public') return own;
  return [
    ...own,
    {
      name: 'X-Environment',
      in: 'header',
      required: false,
      description:
        'The sandbox an owner token (or an identity provider token) acts in; default `live`. A key acts in its own; a test key asking for live is 403.',
      schema: withoutDialect(z.toJSONSchema(z.enum(ENVIRONMENTS))),
    },
  ];
}

function successResponse(route: Route, doc: OperationDoc, responses: SchemaSet): Json {
  const { success } = doc;
  if (!success) return {};
  return {
    [success.status]: {
      description: success.description,
      headers: headerRefs([...EVERY_ANSWER, ...(route.access === 'public' ? [] : RATE_LIMIT), ...(success.headers ?? [])]),
      ...(success.body ? { content: { 'application/json': { schema: responses.add(success.body) } } } : {}),
    },
  };
}

/** Adds an operation's other answers; a status the API's errors already use accepts either body. */
function withOtherResponses(route: Route, doc: OperationDoc, documented: Json, responses: SchemaSet): Json {
  const all: Json = { ...documented };
  for (const other of doc.otherResponses ?? []) {
    const schema = other.body ? responses.add(other.body) : undefined;
    const known = all[other.status] as { description: string; content?: { 'application/json': { schema: Json } } } | undefined;
    if (known?.content && schema) {
      all[other.status] = {
        ...known,
        description: `${known.description}; ${other.description}`,
        content: { 'application/json': { schema: { anyOf: [known.content['application/json'].schema, schema] } } },
      };
      continue;
    }
    all[other.status] = {
      description: other.description,
      headers: headerRefs([...EVERY_ANSWER, ...(route.access === 'public' ? [] : RATE_LIMIT)]),
      ...(schema ? { content: { 'application/json': { schema } } } : {}),
    };
  }
  return all;
}

/** One answer per error status the route can give, its codes listed (and enforced by the schema). */
function errorResponses(route: Route): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const [code, status] of Object.entries(ERROR_STATUS) as [ErrorCode, number][]) {
    if (!errorOccursOn(code, route)) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      status,
      {
        description: codes.map((code) => `\`${code}\``).join(', '),
        headers: headerRefs([
          ...EVERY_ANSWER,
          ...(route.access === 'public' ? [] : RATE_LIMIT),
          ...(RETRY_AFTER_STATUSES.has(status) ? RETRY : []),
        ]),
        content: {
          'application/json': {
            schema: {
              allOf: [componentRef('schemas', 'Error')],
              properties: { error: { properties: { code: { enum: codes } } } },
            },
          },
        },
      },
    ]),
  );
}

function errorOccursOn(code: ErrorCode, route: Route): boolean {
  const occurrence = ERROR_OCCURRENCE[code];
  if (occurrence === undefined) return true;
  if (occurrence === 'authenticated') return route.access !== 'public';
  return occurrence.includes(route.operation);
}

function headerRefs(names: readonly HeaderName[]): Json {
  return Object.fromEntries(names.map((name) => [name, componentRef('headers', name)]));
}

/** OpenAPI 3.1 sets the dialect for the whole document, and a component is named by its place, not an `$id`. */
function withoutDialect(schema: Json): Json {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/** Named schemas, turned into `components/schemas` together so shared ones become references. */
class SchemaSet {
  private readonly byName = new Map<string, z.core.$ZodType>();

  add(named: NamedSchema): Json {
    const known = this.byName.get(named.name);
    if (known && known !== named.schema) throw new Error(`two schemas are named ${named.name}`);
    this.byName.set(named.name, named.schema);
    return componentRef('schemas', named.name);
  }

  toJsonSchemas(io: 'input' | 'output'): Record<string, Json> {
    const registry = z.registry<{ id: string }>();
    for (const [name, schema] of this.byName) registry.add(schema, { id: name });
    const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, withoutDialect(schema as Json)]));
  }
}
