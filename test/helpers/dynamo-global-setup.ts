import { startDynamoLocal, type DynamoLocal } from '../../local/dynamo-local';
import { ensureEmbeddingCache } from '../../local/embedding-model';

/** Where the HTTP tests find the run's DynamoDB Local; each test file creates tables of its own. */
export const DYNAMO_ENDPOINT_ENVIRONMENT = 'TEST_DYNAMODB_ENDPOINT';

declare global {
  var testDynamoLocal: DynamoLocal | undefined;
}

/**
 * One in-memory DynamoDB Local for every HTTP and store test file of the run (workers inherit the
 * endpoint); the second project to run this setup finds it started. On a clean clone the local
 * embedding model's cache is made here too, once, before any test: otherwise the first test that
 * starts a server pays the conversion (about 30 s alone, minutes on a busy machine).
 */
export default async function setup(): Promise<void> {
  if (globalThis.testDynamoLocal) return;
  const [dynamo] = await Promise.all([startDynamoLocal({}), ensureEmbeddingCache()]);
  globalThis.testDynamoLocal = dynamo;
  process.env[DYNAMO_ENDPOINT_ENVIRONMENT] = globalThis.testDynamoLocal.endpoint;
}
