import { describeCartsContract } from '@sellout/core/testing/carts.contract';
import { describeCatalogContract } from '@sellout/core/testing/catalog.contract';
import { describeInteractionsContract } from '@sellout/core/testing/interactions.contract';
import type { StoreFactory } from '@sellout/core/testing/store-factory';
import { afterAll, describe } from 'vitest';
import { freshTables, localClient, withoutDynamoDb } from '../testing/dynamodb-test-tables';
import { createDynamoCarts } from './dynamo-carts';
import { createDynamoCatalog } from './dynamo-catalog';
import { createDynamoInteractions } from './dynamo-interactions';
import type { TableKey } from './table-definitions';

describe.skipIf(withoutDynamoDb)('DynamoDB store', () => {
  const client = withoutDynamoDb ? null : localClient();
  afterAll(() => client?.destroy());

  for (const stockShards of [1, 8]) {
    const storesOver =
      (only?: TableKey[]): StoreFactory =>
      async () => {
        const tables = await freshTables(client!, `s${stockShards}`, only);
        const options = { client: client!, tables: tables.names };
        return {
          catalog: createDynamoCatalog({ ...options, stockShards }),
          carts: createDynamoCarts(options),
          interactions: createDynamoInteractions(options),
          orders: undefined as never,
          close: tables.drop,
        };
      };
    const name = `dynamodb, ${stockShards} stock shard${stockShards > 1 ? 's' : ''}`;
    describeCatalogContract(name, storesOver(['products', 'uniques']));
    describeCartsContract(name, storesOver(['carts']));
    describeInteractionsContract(name, storesOver(['interactions']));
  }
});
