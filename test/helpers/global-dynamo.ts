import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../local/dynamo-local';

/** One in-memory DynamoDB Local for the whole run; each test file uses tables of its own. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => dynamo.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
