import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStore } from '@sellout/adapter-aws/dynamodb/dynamo-store';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { systemClock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import type { Logger } from 'pino';
import type { Config } from '../config';

/**
 * The shop's DynamoDB store as every runtime opens it (the Node server, the Lambda roles):
 * tables under TABLE_PREFIX, idle carts and scores gone after CART_TTL_DAYS (DynamoDB's TTL
 * deletes them; no sweep runs), a lost purchase record only logged.
 */
export const openShopDynamoStore = (
  client: DynamoDBClient,
  config: Pick<Config, 'TABLE_PREFIX' | 'STOCK_SHARDS' | 'CART_TTL_DAYS'>,
  logger: Logger,
) => {
  const tables = tableNames(config.TABLE_PREFIX);
  const store = createDynamoStore({
    client,
    tables,
    stockShards: config.STOCK_SHARDS,
    clock: systemClock,
    guestDataTtlMs: config.CART_TTL_DAYS * DAY_MS,
    onPurchasesLost: (error) =>
      logger.warn({ err: error }, 'could not record purchases for recommendations'),
  });
  return { tables, store };
};
