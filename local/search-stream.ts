import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { setTimeout as sleep } from 'node:timers/promises';
import { localClientConfig } from '../lambda/platform/dynamo';

/** How often the stream is read: Lambda's event source mapping polls a DynamoDB stream about four times a second. */
const POLL_MS = 250;
const RETRY_MS = 1_000;

export interface LocalStreamOptions {
  readonly endpoint: string;
  readonly table: string;
  /** Applies one batch of records; a rejection leaves the batch to be read and applied again. */
  readonly apply: (records: readonly _Record[]) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

/**
 * What Lambda's event source mapping does for the deployed indexer, against DynamoDB Local's
 * stream: reads each shard in order and moves past a batch only once it was applied, so a failed
 * or throttled indexing call is tried again and nothing is lost. Shards that exist at start are
 * read from their end (the local stack rebuilds the indexes from the table at start); shards that
 * appear later from their beginning.
 */
export class LocalSearchStream {
  private readonly streams: DynamoDBStreamsClient;
  private readonly dynamo: DynamoDBClient;
  private readonly iterators = new Map<string, string | undefined>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private idle: (() => void)[] = [];

  constructor(private readonly options: LocalStreamOptions) {
    // The stack's own credential for DynamoDB Local (it refuses any other), carried in the endpoint.
    const local = localClientConfig(options.endpoint);
    this.streams = new DynamoDBStreamsClient(local);
    this.dynamo = new DynamoDBClient(local);
  }

  async start(): Promise<void> {
    const arn = await this.streamArn();
    await this.discoverShards(arn, 'TRIM_HORIZON');
    this.loop = this.run(arn);
  }

  /** Resolves once every change written before the call has been applied (the stream read to its end). */
  settled(): Promise<void> {
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    for (const resolve of this.idle.splice(0)) resolve();
    this.streams.destroy();
    this.dynamo.destroy();
  }

  private async run(arn: string): Promise<void> {
    while (!this.stopped) {
      const waiting = this.idle.splice(0);
      try {
        await this.discoverShards(arn, 'TRIM_HORIZON');
        const read = await this.readOnce();
        if (read > 0) {
          this.idle.unshift(...waiting);
          continue;
        }
        for (const resolve of waiting) resolve();
        await sleep(POLL_MS);
      } catch (error) {
        this.idle.unshift(...waiting);
        this.options.onError(error);
        await sleep(RETRY_MS);
      }
    }
  }

  /** Reads and applies one batch from every shard; how many records there were. */
  private async readOnce(): Promise<number> {
    let read = 0;
    for (const [shard, iterator] of this.iterators) {
      if (!iterator) continue;
      let batch;
      try {
        batch = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      } catch (error) {
        if (!(error instanceof Error && /Trimmed|Expired/.test(error.name))) throw error;
        // DynamoDB Local refuses the first iterator it hands out for a new shard, and iterators expire: start the shard again.
        this.iterators.delete(shard);
        read += 1;
        continue;
      }
      const records = batch.Records ?? [];
      if (records.length > 0) await this.options.apply(records);
      read += records.length;
      this.iterators.set(shard, batch.NextShardIterator);
    }
    return read;
  }

  private async discoverShards(arn: string, from: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    const stream = await this.streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || this.iterators.has(id)) continue;
      const iterator = await this.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: from }));
      this.iterators.set(id, iterator.ShardIterator);
    }
  }

  private async streamArn(): Promise<string> {
    const table = await this.dynamo.send(new DescribeTableCommand({ TableName: this.options.table }));
    const arn = table.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.options.table} has no stream`);
    return arn;
  }
}
