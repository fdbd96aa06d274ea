import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvocationHook } from '../../local/gateway';

/** Write commands, by the document client's names and the low-level client's (either may be in the context). */
const WRITES = new Set(
  [
    'Put',
    'Update',
    'Delete',
    'TransactWrite',
    'BatchWrite',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'TransactWriteItems',
    'BatchWriteItem',
  ].map((name) => `${name}Command`),
);

/** What one request cost, as the probe saw it. */
export interface RequestCost {
  /** Round trips on the critical path: calls in flight together count once. */
  readonly stages: number;
  readonly calls: number;
  readonly writeUnits: number;
  /** Of those, the key day items written during this request (a key past the counter's slots, or the day's move off the counter). */
  readonly keyDayWriteUnits: number;
  readonly readUnits: number;
  /** Invocations by function ('authorizer', 'memories', ...), and their wall time. */
  readonly invocations: Record<string, number>;
  readonly invocationMs: Record<string, number>;
  /** Wall time with at least one DynamoDB call in flight. */
  readonly dbMs: number;
  readonly totalMs: number;
}

interface Consumed {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

/**
 * Watches the local stack's DynamoDB client and function invocations. Every call asks DynamoDB
 * Local for its consumed capacity, so the units are DynamoDB's own count (a transaction's items
 * count twice, as AWS bills them).
 */
export class Probe {
  private current: {
    stages: number;
    calls: number;
    writeUnits: number;
    keyDayWriteUnits: number;
    readUnits: number;
    invocations: Record<string, number>;
    invocationMs: Record<string, number>;
    dbMs: number;
  } = Probe.empty();
  private inFlight = 0;
  private busySince = 0;

  private static empty() {
    return { stages: 0, calls: 0, writeUnits: 0, keyDayWriteUnits: 0, readUnits: 0, invocations: {}, invocationMs: {}, dbMs: 0 };
  }

  readonly instrument = (client: DynamoDBDocumentClient): void => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? '';
        const input = args.input as Record<string, unknown>;
        if (name !== 'ListTablesCommand' && name !== 'DescribeTimeToLiveCommand' && !name.startsWith('CreateTable'))
          input.ReturnConsumedCapacity = 'TOTAL';
        this.current.calls += 1;
        if (this.inFlight++ === 0) {
          this.busySince = performance.now();
          this.current.stages += 1;
        }
        try {
          const result = await next(args);
          this.count(name, input, (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity);
          return result;
        } catch (error) {
          this.count(name, input, (error as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity);
          throw error;
        } finally {
          if (--this.inFlight === 0) this.current.dbMs += performance.now() - this.busySince;
        }
      },
      { step: 'initialize', name: 'benchProbe' },
    );
  };

  readonly around: InvocationHook = async (fn, run) => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.current.invocations[fn] = (this.current.invocations[fn] ?? 0) + 1;
      this.current.invocationMs[fn] = (this.current.invocationMs[fn] ?? 0) + performance.now() - started;
    }
  };

  /** Runs one request and returns what it cost. */
  async measure(request: () => Promise<unknown>): Promise<RequestCost> {
    this.current = Probe.empty();
    const started = performance.now();
    await request();
    return { ...this.current, totalMs: performance.now() - started };
  }

  private count(command: string, input: Record<string, unknown>, consumed: Consumed | Consumed[] | undefined): void {
    const sk = (input.Key as { sk?: unknown } | undefined)?.sk;
    const sortKey = typeof sk === 'string' ? sk : (sk as { S?: string } | undefined)?.S;
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const write = entry.WriteCapacityUnits ?? (WRITES.has(command) ? (entry.CapacityUnits ?? 0) : 0);
      const read = entry.ReadCapacityUnits ?? (WRITES.has(command) ? 0 : (entry.CapacityUnits ?? 0));
      this.current.writeUnits += write;
      if (sortKey?.startsWith('DAY#')) this.current.keyDayWriteUnits += write;
      this.current.readUnits += read;
    }
  }
}

export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

export const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
