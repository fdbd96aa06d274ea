import type { RequestCost } from './probe';

/** List prices, us-east-1, as stated in issue 19 (December 2026); Lambda's GB-second is the Arm price. */
export const PRICES = {
  asOf: '2026-12 (us-east-1 list prices)',
  apiGatewayRestPerMillion: 3.5,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoWritePerMillionUnits: 0.625,
  dynamoReadPerMillionUnits: 0.125,
} as const;

export interface CostPerMillion {
  readonly api_gateway: number;
  readonly lambda: number;
  readonly dynamodb: number;
  readonly total: number;
}

/**
 * Dollars per million requests like the measured ones: each gateway request, each Lambda
 * invocation with its duration billed per started millisecond at the function's memory, and the
 * DynamoDB units counted, averaged over the measured requests.
 */
export function costPerMillion(costs: readonly RequestCost[], memoryMb: Readonly<Record<string, number>>): CostPerMillion {
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
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { api_gateway: round(apiGateway), lambda: round(lambda), dynamodb: round(dynamodb), total: round(apiGateway + lambda + dynamodb) };
}
