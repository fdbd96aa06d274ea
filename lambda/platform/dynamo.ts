import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../domain/errors';
import type { TableName } from '../shared/table-schemas';
import { traceClient } from './tracing';
import { CALL_ATTEMPTS, CALL_TIMEOUTS, budgeted } from './budget';

/** Each table's deployed name. */
export type TableNames = Readonly<Record<TableName, string>>;

/**
 * The one DynamoDB client of a process: bounded attempts with timeouts, and every call within the
 * current request's budget (a call that gets no answer in time is a 503). `endpoint` is set only by
 * the local gateway, which points the same code at DynamoDB Local.
 */
export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const local = endpoint ? localClientConfig(endpoint) : {};
  const raw = new DynamoDBClient({ ...local, maxAttempts: CALL_ATTEMPTS, requestHandler: CALL_TIMEOUTS });
  const client = endpoint ? raw : traceClient(raw);
  // convertClassInstanceToMap: the marshaller tells plain objects by `constructor.name`, which a metadata key named "constructor" would shadow.
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  const send = documents.send.bind(documents) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  // Stores only ever call send(command): each call gets the abort signal of the request's budget.
  documents.send = ((command: unknown) => budgeted((abortSignal) => send(command, { abortSignal }))) as typeof documents.send;
  return documents;
}

/** Error names the SDK's HTTP handler and an aborted call give when a store (DynamoDB, Secrets Manager) did not answer in time. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A transaction's items under names, in the order written: a cancellation is read by name
 * (`failedConditions`), never by position, so reordering the items cannot swap what a failure means.
 */
export type NamedItems<N extends string> = Readonly<Record<N, TransactItem>>;

/** TransactWriteItems over named items (see `transactWrite`). */
export function transactNamed<N extends string>(db: DynamoDBDocumentClient, items: NamedItems<N>): Promise<void> {
  return transactWrite(db, { TransactItems: Object.values<TransactItem>(items) });
}

/** The named items whose condition failed when `error` cancelled their transaction (none for any other error). */
export function failedConditions<N extends string>(error: unknown, items: NamedItems<N>): ReadonlySet<N> {
  const reasons = cancellationReasons(error) ?? [];
  return new Set((Object.keys(items) as N[]).filter((_name, index) => reasons[index] === 'ConditionalCheckFailed'));
}

/** Reasons a TransactWriteItems call was cancelled, one per item ('None' where the item was fine). */
function cancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code ?? 'None');
}

const CONFLICT_ATTEMPTS = 5;

/**
 * TransactWriteItems, retried with jittered backoff when DynamoDB cancels it for a conflict with
 * another transaction on the same item (the SDK does not retry those). Still conflicting after
 * that: the client is told to retry, never given a 500.
 */
export async function transactWrite(db: DynamoDBDocumentClient, input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflictOnly = reasons?.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (!conflictOnly) throw error;
      if (attempt === CONFLICT_ATTEMPTS) {
        throw new DomainError('contention', 'Too many concurrent changes to this account; retry shortly');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/**
 * A client of DynamoDB Local: its endpoint names, as its user, the access key id DynamoDB Local
 * answers (`http://<key>@127.0.0.1:<port>`, see local/dynamo-local.ts).
 */
export function localClientConfig(endpoint: string) {
  const url = new URL(endpoint);
  const accessKeyId = decodeURIComponent(url.username) || 'local';
  return { endpoint: `${url.protocol}//${url.host}`, region: 'local', credentials: { accessKeyId, secretAccessKey: 'local' } };
}
