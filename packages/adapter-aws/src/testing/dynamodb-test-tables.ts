import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS } from '../aws-client-options';
import { deleteTables, ensureTables } from '../dynamodb/create-tables';
import { createDynamoDbClient } from '../dynamodb/dynamodb-client';
import { LOCAL_REGION } from '../dynamodb/dynamodb-local';
import { type TableKey, type TableNames, tableNames } from '../dynamodb/table-definitions';
import './dynamodb-local-context';

/**
 * The DynamoDB Local of this run; null when it could not start (the tests then skip), or when
 * the vitest project does not run the global setup at all.
 */
export const dynamodbEndpoint: string | null = inject('dynamodbEndpoint') ?? null;

/** For `describe.skipIf(withoutDynamoDb)`: the global setup has already said why, loudly. */
export const withoutDynamoDb = dynamodbEndpoint === null;

/** A client of this run's DynamoDB Local. */
export const localClient = (): DynamoDBClient => {
  if (dynamodbEndpoint === null) throw new Error('DynamoDB Local is not running');
  return createDynamoDbClient({
    region: LOCAL_REGION,
    endpoint: dynamodbEndpoint,
    credentials: LOCAL_CREDENTIALS,
  });
};

/**
 * Empty tables under a prefix no other test uses (tests of all files share one DynamoDB Local);
 * `drop` deletes them again so the instance does not grow for the whole run. `only` creates just
 * the tables a suite touches: creating a table is most of what a short test costs. Their TTL is
 * off: tests run on fake clocks set in the past, and DynamoDB Local deletes items whose expiry
 * has passed by the real clock, mid-test (create-tables.test.ts checks TTL is enabled).
 */
export const freshTables = async (
  client: DynamoDBClient,
  label: string,
  only?: readonly TableKey[],
): Promise<{ names: TableNames; drop: () => Promise<void> }> => {
  const names = tableNames(`t-${label}-${randomBytes(5).toString('hex')}-`);
  const wanted = only ? new Set<TableKey>(only) : null;
  await ensureTables(client, names, wanted ? (key) => wanted.has(key) : undefined, {
    timeToLive: false,
  });
  return { names, drop: () => deleteTables(client, names) };
};
