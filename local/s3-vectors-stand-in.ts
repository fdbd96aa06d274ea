import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { TokenBucket } from '../lambda/domain/token-bucket';
import { S3_VECTORS_LIMITS } from '../lambda/search/vector-index';
import { compact, PartitionedVectors, type Members, type PartitionedVector } from './vector-partitions';

/**
 * Amazon S3 Vectors for the local stack and the tests, reached by the real @aws-sdk/client-s3vectors
 * over HTTP (its REST-JSON protocol: POST /<Operation>, errors named in `x-amzn-ErrorType`). It
 * answers CreateIndex, GetIndex, DeleteIndex, PutVectors, DeleteVectors and QueryVectors and refuses
 * what S3 Vectors documents it refuses: top-K above 100, more than 500 vectors a call, a vector of
 * another dimension, more than 2 KB of filterable or 40 KB of all metadata or 50 metadata keys a
 * vector, filters on non-filterable keys or with unknown operators, bad index names, missing
 * buckets and indexes. It is stricter where AWS leaves room (a zero vector under cosine). It
 * searches exactly up to APPROXIMATE_FROM vectors an index and approximately past that, in time that
 * hardly grows with the index (local/vector-partitions.ts), as S3 Vectors always does, and keeps
 * nothing on disk: the local
 * stack rebuilds it from DynamoDB at start (`npm run reindex` does the same for one sandbox).
 */

type MetadataScalar = string | number | boolean;
type MetadataValue = MetadataScalar | MetadataScalar[];
type Metadata = Record<string, MetadataValue>;

interface StoredVector extends PartitionedVector {
  readonly metadata: Metadata;
  /** What S3 Vectors bills a PUT of it by: the vector's data, key and all its metadata. */
  readonly logicalBytes: number;
  /** What a query over it processes: the vector's data, key and filterable metadata. */
  readonly queriedBytes: number;
}

interface VectorIndexState {
  readonly name: string;
  readonly arn: string;
  readonly dimension: number;
  readonly distanceMetric: 'cosine' | 'euclidean';
  readonly nonFilterable: ReadonlySet<string>;
  readonly createdAt: number;
  readonly vectors: PartitionedVectors<StoredVector>;
  /** S3 Vectors' write rates per index: requests, and vectors put or deleted, a second. */
  readonly writeRequests: TokenBucket;
  readonly vectorWrites: TokenBucket;
  /** Sum of the vectors' queriedBytes: what one query of the index processes, as S3 Vectors bills it. */
  queriedBytes: number;
}

/** The quantities S3 Vectors bills, as counted over the stand-in's life (the bench's cost figures). */
export interface S3VectorsUsage {
  vectorsWritten: number;
  /** Logical bytes of the vectors PUT (data, key, metadata). */
  bytesWritten: number;
  queries: number;
  /** Bytes processed by queries: for each query, the queried index's vectors (data, key, filterable metadata). */
  bytesProcessed: number;
}

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new ServiceError(400, 'ValidationException', message);

const INDEX_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_PAYLOAD_BYTES = 20 * 1024 * 1024;
const MAX_KEY_LENGTH = 1024;
const COMPARISONS = new Set(['$gt', '$gte', '$lt', '$lte']);

export interface S3VectorsStandInOptions {
  /** The vector buckets that exist (the stack makes them; the API cannot reach an index elsewhere). */
  readonly buckets: readonly string[];
  readonly region?: string;
  readonly accountId?: string;
  /** Called before every operation; a test makes the service fail or stall with it. */
  readonly fault?: (operation: string) => ServiceError | 'stall' | undefined;
  /** The clock the write rates are counted on (the local stack's). @default Date.now */
  readonly now?: () => number;
}

export interface S3VectorsStandIn {
  readonly endpoint: string;
  /** How many requests each operation got, for tests and the bench's cost figures. */
  readonly calls: Map<string, number>;
  readonly usage: Readonly<S3VectorsUsage>;
  stop(): Promise<void>;
}

export { ServiceError as S3VectorsServiceError };

export async function startS3VectorsStandIn(options: S3VectorsStandInOptions): Promise<S3VectorsStandIn> {
  const service = new VectorService(options);
  const calls = new Map<string, number>();
  const server: Server = createServer((request, response) => void handle(service, calls, options, request, response));
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    usage: service.usage,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function handle(
  service: VectorService,
  calls: Map<string, number>,
  options: S3VectorsStandInOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const operation = (request.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
  calls.set(operation, (calls.get(operation) ?? 0) + 1);
  try {
    const fault = options.fault?.(operation);
    if (fault === 'stall') return; // No answer: the caller's budget must end the call.
    if (fault) throw fault;
    const body = await readBody(request);
    const result = request.method === 'POST' ? service.run(operation, body) : undefined;
    if (result === undefined) throw new ServiceError(404, 'NotFoundException', `Unknown operation ${request.method} /${operation}`);
    send(response, 200, result);
  } catch (error) {
    const known = error instanceof ServiceError ? error : new ServiceError(500, 'InternalServerException', 'internal error');
    response.setHeader('x-amzn-ErrorType', known.type);
    send(response, known.status, { message: known.message });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) throw new ServiceError(413, 'ValidationException', 'Request payload exceeds 20 MiB');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('The request body must be an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw invalid('The request body is not valid JSON');
  }
}

class VectorService {
  readonly usage: S3VectorsUsage = { vectorsWritten: 0, bytesWritten: 0, queries: 0, bytesProcessed: 0 };
  private readonly buckets = new Map<string, Map<string, VectorIndexState>>();

  private readonly now: () => number;

  constructor(private readonly options: S3VectorsStandInOptions) {
    for (const bucket of options.buckets) this.buckets.set(bucket, new Map());
    this.now = options.now ?? Date.now;
  }

  run(operation: string, body: Record<string, unknown>): unknown {
    switch (operation) {
      case 'CreateIndex':
        return this.createIndex(body);
      case 'GetIndex': {
        const index = this.index(body);
        return {
          index: {
            vectorBucketName: body.vectorBucketName,
            indexName: index.name,
            indexArn: index.arn,
            dimension: index.dimension,
            distanceMetric: index.distanceMetric,
            dataType: 'float32',
            creationTime: index.createdAt / 1000,
          },
        };
      }
      case 'DeleteIndex':
        this.bucket(body).delete(this.index(body).name);
        return {};
      case 'PutVectors':
        return this.putVectors(body);
      case 'DeleteVectors':
        return this.deleteVectors(body);
      case 'QueryVectors':
        return this.queryVectors(body);
      default:
        return undefined;
    }
  }

  private bucket(body: Record<string, unknown>): Map<string, VectorIndexState> {
    const name = body.vectorBucketName;
    if (typeof name !== 'string') throw invalid('vectorBucketName is required');
    const bucket = this.buckets.get(name);
    if (!bucket) throw new ServiceError(404, 'NotFoundException', 'The specified vector bucket could not be found');
    return bucket;
  }

  private index(body: Record<string, unknown>): VectorIndexState {
    const name = body.indexName;
    if (typeof name !== 'string' || !INDEX_NAME.test(name))
      throw invalid('indexName must be 3–63 lower-case letters, digits, hyphens or dots');
    const index = this.bucket(body).get(name);
    if (!index) throw new ServiceError(404, 'NotFoundException', 'The specified index could not be found');
    return index;
  }

  private createIndex(body: Record<string, unknown>): unknown {
    const bucket = this.bucket(body);
    const name = body.indexName;
    if (typeof name !== 'string' || !INDEX_NAME.test(name))
      throw invalid('indexName must be 3–63 lower-case letters, digits, hyphens or dots');
    if (body.dataType !== 'float32') throw invalid('dataType must be float32');
    const dimension = body.dimension;
    if (
      typeof dimension !== 'number' ||
      !Number.isInteger(dimension) ||
      dimension < S3_VECTORS_LIMITS.minDimension ||
      dimension > S3_VECTORS_LIMITS.maxDimension
    )
      throw invalid('dimension must be an integer from 1 to 4096');
    if (body.distanceMetric !== 'cosine' && body.distanceMetric !== 'euclidean')
      throw invalid('distanceMetric must be cosine or euclidean');
    const configuration = body.metadataConfiguration as { nonFilterableMetadataKeys?: unknown } | undefined;
    const nonFilterable = configuration?.nonFilterableMetadataKeys ?? [];
    if (
      !Array.isArray(nonFilterable) ||
      nonFilterable.length > S3_VECTORS_LIMITS.nonFilterableKeysPerIndex ||
      nonFilterable.some((key) => typeof key !== 'string' || key.length === 0 || key.length > 63)
    )
      throw invalid('nonFilterableMetadataKeys holds at most 10 keys of 1–63 characters');
    if (bucket.has(name)) throw new ServiceError(409, 'ConflictException', 'An index with this name already exists');
    if (bucket.size >= S3_VECTORS_LIMITS.indexesPerBucket)
      throw new ServiceError(402, 'ServiceQuotaExceededException', 'The bucket holds 10,000 indexes');
    const region = this.options.region ?? 'local';
    const account = this.options.accountId ?? '000000000000';
    bucket.set(name, {
      name,
      arn: `arn:aws:s3vectors:${region}:${account}:bucket/${String(body.vectorBucketName)}/index/${name}`,
      dimension,
      distanceMetric: body.distanceMetric,
      nonFilterable: new Set(nonFilterable as string[]),
      createdAt: Date.now(),
      vectors: new PartitionedVectors(dimension),
      writeRequests: new TokenBucket(S3_VECTORS_LIMITS.writeRequestsPerSecond, S3_VECTORS_LIMITS.writeRequestsPerSecond),
      vectorWrites: new TokenBucket(S3_VECTORS_LIMITS.vectorWritesPerSecond, S3_VECTORS_LIMITS.vectorWritesPerSecond),
      queriedBytes: 0,
    });
    return {};
  }

  private putVectors(body: Record<string, unknown>): unknown {
    const index = this.index(body);
    const vectors = body.vectors;
    if (!Array.isArray(vectors) || vectors.length < 1 || vectors.length > S3_VECTORS_LIMITS.vectorsPerPut)
      throw invalid('vectors must hold 1 to 500 vectors');
    // Checked whole before anything is stored: a refused call changes nothing.
    const stored = vectors.map((vector: unknown) => storedVector(index, vector));
    this.throttle(index, stored.length);
    for (const vector of stored) {
      index.queriedBytes += vector.queriedBytes - (index.vectors.get(vector.key)?.queriedBytes ?? 0);
      index.vectors.set(vector);
      this.usage.vectorsWritten += 1;
      this.usage.bytesWritten += vector.logicalBytes;
    }
    index.vectors.maintain();
    return {};
  }

  private deleteVectors(body: Record<string, unknown>): unknown {
    const index = this.index(body);
    const keys = body.keys;
    if (!Array.isArray(keys) || keys.length < 1 || keys.length > S3_VECTORS_LIMITS.keysPerDelete)
      throw invalid('keys must hold 1 to 500 keys');
    for (const key of keys) {
      if (typeof key !== 'string' || key.length < 1 || key.length > MAX_KEY_LENGTH) throw invalid('a key is 1–1,024 characters');
    }
    this.throttle(index, keys.length);
    for (const key of keys as string[]) {
      index.queriedBytes -= index.vectors.get(key)?.queriedBytes ?? 0;
      index.vectors.delete(key);
    }
    return {};
  }

  /** A write past the index's rate (requests or vectors a second) is refused whole, as S3 Vectors answers 429. */
  private throttle(index: VectorIndexState, vectors: number): void {
    const now = this.now();
    if (!index.writeRequests.hasToken(now) || !index.vectorWrites.hasToken(now, vectors))
      throw new ServiceError(
        429,
        'TooManyRequestsException',
        'The index is written faster than 1,000 requests or 2,500 vectors a second (put and deleted together)',
      );
    index.writeRequests.take();
    index.vectorWrites.take(vectors);
  }

  private queryVectors(body: Record<string, unknown>): unknown {
    const index = this.index(body);
    const topK = body.topK;
    if (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1 || topK > S3_VECTORS_LIMITS.topK)
      throw invalid('topK must be an integer from 1 to 100');
    const query = vectorData(index, body.queryVector);
    const filter = body.filter === undefined ? undefined : compileFilter(body.filter, index.nonFilterable);
    const best = new TopK(topK);
    this.usage.queries += 1;
    this.usage.bytesProcessed += index.queriedBytes;
    for (const group of index.vectors.candidates(query, filter !== undefined, () => best.full)) {
      const scores = group.scores(query);
      for (let member = 0; member < group.list.length; member++) {
        const score = scores[member] as number;
        // A vector is read (for its metadata) only if it would enter the best so far.
        if (!best.takes(score)) continue;
        if (!filter || filter((group.list[member] as StoredVector).metadata)) best.offer(group, member, score);
      }
    }
    return {
      distanceMetric: index.distanceMetric,
      vectors: best.sorted().map(({ vector, score }) => ({
        key: vector.key,
        ...(body.returnDistance === true
          ? { distance: index.distanceMetric === 'cosine' ? 1 - score : Math.sqrt(Math.max(0, 2 - 2 * score)) }
          : {}),
        ...(body.returnMetadata === true ? { metadata: vector.metadata } : {}),
      })),
    };
  }
}

/** A unit-length Float32Array of the index's dimension, or a validation error. */
function vectorData(index: VectorIndexState, data: unknown): Float32Array {
  const values = (data as { float32?: unknown } | undefined)?.float32;
  if (!Array.isArray(values) || values.length !== index.dimension)
    throw invalid(`The vector must have ${index.dimension} dimensions, the index's`);
  const vector = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('Vector values must be finite float32 numbers');
    vector[i] = value;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) throw invalid('A vector of zeros has no direction to compare');
  return vector.map((value) => value / norm);
}

function storedVector(index: VectorIndexState, input: unknown): StoredVector {
  const { key, data, metadata } = (input ?? {}) as { key?: unknown; data?: unknown; metadata?: unknown };
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_KEY_LENGTH) throw invalid('A vector key is 1–1,024 characters');
  const vector = vectorData(index, data);
  const checked = checkMetadata(metadata ?? {}, index.nonFilterable);
  const bytes = (filterableOnly: boolean) =>
    Buffer.byteLength(key, 'utf8') +
    4 * index.dimension +
    Buffer.byteLength(
      JSON.stringify(Object.fromEntries(Object.entries(checked).filter(([name]) => !filterableOnly || !index.nonFilterable.has(name)))),
      'utf8',
    );
  return { ...compact(key, vector), metadata: checked, logicalBytes: bytes(false), queriedBytes: bytes(true) };
}

function checkMetadata(metadata: unknown, nonFilterable: ReadonlySet<string>): Metadata {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw invalid('metadata must be an object');
  const entries = Object.entries(metadata);
  if (entries.length > S3_VECTORS_LIMITS.metadataKeys) throw invalid('A vector holds at most 50 metadata keys');
  for (const [, value] of entries) {
    const scalars = Array.isArray(value) ? value : [value];
    if ((Array.isArray(value) && value.length === 0) || scalars.some((scalar) => !['string', 'number', 'boolean'].includes(typeof scalar)))
      throw invalid('Metadata values are strings, numbers, booleans or non-empty lists of them');
  }
  const bytes = (pairs: [string, unknown][]) => Buffer.byteLength(JSON.stringify(Object.fromEntries(pairs)), 'utf8');
  if (bytes(entries) > S3_VECTORS_LIMITS.totalMetadataBytes) throw invalid('Metadata exceeds 40 KB per vector');
  if (bytes(entries.filter(([key]) => !nonFilterable.has(key))) > S3_VECTORS_LIMITS.filterableMetadataBytes)
    throw invalid('Filterable metadata exceeds 2 KB per vector');
  return metadata as Metadata;
}

/**
 * The best `size` by score, kept in a min-heap so a query over many vectors sorts only the few it
 * returns. An entry names a member of a group by its place; the vector itself is read only for the
 * few returned (a scan must not touch every vector object of a large index).
 */
class TopK {
  private readonly heap: { group: Members<StoredVector>; member: number; score: number }[] = [];

  constructor(private readonly size: number) {}

  /** Whether a vector of this score would enter (checked before offering, so most of a scan allocates nothing). */
  takes(score: number): boolean {
    return this.heap.length < this.size || score > (this.heap[0]?.score ?? Infinity);
  }

  offer(group: Members<StoredVector>, member: number, score: number): void {
    if (this.heap.length < this.size) {
      this.heap.push({ group, member, score });
      this.up(this.heap.length - 1);
    } else if (score > (this.heap[0]?.score ?? Infinity)) {
      this.heap[0] = { group, member, score };
      this.down(0);
    }
  }

  get full(): boolean {
    return this.heap.length >= this.size;
  }

  /** Best first; read while the groups are as they were in the scan (a query runs without a write in between). */
  sorted(): { vector: StoredVector; score: number }[] {
    return [...this.heap]
      .sort((a, b) => b.score - a.score)
      .map(({ group, member, score }) => ({ vector: group.list[member] as StoredVector, score }));
  }

  private up(at: number): void {
    for (let child = at; child > 0;) {
      const parent = (child - 1) >> 1;
      if ((this.heap[parent]?.score ?? 0) <= (this.heap[child]?.score ?? 0)) return;
      this.swap(parent, child);
      child = parent;
    }
  }

  private down(at: number): void {
    for (let parent = at; ;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < this.heap.length && (this.heap[left]?.score ?? 0) < (this.heap[smallest]?.score ?? 0)) smallest = left;
      if (right < this.heap.length && (this.heap[right]?.score ?? 0) < (this.heap[smallest]?.score ?? 0)) smallest = right;
      if (smallest === parent) return;
      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const first = this.heap[a];
    const second = this.heap[b];
    if (!first || !second) return;
    this.heap[a] = second;
    this.heap[b] = first;
  }
}

type Predicate = (metadata: Metadata) => boolean;

/** S3 Vectors' filter language: `{key: value}` (equality), $eq $ne $gt $gte $lt $lte $in $nin $exists, $and and $or. */
function compileFilter(filter: unknown, nonFilterable: ReadonlySet<string>): Predicate {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('A filter is an object');
  const clauses = Object.entries(filter).map(([name, operand]): Predicate => {
    if (name === '$and' || name === '$or') {
      if (!Array.isArray(operand) || operand.length === 0) throw invalid(`${name} takes a non-empty list of filters`);
      const parts = operand.map((part) => compileFilter(part, nonFilterable));
      return name === '$and' ? (metadata) => parts.every((part) => part(metadata)) : (metadata) => parts.some((part) => part(metadata));
    }
    if (name.startsWith('$')) throw invalid(`Unknown filter operator ${name}`);
    if (nonFilterable.has(name)) throw invalid(`${name} is non-filterable metadata`);
    return fieldPredicate(name, operand);
  });
  if (clauses.length === 0) throw invalid('A filter needs at least one condition');
  return (metadata) => clauses.every((clause) => clause(metadata));
}

function fieldPredicate(name: string, operand: unknown): Predicate {
  const scalar = (value: unknown): value is MetadataScalar => ['string', 'number', 'boolean'].includes(typeof value);
  if (scalar(operand)) return fieldPredicate(name, { $eq: operand });
  if (typeof operand !== 'object' || operand === null || Array.isArray(operand)) throw invalid(`The condition on ${name} is not valid`);
  const tests = Object.entries(operand).map(([operator, value]): Predicate => {
    const values = (metadata: Metadata): MetadataScalar[] | undefined => {
      if (!Object.hasOwn(metadata, name)) return undefined;
      const stored = metadata[name];
      return Array.isArray(stored) ? stored : stored === undefined ? undefined : [stored];
    };
    if (operator === '$eq' || operator === '$ne') {
      if (!scalar(value)) throw invalid(`${operator} takes a string, number or boolean`);
      return operator === '$eq' ? (m) => values(m)?.includes(value) === true : (m) => values(m)?.includes(value) === false;
    }
    if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(scalar)) throw invalid(`${operator} takes a non-empty list`);
      return operator === '$in'
        ? (m) => values(m)?.some((stored) => value.includes(stored)) === true
        : (m) => values(m)?.every((stored) => !value.includes(stored)) === true;
    }
    if (COMPARISONS.has(operator)) {
      if (typeof value !== 'number') throw invalid(`${operator} takes a number`);
      const compare = (stored: MetadataScalar) =>
        typeof stored === 'number' &&
        (operator === '$gt'
          ? stored > value
          : operator === '$gte'
            ? stored >= value
            : operator === '$lt'
              ? stored < value
              : stored <= value);
      return (m) => values(m)?.some(compare) === true;
    }
    if (operator === '$exists') {
      if (typeof value !== 'boolean') throw invalid('$exists takes true or false');
      return (m) => Object.hasOwn(m, name) === value;
    }
    throw invalid(`Unknown filter operator ${operator}`);
  });
  if (tests.length === 0) throw invalid(`The condition on ${name} is empty`);
  return (metadata) => tests.every((test) => test(metadata));
}
