import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'api',
    // The API suites also run against DynamoDB Local: the same instance as adapter-aws's.
    globalSetup: ['../../packages/adapter-aws/src/testing/dynamodb-local.global-setup.ts'],
    // DynamoDB Local answers a few hundred requests a second, and each DynamoDB test app
    // creates its own tables: its variants of the suites need more than the default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
