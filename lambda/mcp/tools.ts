import * as z from 'zod/mini';
import { ListQuery, MetadataFilterQuery, SearchBody, CreateBody, UpdateBody } from '../handlers/memories';
import { tenantFields } from '../handlers/tenant-guard';
import { idPattern } from '../domain/ids';
import { ROUTES, type Route } from '../shared/routes';
import type { Scope } from '../domain/scopes';
import { ApiError } from '../http/errors';
import { parseWith } from '../http/validation';

/** The memory and usage routes a tool can stand for, by operation. */
export type MirroredOperation =
  'createMemory' | 'searchMemories' | 'listMemories' | 'getMemory' | 'updateMemory' | 'deleteMemory' | 'tenantUsage';

type Json = Record<string, unknown>;

/** How a tool's arguments reach the route it mirrors. */
type ArgumentsGo = 'body' | 'query' | 'nowhere';

interface ToolDef {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly operation: MirroredOperation;
  /** The schema the route's handler validates the body or query with; the tool's input schema is made from it. */
  readonly schema?: z.core.$ZodType;
  readonly argumentsGo: ArgumentsGo;
  /** Whether the tool takes the memory `id` of the route's path. */
  readonly id?: true;
  readonly annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
}

const MEMORY_ID_PATTERN = idPattern('mem');
const MemoryId = z.string().check(z.regex(MEMORY_ID_PATTERN, 'is not a memory id'));

/**
 * `GET /v1/memories` takes its filters as `metadata.<key>=<value>` query parameters; a tool takes
 * them as one object, with the same rules, and the same paging fields.
 */
const ListArguments = z.strictObject({ ...ListQuery.shape, metadata: z.optional(MetadataFilterQuery) });

const SANDBOX = 'in the sandbox (live or test) of the credential';

/** The tools, one per memory route and one for usage. Each is scoped, charged and limited as its route. */
export const TOOLS: readonly ToolDef[] = [
  {
    name: 'store_memory',
    title: 'Store a memory',
    description: `Stores a memory ${SANDBOX}: \`content\` (1–16,384 characters), optionally a \`type\` (episodic by default, or semantic, procedural, working) and flat \`metadata\` (string, number or boolean values) to filter on later. Returns the stored memory with its id.`,
    operation: 'createMemory',
    schema: CreateBody,
    argumentsGo: 'body',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  },
  {
    name: 'search_memories',
    title: 'Search memories',
    description: `Finds the memories most relevant to \`query\` ${SANDBOX}, best first, each with a score in [0, 1]. Narrow with \`type\` and exact \`metadata\` values; \`limit\` 1–50 (default 10). At most 30 searches a minute per tenant.`,
    operation: 'searchMemories',
    schema: SearchBody,
    argumentsGo: 'body',
    annotations: { readOnlyHint: true },
  },
  {
    name: 'list_memories',
    title: 'List memories',
    description: `Lists memories ${SANDBOX}, newest first, \`limit\` (1–100, default 20) at a time. Filter by \`type\` and exact \`metadata\` values (several are ANDed; a value also matches the number or boolean it spells). When \`next_cursor\` is not null, pass it as \`cursor\` for the next page.`,
    operation: 'listMemories',
    schema: ListArguments,
    argumentsGo: 'query',
    annotations: { readOnlyHint: true },
  },
  {
    name: 'get_memory',
    title: 'Get a memory',
    description: `Returns one memory by its \`id\` (mem_...). A memory that does not exist, or is not ${SANDBOX}, is NOT_FOUND.`,
    operation: 'getMemory',
    argumentsGo: 'nowhere',
    id: true,
    annotations: { readOnlyHint: true },
  },
  {
    name: 'update_memory',
    title: 'Update a memory',
    description:
      'Changes any of `content`, `type` and `metadata` of the memory `id` (give at least one); `metadata` replaces the old map. Returns the updated memory.',
    operation: 'updateMemory',
    schema: UpdateBody,
    argumentsGo: 'body',
    id: true,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  },
  {
    name: 'delete_memory',
    title: 'Delete a memory',
    description: 'Deletes the memory `id` for good.',
    operation: 'deleteMemory',
    argumentsGo: 'nowhere',
    id: true,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  },
  {
    name: 'get_usage',
    title: 'Read usage and limits',
    description: "Returns the tenant's tier, the credits used and left this month, its rate limit and its active keys. Spends no credit.",
    operation: 'tenantUsage',
    argumentsGo: 'nowhere',
    annotations: { readOnlyHint: true },
  },
];

export function toolNamed(name: string): ToolDef | undefined {
  return TOOLS.find((tool) => tool.name === name);
}

/** The route a tool mirrors: its scope, its cap and whether it spends a credit come from there. */
export function routeOf(tool: ToolDef): Route {
  const route = ROUTES.find((candidate) => candidate.operation === tool.operation);
  if (!route) throw new Error(`no route for ${tool.operation}`);
  return route;
}

/** The scope a tool needs, or undefined when any valid credential may call it. */
export function scopeOf(tool: ToolDef): Scope | undefined {
  const { access } = routeOf(tool);
  return access === 'public' || access === 'authenticated' ? undefined : access;
}

/**
 * The tool's JSON Schema: the route's own schema as a client sends it, less the tenant id fields
 * (a credential acts for its own tenant only, so they say nothing an agent needs), with the `id`.
 */
export function inputSchemaOf(tool: ToolDef): Json & { type: 'object' } {
  const base = tool.schema ? (z.toJSONSchema(tool.schema, { io: 'input' }) as Json) : { properties: {}, additionalProperties: false };
  const { $schema: _dialect, properties = {}, required = [], ...rest } = base as Json & { properties?: Json; required?: string[] };
  const own = Object.fromEntries(Object.entries(properties).filter(([name]) => !Object.hasOwn(tenantFields, name)));
  const id = tool.id ? { id: { type: 'string', pattern: MEMORY_ID_PATTERN.source, description: 'The memory id (mem_...)' } } : {};
  const requiredNames = [...(tool.id ? ['id'] : []), ...required.filter((name) => !Object.hasOwn(tenantFields, name))];
  return { ...rest, type: 'object', properties: { ...id, ...own }, ...(requiredNames.length ? { required: requiredNames } : {}) };
}

/** What the mirrored route receives: the path id, and the arguments as its body or its query. */
export interface MirroredInput {
  readonly pathParameters: Record<string, string>;
  readonly query: Record<string, string>;
  readonly rawBody: string | null;
}

/**
 * Splits a tool's arguments into the parts of the route's request. The route's handler validates
 * them as it validates a REST request; only what has no REST form (the id, the list's filters
 * object) is checked here, with the same error shape.
 */
export function mirroredInput(tool: ToolDef, args: Record<string, unknown>): MirroredInput {
  const { id, ...rest } = args;
  const pathParameters: Record<string, string> = {};
  if (tool.id) pathParameters.id = parseWith(MemoryId, id, { name: 'tool arguments', whole: 'id', prefix: '' });
  const given = tool.id ? rest : args;
  if (tool.argumentsGo === 'body') return { pathParameters, query: {}, rawBody: JSON.stringify(given) };
  if (tool.argumentsGo === 'query') return { pathParameters, query: listQuery(given), rawBody: null };
  const unknown = Object.keys(given);
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION_ERROR',
      'The tool arguments are not valid',
      unknown.map((field) => ({ field, issue: 'unknown field' })),
    );
  }
  return { pathParameters, query: {}, rawBody: null };
}

function listQuery(args: Record<string, unknown>): Record<string, string> {
  const { metadata, ...fields } = parseWith(ListArguments, args, { name: 'tool arguments', whole: '(arguments)', prefix: '' });
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) query[name] = String(value);
  for (const [key, value] of Object.entries(metadata ?? {})) query[`metadata.${key}`] = value;
  return query;
}
