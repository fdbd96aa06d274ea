import * as z from 'zod/mini';
import { fingerprint } from '../domain/fingerprint';
import { logger } from '../platform/logger';
import { MemorySearch } from '../search/memory-search';
import { SearchIndexer, type MemoryChange } from '../search/search-indexer';
import { SEARCH_MODES } from '../search/search-modes';
import type { Dependencies } from '../wiring/dependencies';
import { ApiError } from '../http/errors';
import { idPattern, newId } from '../domain/ids';
import { QUERY, check, headerPart, parseAll, parseWith, type InputPart } from '../http/validation';
import { MEMORY_TYPES, type Memory, type MetadataValue, type Sandbox } from '../domain/memory';
import type { Operations } from './pipeline';
import { readTenantBody } from './request-body';
import type { AuthenticatedRequest } from './request';
import { pageBody, pageQueryFields, pageRequest } from './page-params';
import { tenantFields } from './tenant-guard';
import type { MemoryView, SearchResultsView } from './response-bodies';

const MEMORY_ID_PATTERN = idPattern('mem');
const METADATA_PREFIX = 'metadata.';

const metadataKey = z
  .string()
  .check(z.minLength(1, 'metadata keys are 1–64 characters'), z.maxLength(64, 'metadata keys are 1–64 characters'));
/** A plain object cannot hold `__proto__` as data (zod's record drops it): refusing it beats losing it. */
const RESERVED_METADATA_KEY = '__proto__';
/** DynamoDB stores numbers between 1e-130 and 1e126; JavaScript holds integers exactly up to 2^53. */
function storableNumber(value: number): boolean {
  if (Number.isInteger(value)) return Number.isSafeInteger(value);
  return Number.isFinite(value) && Math.abs(value) > 1e-130 && Math.abs(value) < 1e126;
}
const metadataValue = z.union(
  [
    z.string().check(z.maxLength(1024, 'must be at most 1,024 characters')),
    z.number().check(z.refine(storableNumber, 'numbers must be safe integers or between 1e-130 and 1e126')),
    z.boolean(),
  ],
  { error: 'must be a string, number or boolean' },
);
/** Each filter adds a condition to one DynamoDB expression, whose size is bounded. */
const MAX_METADATA_FILTERS = 10;
const MAX_METADATA_KEYS = 32;
// A transform before the record (not a check on unknown input), so the OpenAPI document shows the record as the input.
const metadata = z.pipe(
  z.transform((value: unknown, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, RESERVED_METADATA_KEY))
      ctx.issues.push({ code: 'custom', message: `${RESERVED_METADATA_KEY} is a reserved key`, input: value });
    return value;
  }),
  z.record(metadataKey, metadataValue).check(
    z.refine((value) => Object.keys(value).length <= MAX_METADATA_KEYS, `at most ${MAX_METADATA_KEYS} keys`),
    z.meta({ maxProperties: MAX_METADATA_KEYS }),
  ),
);
const content = z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(16_384, 'must be at most 16,384 characters'));
const type = z.enum(MEMORY_TYPES);

export const CreateBody = z.strictObject({
  content,
  type: z._default(type, 'episodic'),
  metadata: z._default(metadata, {}),
  ...tenantFields,
});
export const UpdateBody = z
  .strictObject({ content: z.optional(content), type: z.optional(type), metadata: z.optional(metadata), ...tenantFields })
  .check(
    z.refine(
      (body) => body.content !== undefined || body.type !== undefined || body.metadata !== undefined,
      'give at least one of content, type, metadata',
    ),
    z.meta({ description: 'Give at least one of content, type, metadata' }),
  );
export const SearchBody = z.strictObject({
  query: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(1000, 'must be at most 1,000 characters')),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  mode: z._default(z.enum(SEARCH_MODES), 'hybrid'),
  type: z.optional(type),
  metadata: z.optional(
    metadata.check(
      z.refine((value) => Object.keys(value).length <= MAX_METADATA_FILTERS, `at most ${MAX_METADATA_FILTERS} metadata filters`),
      z.meta({ maxProperties: MAX_METADATA_FILTERS }),
    ),
  ),
  ...tenantFields,
});
export const ListQuery = z.strictObject({ ...pageQueryFields, type: z.optional(type), ...tenantFields });
/** `metadata.<key>=<value>` query parameters, by key. */
export const MetadataFilterQuery = z
  .record(metadataKey, z.string())
  .check(z.refine((filters) => Object.keys(filters).length <= MAX_METADATA_FILTERS, `at most ${MAX_METADATA_FILTERS} metadata filters`));
const METADATA_FILTERS: InputPart = { name: 'query', whole: 'metadata', prefix: METADATA_PREFIX };
const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IdempotencyKey = z.string().check(z.minLength(1), z.maxLength(255, 'must be at most 255 characters'));

function sandbox(request: AuthenticatedRequest): Sandbox {
  return { tenantId: request.principal.tenantId, environment: request.principal.environment };
}

function memoryView(memory: Memory): MemoryView {
  return {
    id: memory.id,
    content: memory.content,
    type: memory.type,
    metadata: memory.metadata,
    environment: memory.environment,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}

function memoryId(request: AuthenticatedRequest): string {
  const id = request.pathParameters.id ?? '';
  if (!MEMORY_ID_PATTERN.test(id)) throw new ApiError('NOT_FOUND', 'No memory with this id');
  return id;
}

async function createMemory(request: AuthenticatedRequest, deps: Dependencies) {
  const { body, key } = parseAll({
    body: check(CreateBody, readTenantBody(request)),
    key: check(z.optional(IdempotencyKey), request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()], headerPart(IDEMPOTENCY_KEY_HEADER)),
  });
  const now = new Date(request.now).toISOString();
  const memory: Memory = {
    id: newId('mem', request.now),
    content: body.content,
    type: body.type,
    metadata: body.metadata,
    environment: request.principal.environment,
    createdAt: now,
    updatedAt: now,
  };
  if (key === undefined) {
    await deps.memories.put(sandbox(request), memory, request.withCharge);
    await indexAtOnce(request, deps, { kind: 'upsert', memory });
    return { status: 201, body: memoryView(memory) };
  }
  // The same body with its keys in another order is the same request.
  const bodyHash = fingerprint([body.content, body.type, body.metadata]);
  for (let attempt = 0; attempt < 2; attempt++) {
    const earlier = await deps.idempotentWrites.find(sandbox(request), key, request.now);
    if (earlier) {
      if (earlier.bodyHash !== bodyHash)
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different body');
      return { status: 201, body: memoryView(earlier.memory), headers: { 'Idempotent-Replayed': 'true' } };
    }
    if (await deps.idempotentWrites.put(sandbox(request), key, bodyHash, memory, request.now, request.withCharge)) {
      await indexAtOnce(request, deps, { kind: 'upsert', memory });
      return { status: 201, body: memoryView(memory) };
    }
  }
  throw new Error('idempotency record vanished between write and read');
}

async function listMemories(request: AuthenticatedRequest, deps: Dependencies) {
  const entries = Object.entries(request.query);
  const isFilter = ([name]: [string, string]) => name.startsWith(METADATA_PREFIX);
  const { query, filters } = parseAll({
    query: check(ListQuery, Object.fromEntries(entries.filter((entry) => !isFilter(entry))), QUERY),
    filters: check(
      MetadataFilterQuery,
      Object.fromEntries(entries.filter(isFilter).map(([name, value]) => [name.slice(METADATA_PREFIX.length), value])),
      METADATA_FILTERS,
    ),
  });
  const metadataFilter = Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, queryValueCandidates(value)]));
  // A cursor is bound to the list and its filters: one from another filter would skip or repeat memories.
  const list = `memories:${request.principal.tenantId}:${request.principal.environment}:${fingerprint([query.type, filters]).slice(0, 16)}`;
  const page = await deps.memories.list(
    sandbox(request),
    { type: query.type, metadata: metadataFilter },
    pageRequest(query, list, MEMORY_ID_PATTERN),
  );
  return { status: 200, body: pageBody(page, list, (memory) => memory.id, memoryView) };
}

/** A query string value may stand for a string, a number or a boolean stored in metadata. */
function queryValueCandidates(value: string): MetadataValue[] {
  const candidates: MetadataValue[] = [value];
  if (value.trim() !== '' && storableNumber(Number(value))) candidates.push(Number(value));
  if (value === 'true' || value === 'false') candidates.push(value === 'true');
  return candidates;
}

async function getMemory(request: AuthenticatedRequest, deps: Dependencies) {
  const memory = await deps.memories.get(sandbox(request), memoryId(request));
  if (!memory) throw new ApiError('NOT_FOUND', 'No memory with this id');
  return { status: 200, body: memoryView(memory) };
}

async function updateMemory(request: AuthenticatedRequest, deps: Dependencies) {
  const body = parseWith(UpdateBody, readTenantBody(request));
  const id = memoryId(request);
  const memory = await deps.memories.update(
    sandbox(request),
    id,
    { content: body.content, type: body.type, metadata: body.metadata },
    new Date(request.now).toISOString(),
    request.withCharge,
  );
  if (!memory) throw new ApiError('NOT_FOUND', 'No memory with this id');
  await indexAtOnce(request, deps, { kind: 'upsert', memory });
  return { status: 200, body: memoryView(memory) };
}

async function deleteMemory(request: AuthenticatedRequest, deps: Dependencies) {
  const id = memoryId(request);
  if (!(await deps.memories.delete(sandbox(request), id, request.withCharge))) throw new ApiError('NOT_FOUND', 'No memory with this id');
  await indexAtOnce(request, deps, { kind: 'delete', id });
  return { status: 204 };
}

/**
 * Search reads what a client just wrote (the contract searches right after storing): the change
 * is applied to the sandbox's indexes before the answer. The table's stream applies it again, and
 * is what makes indexing safe: when this fails (Bedrock or S3 Vectors slow or down), the write
 * stands and the stream's indexer, with its retries and dead-letter queue, catches up.
 */
async function indexAtOnce(request: AuthenticatedRequest, deps: Dependencies, change: MemoryChange): Promise<void> {
  if (!deps.search) return;
  try {
    await new SearchIndexer(deps.search.index, deps.search.embedder, deps.metrics).apply(sandbox(request), [change]);
  } catch (error) {
    logger.warn('memory not indexed at once; the stream indexes it', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Hybrid (meaning and words fused), semantic or lexical; see docs/search.md. */
async function searchMemories(request: AuthenticatedRequest, deps: Dependencies) {
  const body = parseWith(SearchBody, readTenantBody(request));
  if (!deps.search) throw new Error('this function has no search backends');
  const search = new MemorySearch(deps.search.index, deps.search.embedder, deps.memories, deps.metrics);
  const hits = await search.search(sandbox(request), {
    query: body.query,
    limit: body.limit,
    mode: body.mode,
    type: body.type,
    metadata: body.metadata,
  });
  const data = hits.map(({ memory, score }) => ({ memory: memoryView(memory), score }));
  return { status: 200, body: { data, mode: body.mode } satisfies SearchResultsView };
}

export const memoryOperations: Operations<'memories'> = {
  createMemory,
  listMemories,
  getMemory,
  updateMemory,
  deleteMemory,
  searchMemories,
};
