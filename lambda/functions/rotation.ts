import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { instrumented } from '../platform/invocation';
import { logger } from '../platform/logger';
import { traceClient } from '../platform/tracing';
import { rotateSigningKey, type RotationEvent } from '../rotation/signing-key-rotation';

const client = traceClient(new SecretsManagerClient({}));

/** The JWT signing key's rotation function, which Secrets Manager calls once per step. It never logs a value. */
export const handler = instrumented(
  {
    name: 'rotation',
    budgetMs: 'per-call',
    requestId: (_event: RotationEvent, context: Context) => context.awsRequestId,
    annotations: (event) => ({ step: event.Step }),
  },
  async (event): Promise<void> => {
    logger.appendKeys({ rotation_step: event.Step });
    try {
      await rotateSigningKey(client, event, Date.now());
      logger.info('rotation step done');
    } catch (error) {
      logger.error('rotation step failed', error instanceof Error ? error : String(error));
      throw error;
    }
  },
);
