import type { RequestCost } from './probe';

/**
 * List prices, us-east-1, as stated in issue 19 (December 2026); Lambda's GB-second is the Arm price.
 * Search's: Bedrock Titan Text Embeddings V2 $0.02 per million input tokens; S3 Vectors $0.20 per
 * GB written (logical: data, key, metadata), $2.50 per million queries plus $0.004 per TB of data
 * processed (the queried index's vectors, data, keys and filterable metadata; the tier for indexes
 * under 100,000 vectors; the launch price, not re-read), $0.06 per GB-month stored (checked 2026-12-04
 * against AWS's S3 pricing page as transcribed in September 2026; docs/search.md).
 */
export const PRICES = {
  asOf: '2026-12 (us-east-1 list prices)',
  apiGatewayRestPerMillion: 3.5,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoWritePerMillionUnits: 0.625,
  dynamoReadPerMillionUnits: 0.125,
  titanEmbeddingsV2PerMillionTokens: 0.02,
  s3VectorsPutPerGb: 0.2,
  s3VectorsQueriesPerMillion: 2.5,
  s3VectorsProcessedPerTb: 0.004,
  s3VectorsStoragePerGbMonth: 0.06,
} as const;

/** Titan's tokens are counted from the characters embedded: AWS states about 4.7 characters a token in English. */
export const CHARACTERS_PER_TOKEN = 4.7;

/** What a request spent on search's services, per request (measured over a batch, the stream's indexing included). */
export interface SearchUsage {
  readonly embeddingTokens: number;
  readonly vectorBytesWritten: number;
  readonly vectorQueries: number;
  readonly vectorBytesProcessed: number;
}

export interface CostPerMillion {
  readonly api_gateway: number;
  readonly lambda: number;
  readonly dynamodb: number;
  readonly bedrock: number;
  readonly s3_vectors: number;
  readonly total: number;
}

/**
 * Dollars per million requests like the measured ones: each gateway request, each Lambda
 * invocation with its duration billed per started millisecond at the function's memory, and the
 * DynamoDB units counted, averaged over the measured requests; and what search spent per request
 * on Bedrock and S3 Vectors (none for a plain read).
 */
export function costPerMillion(
  costs: readonly RequestCost[],
  memoryMb: Readonly<Record<string, number>>,
  search: SearchUsage = { embeddingTokens: 0, vectorBytesWritten: 0, vectorQueries: 0, vectorBytesProcessed: 0 },
): CostPerMillion {
  const n = Math.max(1, costs.length);
  let invocations = 0;
  let gbSeconds = 0;
  let writeUnits = 0;
  let readUnits = 0;
  for (const cost of costs) {
    writeUnits += cost.writeUnits;
    readUnits += cost.readUnits;
    for (const [fn, count] of Object.entries(cost.invocations)) {
      invocations += count;
      const billedMs = Math.ceil((cost.invocationMs[fn] ?? 0) / count) * count;
      gbSeconds += (billedMs / 1000) * ((memoryMb[fn] ?? memoryMb.default ?? 0) / 1024);
    }
  }
  const perMillion = 1_000_000 / n;
  const apiGateway = PRICES.apiGatewayRestPerMillion;
  const lambda = (invocations / n) * PRICES.lambdaRequestsPerMillion + gbSeconds * perMillion * PRICES.lambdaArmPerGbSecond;
  const dynamodb = (writeUnits / n) * PRICES.dynamoWritePerMillionUnits + (readUnits / n) * PRICES.dynamoReadPerMillionUnits;
  const bedrock = search.embeddingTokens * PRICES.titanEmbeddingsV2PerMillionTokens;
  const s3Vectors =
    (search.vectorBytesWritten * 1_000_000 * PRICES.s3VectorsPutPerGb) / 1024 ** 3 +
    search.vectorQueries * PRICES.s3VectorsQueriesPerMillion +
    (search.vectorBytesProcessed * 1_000_000 * PRICES.s3VectorsProcessedPerTb) / 1024 ** 4;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    api_gateway: round(apiGateway),
    lambda: round(lambda),
    dynamodb: round(dynamodb),
    bedrock: round(bedrock),
    s3_vectors: round(s3Vectors),
    total: round(apiGateway + lambda + dynamodb + bedrock + s3Vectors),
  };
}
