import { startDynamoLocal, type DynamoLocal } from '../../local/dynamo-local';

/** Where the HTTP tests find the run's DynamoDB Local; each test file creates tables of its own. */
export const DYNAMO_ENDPOINT_ENVIRONMENT = 'TEST_DYNAMODB_ENDPOINT';

declare global {
  var testDynamoLocal: DynamoLocal | undefined;
}

/**
 * One in-memory DynamoDB Local for every HTTP and store test file of the run (workers inherit the
 * endpoint); the second project to run this setup finds it started.
 */
export default async function setup(): Promise<void> {
  if (globalThis.testDynamoLocal) return;
  globalThis.testDynamoLocal = await startDynamoLocal({});
  process.env[DYNAMO_ENDPOINT_ENVIRONMENT] = globalThis.testDynamoLocal.endpoint;
}
