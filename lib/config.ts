import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { resolveAppConfig, type AppConfig } from '../lambda/shared/config';

/** The CDK context key holding the deployment configuration (cdk.json or `-c memoryApi='{...}'`). */
export const CONFIG_CONTEXT_KEY = 'memoryApi';
const SOURCE = `CDK context "${CONFIG_CONTEXT_KEY}"`;

/**
 * Reads, merges and validates the deployment configuration from CDK context, so a bad value fails
 * synth with one readable message instead of reaching a Lambda. `npm start` reads MEMORY_API_CONFIG
 * with the same rule; functions read the resolved value (APP_CONFIG) without parsing it again.
 */
export function readAppConfig(scope: Construct): AppConfig {
  return resolveAppConfig(scope.node.tryGetContext(CONFIG_CONTEXT_KEY), SOURCE);
}

/** Data is kept when a production stack is deleted; every other stage cleans up after itself. */
export function removalPolicyFor(stage: string): RemovalPolicy {
  return stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
