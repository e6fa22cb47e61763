import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'adapter-aws',
    // One DynamoDB Local for the whole run, shared with the api project (see the file).
    globalSetup: ['./src/testing/dynamodb-local.global-setup.ts'],
    // DynamoDB Local answers a few hundred requests a second: the race tests take a while.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
