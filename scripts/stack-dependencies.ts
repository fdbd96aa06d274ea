import { createDocumentClient } from '../lambda/platform/dynamo';
import { ApiGatewayKeyProvisioner } from '../lambda/gateway-keys';
import { createDependencies, type Dependencies } from '../lambda/wiring/dependencies';
import { SecretsManagerSource } from '../lambda/platform/secrets';
import { parseAppConfig } from '../lambda/shared/config';
import { SEARCH_ENVIRONMENT, searchBackendsFromEnvironment } from '../lambda/search/search-backends';
import { metricsNamespace } from '../lambda/shared/metrics';
import { CloudWatchMetrics } from './cloudwatch-metrics';

/**
 * The dependencies an operator's script needs against a deployed stack, from the outputs that
 * `cdk deploy --outputs-file` writes (a file may hold several stacks: the first with the outputs wins).
 */
export function dependenciesFromStackOutputs(
  stacks: Record<string, Record<string, string>>,
  source: string,
): Dependencies & { readonly metrics: CloudWatchMetrics } {
  const outputs = Object.values(stacks).find(
    (candidate) => candidate.AccountsTableName && candidate.ApiKeysTableName && candidate.UsagePlanPrefix,
  );
  if (!outputs?.AccountsTableName || !outputs.ApiKeysTableName || !outputs.UsagePlanPrefix) {
    throw new Error(`${source} has no stack with AccountsTableName, ApiKeysTableName and UsagePlanPrefix outputs`);
  }
  const config = parseAppConfig(JSON.parse(outputs.AppConfig ?? '{}'), `${source} AppConfig`);
  // The stack's alarms watch these (a dedicated key that could not be made, for one).
  const metrics = new CloudWatchMetrics(metricsNamespace(config.stage));
  const deps = createDependencies({
    config,
    metrics,
    db: createDocumentClient(),
    tables: {
      accounts: outputs.AccountsTableName,
      apiKeys: outputs.ApiKeysTableName,
      memories: outputs.MemoriesTableName ?? '',
      usage: outputs.UsageTableName ?? '',
      audit: outputs.AuditTableName ?? '',
    },
    secrets: new SecretsManagerSource({ pepper: outputs.PepperSecretArn ?? '', jwt: outputs.JwtSecretArn ?? '' }),
    gatewayKeys: new ApiGatewayKeyProvisioner(outputs.UsagePlanPrefix),
    search: searchBackendsFromEnvironment({
      [SEARCH_ENVIRONMENT.vectorBuckets]: outputs.VectorBucketNames ?? '',
      [SEARCH_ENVIRONMENT.embeddingDimension]: String(config.search.embeddingDimension),
    }),
  });
  return { ...deps, metrics };
}
