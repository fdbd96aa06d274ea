import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from '../shared/metrics';

/**
 * One JSON logger per process. Request id, tenant and key id are appended per request; values
 * that are secrets (keys, passwords, tokens, peppers) are never passed to it.
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });
