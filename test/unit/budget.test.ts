import { createServer, type Server, type Socket } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { budgeted, isUnavailable, unavailable, withBudget } from '../../lambda/platform/budget';
import { createDocumentClient } from '../../lambda/platform/dynamo';
import { toApiError } from '../../lambda/handlers/error-answers';
import { ApiError } from '../../lambda/http/errors';

/** A call that answers only when aborted, as a stalled store does. */
const stalled = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
  );

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('the request budget', () => {
  it('turns a call still waiting when the budget runs out into 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    // Act
    const error = await withBudget(50, () => budgeted(stalled)).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(toApiError(error)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
      headers: { 'Retry-After': '2', 'X-RateLimit-Retry-After': '2' },
    });
  });

  it('shares one budget between the calls of a request: a later call gets what is left, and none once it is spent', async () => {
    // Act
    const attempt = withBudget(60, async () => {
      await budgeted(() => new Promise((resolve) => setTimeout(resolve, 80)));
      return budgeted(async () => 'never started');
    });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it.each([
    ['an abort', named('AbortError')],
    ['a timeout', named('TimeoutError')],
    ['throttling after retries', named('ProvisionedThroughputExceededException')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a server error', named('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['a dropped socket', new Error('socket hang up')],
  ])('takes %s for no answer', (_label, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a failed condition', named('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } })],
    ['a validation error', named('ValidationException', { $metadata: { httpStatusCode: 400 } })],
    ['a client error', new ApiError('NOT_FOUND', 'no')],
    ['a bug', new TypeError('x is undefined')],
  ])('takes %s for an answer, not for unavailability', (_label, error) => {
    expect(isUnavailable(error)).toBe(false);
  });

  it('keeps an error that is an answer as it is', async () => {
    // Prepare
    const refusal = named('ConditionalCheckFailedException');

    // Act
    const attempt = withBudget(1_000, () => budgeted(() => Promise.reject(refusal)));

    // Assess
    await expect(attempt).rejects.toBe(refusal);
    expect(toApiError(unavailable())?.status).toBe(503);
  });
});

describe('the DynamoDB client against a store that does not answer', () => {
  let blackHole: Server;
  const sockets: Socket[] = [];
  let port = 0;

  beforeAll(async () => {
    // Accepts connections and never answers, like a stopped (SIGSTOP) DynamoDB Local.
    blackHole = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    port = (blackHole.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('answers 503 when the budget runs out, instead of waiting for the store', async () => {
    // Prepare
    const db = createDocumentClient(`http://127.0.0.1:${port}`);

    // Act
    const attempt = withBudget(500, () => db.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })));

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unavailable' });
    db.destroy();
  });

  it('answers 503 after its bounded retries when nothing listens', async () => {
    // Prepare: a port that was free a moment ago.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const db = createDocumentClient(`http://127.0.0.1:${closedPort}`);

    // Act
    const attempt = withBudget(5_000, () => db.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })));

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'unavailable' });
    db.destroy();
  });
});
