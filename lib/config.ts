import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { mergeTierOverrides, parseAppConfig, type AppConfig } from '../lambda/shared/config';

/** The CDK context key holding the deployment configuration (cdk.json or `-c memoryApi='{...}'`). */
export const CONFIG_CONTEXT_KEY = 'memoryApi';
const SOURCE = `CDK context "${CONFIG_CONTEXT_KEY}"`;

/**
 * Reads, merges and validates the deployment configuration from CDK context, so a bad value fails
 * synth with one readable message instead of reaching a Lambda. The same schema parses APP_CONFIG
 * again at cold start.
 */
export function readAppConfig(scope: Construct): AppConfig {
  const input = contextObject(scope.node.tryGetContext(CONFIG_CONTEXT_KEY));
  const { tiers, ...rest } = input;
  // Only an object of tier overrides is merged; anything else goes to the schema, which names the problem.
  const mergedTiers = tiers === undefined || isPlainObject(tiers) ? mergeTierOverrides(tiers) : tiers;
  return parseAppConfig({ ...rest, tiers: mergedTiers }, SOURCE);
}

/** Data is kept when a production stack is deleted; every other stage cleans up after itself. */
export function removalPolicyFor(stage: string): RemovalPolicy {
  return stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/** `-c memoryApi='{...}'` arrives as a string, cdk.json gives an object. */
function contextObject(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error(`Invalid configuration in ${SOURCE}: (root): not valid JSON`);
    }
  }
  if (!isPlainObject(value)) throw new Error(`Invalid configuration in ${SOURCE}: (root): must be an object`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
