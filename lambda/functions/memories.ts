import { memoryOperations } from '../handlers/memories';
import { createHandler } from '../handlers/pipeline';
import { searchBackendsFromEnvironment } from '../search/search-backends';
import { dependenciesFromEnvironment, type Dependencies } from '../wiring/dependencies';

let deps: Dependencies | undefined;

/** Only this function (and the indexer) bundles the Bedrock and S3 Vectors clients. */
export const handler = createHandler('memories', memoryOperations, () => {
  deps ??= { ...dependenciesFromEnvironment(), search: searchBackendsFromEnvironment() };
  return deps;
});
