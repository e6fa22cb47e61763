import { Readable } from 'node:stream';
import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { describe, expect, it } from 'vitest';
import { createDynamoCatalog } from './dynamo-catalog';
import { createDynamoDbClient } from './dynamodb-client';
import { tableNames } from './table-definitions';

/** A DynamoDB endpoint that answers every request with the same error, counting them. */
const alwaysFailing = (type: string, status = 400) => {
  const seen = { requests: 0 };
  const requestHandler = {
    handle: async () => {
      seen.requests += 1;
      return {
        response: {
          statusCode: status,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: Readable.from([
            Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}` })),
          ]),
        },
      };
    },
  };
  const client = createDynamoDbClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 3,
    requestHandler,
  });
  return { client, seen };
};

describe('DynamoDB errors at the adapter boundary', () => {
  it.each([
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
  ])(
    'retries %s with the SDK, then answers StoreUnavailableError (503) with the cause',
    async (type) => {
      const { client, seen } = alwaysFailing(type);
      const catalog = createDynamoCatalog({ client, tables: tableNames('t-'), stockShards: 1 });
      const error = await catalog.get('p_1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error & { cause: Error }).cause.name).toBe(type);
      expect(seen.requests).toBe(3);
    },
    20_000,
  );

  it('answers a server fault that outlasts the retries as StoreUnavailableError too', async () => {
    const { client, seen } = alwaysFailing('InternalServerError', 500);
    const catalog = createDynamoCatalog({ client, tables: tableNames('t-'), stockShards: 1 });
    await expect(catalog.get('p_1')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(seen.requests).toBe(3);
  }, 20_000);

  it('lets a bug (a request DynamoDB calls invalid) through as it is, unretried', async () => {
    const { client, seen } = alwaysFailing('ValidationException');
    const catalog = createDynamoCatalog({ client, tables: tableNames('t-'), stockShards: 1 });
    const error = await catalog.get('p_1').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).name).toBe('ValidationException');
    expect(seen.requests).toBe(1);
  });
});
