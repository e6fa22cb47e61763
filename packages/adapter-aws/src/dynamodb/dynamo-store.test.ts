import { describeCartsContract } from '@sellout/core/testing/carts.contract';
import { describeCatalogContract } from '@sellout/core/testing/catalog.contract';
import { describeInteractionsContract } from '@sellout/core/testing/interactions.contract';
import { describeOrdersContract } from '@sellout/core/testing/orders.contract';
import type { StoreFactory } from '@sellout/core/testing/store-factory';
import { afterAll, describe } from 'vitest';
import { freshTables, localClient, withoutDynamoDb } from '../testing/dynamodb-test-tables';
import { createDynamoStore } from './dynamo-store';
import type { TableKey } from './table-definitions';

describe.skipIf(withoutDynamoDb)('DynamoDB store', () => {
  const client = withoutDynamoDb ? null : localClient();
  afterAll(() => client?.destroy());

  for (const stockShards of [1, 8]) {
    /** A store over fresh tables; `only` creates just the tables the suite touches. */
    const storesOver =
      (only?: TableKey[]): StoreFactory =>
      async (clock, options) => {
        const tables = await freshTables(client!, `s${stockShards}`, only);
        const store = createDynamoStore({
          client: client!,
          tables: tables.names,
          stockShards,
          clock,
          ...options,
        });
        return { ...store, close: tables.drop };
      };
    const name = `dynamodb, ${stockShards} stock shard${stockShards > 1 ? 's' : ''}`;
    // Orders too: units sold are counted from orders placed and cancelled.
    describeCatalogContract(name, storesOver(['products', 'uniques', 'orders']));
    describeCartsContract(name, storesOver(['carts', 'products', 'orders', 'uniques']));
    describeOrdersContract(name, storesOver());
    describeInteractionsContract(name, storesOver(['interactions']));
  }
});
