/** Stops the DynamoDB Local that the global setup started (once: every project that shares it runs this teardown). */
export default async function teardown(): Promise<void> {
  const running = globalThis.testDynamoLocal;
  globalThis.testDynamoLocal = undefined;
  await running?.stop();
}
