import { mkdirSync } from 'node:fs';

// The AWS SDK's notice about Node 20 would be printed by the global setup's DynamoDB client.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `npm test` writes jest's JSON report here (CI reads its pass and fail counts); jest does not create folders.
mkdirSync('test-results', { recursive: true });

/**
 * Four jest projects: unit tests never start DynamoDB Local; stack tests synthesize the CDK app;
 * HTTP tests and store tests share one DynamoDB Local per run (started by their global setup, only
 * when one of them runs). TypeScript is compiled by @swc/jest (see README, "Tests").
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  // jose and the OpenAPI validator are published as ES modules only; jest runs CommonJS, so they are compiled like our code.
  transform: { '^.+\\.[tj]s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@seriousme)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The SDK is an ES module package whose relative imports name the .js files tsc emits; tests run its TypeScript.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFiles: ['<rootDir>/test/helpers/test-environment.ts'],
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'stack', testMatch: ['<rootDir>/test/stack/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'http',
      testMatch: ['<rootDir>/test/http/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/dynamo-global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/dynamo-global-teardown.ts',
    },
    {
      ...shared,
      // Stores against DynamoDB Local without the gateway: a changed expression fails next to its cause.
      displayName: 'store',
      testMatch: ['<rootDir>/test/store/**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/dynamo-global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/dynamo-global-teardown.ts',
    },
  ],
  // A safety net for a hung test, not a pace: on two cores busy with another run, the heaviest HTTP tests take minutes.
  testTimeout: 180_000,
  // HTTP tests mostly wait on DynamoDB Local, so three workers keep two cores busy. (A percentage here
  // left a worker hanging at the end of the run with jest 30.5; a number does not.)
  maxWorkers: 3,
};
