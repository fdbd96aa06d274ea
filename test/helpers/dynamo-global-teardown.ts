/** Stops the DynamoDB Local that the global setup started. */
export default async function teardown(): Promise<void> {
  await globalThis.testDynamoLocal?.stop();
}
