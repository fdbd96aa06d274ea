import { createHmac } from 'node:crypto';

/**
 * Keys carry 190 bits of randomness, so a fast keyed hash is right: a stolen table is useless
 * without the pepper, which lives in Secrets Manager.
 */
export function hashApiKey(key: string, pepper: string): string {
  return createHmac('sha256', pepper).update(key).digest('hex');
}
