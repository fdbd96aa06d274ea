import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const INFRASTRUCTURE = {
  group: ['**/lib/*', '**/bin/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
  message: 'lambda/ and local/ must not import infrastructure code',
};
const TESTS = { group: ['**/test/*', '**/test/**'], message: 'only tests import test code' };
const HTTP_ERRORS = {
  group: ['**/http/errors'],
  importNames: ['ApiError'],
  message: 'stores and platform adapters throw domain errors (lambda/domain/errors.ts); only the HTTP layer answers with ApiError',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.local-data/',
      'coverage/',
      'test-results/',
      'test/**/__snapshots__/',
      'sdk/dist/',
      'sdk/src/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['*.js'], languageOptions: { globals: { process: 'readonly' } } },
  // Dependencies point one way: runtime code never imports infrastructure, nothing but tests imports tests.
  { files: ['lambda/**/*.ts', 'local/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [INFRASTRUCTURE, TESTS] }] } },
  {
    files: [
      'lambda/store/**/*.ts',
      'lambda/platform/**/*.ts',
      'lambda/gateway-keys/**/*.ts',
      'lambda/api-keys/**/*.ts',
      'lambda/search/**/*.ts',
      'lambda/audit/**/*.ts',
      'lambda/provisioning/**/*.ts',
      'lambda/wiring/**/*.ts',
      'lambda/domain/**/*.ts',
      'lambda/shared/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [INFRASTRUCTURE, TESTS, HTTP_ERRORS] }] },
  },
  { files: ['lib/**/*.ts', 'bin/**/*.ts', 'scripts/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [TESTS] }] } },
);
