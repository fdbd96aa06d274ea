import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', 'coverage/', 'test/**/__snapshots__/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Runtime code never depends on infrastructure code.
    files: ['lambda/**/*.ts', 'local/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/lib/*', '**/bin/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'lambda/ and local/ must not import infrastructure code' }] }],
    },
  },
);
