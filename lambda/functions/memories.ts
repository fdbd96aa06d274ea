import { memoryOperations } from '../handlers/memories';
import { createHandler } from '../handlers/pipeline';
import { searchBackendsFromEnvironment } from '../search/search-backends';
import { servicesFromEnvironment, type Services } from '../services/services';

let services: Services | undefined;

/** Only this function (and the indexer) bundles the Bedrock and S3 Vectors clients. */
export const handler = createHandler('memories', memoryOperations, () => {
  services ??= { ...servicesFromEnvironment(), search: searchBackendsFromEnvironment() };
  return services;
});
