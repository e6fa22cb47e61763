import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Carts } from '@sellout/core/carts/carts-port';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Interactions } from '@sellout/core/recommendations/interactions-port';
import type { Clock } from '@sellout/core/shared/system';
import { createDynamoCarts } from './dynamo-carts';
import { createDynamoCatalog } from './dynamo-catalog';
import { createDynamoInteractions } from './dynamo-interactions';
import { createDynamoOrders } from './dynamo-orders';
import type { TableNames } from './table-definitions';

export type DynamoStore = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  interactions: Interactions;
};

export type DynamoStoreOptions = {
  client: DynamoDBClient;
  tables: TableNames;
  /** STOCK_SHARDS: stock items per product created or restocked from now on. */
  stockShards: number;
  /** The shop's time: carts and interest scores idle out by it. */
  clock: Clock;
  /** How long carts and interest scores live after their last change (CART_TTL_DAYS). */
  guestDataTtlMs: number;
  /** A purchase could not be recorded for recommendations after its order was stored. */
  onPurchasesLost?: (error: unknown) => void;
  /** Each checkout transaction's consumed write capacity. */
  onConsumedCapacity?: (units: number) => void;
};

/** Every DynamoDB-backed port over one client and one set of tables. */
export const createDynamoStore = (options: DynamoStoreOptions): DynamoStore => {
  const { client, tables, clock, guestDataTtlMs } = options;
  const interactions = createDynamoInteractions({ client, tables, clock, guestDataTtlMs });
  return {
    catalog: createDynamoCatalog({ client, tables, stockShards: options.stockShards }),
    carts: createDynamoCarts({ client, tables, clock, guestDataTtlMs }),
    orders: createDynamoOrders({
      client,
      tables,
      interactions,
      clock,
      guestDataTtlMs,
      ...(options.onPurchasesLost && { onPurchasesLost: options.onPurchasesLost }),
      ...(options.onConsumedCapacity && { onConsumedCapacity: options.onConsumedCapacity }),
    }),
    interactions,
  };
};
