import { ensureTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import { createDynamoStore } from '@sellout/adapter-aws/dynamodb/dynamo-store';
import {
  createDynamoDbClient,
  DYNAMODB_LOCAL_CREDENTIALS,
} from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { stockLevelOf } from '@sellout/core/catalog/product';
import { unitsByProduct } from '@sellout/core/orders/order';
import type { Orders } from '@sellout/core/orders/orders-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { buildDeliveryDeps, type RuntimeParts, workerRetryPolicy } from '../wiring/build-deps';
import { createOrderProcessor } from '../worker/order-processor';
import { openLocalFiles } from './local-files';
import { wakingOnPlace } from './local-runtime';
import { createPendingOrderPoller } from './pending-order-poller';

/**
 * Stock levels for the live socket after a checkout or a cancel. A DynamoDB transaction
 * returns none; on AWS the products stream will carry them (next issue). On one machine they
 * are read back, one read per product, and a failed read only costs the live message.
 */
const readingStockBack = (orders: Orders, catalog: Catalog, logger: Logger): Orders => {
  const levelsOf = async (productIds: string[]) => {
    try {
      return (await catalog.getMany(productIds)).map(stockLevelOf);
    } catch (error) {
      logger.warn({ err: error }, 'could not read stock back for live updates');
      return undefined;
    }
  };
  return {
    ...orders,
    place: async (command) => {
      const outcome = await orders.place(command);
      if (outcome.kind !== 'placed') return outcome;
      const stock = await levelsOf([...unitsByProduct(outcome.order.lines).keys()]);
      return stock ? { ...outcome, stock } : outcome;
    },
    cancel: async (id, cancellation) => {
      const outcome = await orders.cancel(id, cancellation);
      if (outcome.kind !== 'cancelled') return outcome;
      const stock = await levelsOf([...unitsByProduct(outcome.order.lines).keys()]);
      return stock ? { ...outcome, stock } : outcome;
    },
  };
};

export class DynamoUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoUnreachableError';
  }
}

/**
 * `STORE=dynamodb` on one machine: catalog, carts, orders and interactions in DynamoDB (DynamoDB
 * Local at DYNAMODB_ENDPOINT, or the real service with the default credential chain), mail,
 * invoices and secrets under DATA_DIR, live updates in process, and orders processed by a
 * poller over PENDING orders until the next issue brings the stream and SQS.
 */
export const openDynamoRuntime = async (
  config: Config,
  logger: Logger,
  role: 'server' | 'worker',
) => {
  const { dataDir, secrets, files, blobs, mailer, live } = openLocalFiles(config, logger);
  const endpoint = config.DYNAMODB_ENDPOINT;
  const client = createDynamoDbClient({
    region: config.AWS_REGION ?? 'us-east-1',
    endpoint,
    // DynamoDB Local takes any key; the real service gets the default credential chain.
    ...(endpoint && !process.env.AWS_ACCESS_KEY_ID && { credentials: DYNAMODB_LOCAL_CREDENTIALS }),
  });
  const tables = tableNames(config.TABLE_PREFIX);
  if (endpoint) {
    try {
      const { created, indexesAdded } = await ensureTables(client, tables);
      if (created.length > 0) logger.info({ created }, 'created the missing DynamoDB tables');
      if (indexesAdded.length > 0) {
        logger.info({ indexesAdded }, 'added the missing DynamoDB indexes');
      }
    } catch (error) {
      client.destroy();
      throw new DynamoUnreachableError(
        `Could not prepare the DynamoDB tables at ${endpoint}: ${(error as Error).message}. ` +
          'Is DynamoDB Local running there? (npm run dynamodb-local starts one on port 8000.)',
        { cause: error },
      );
    }
  }
  const store = createDynamoStore({
    client,
    tables,
    stockShards: config.STOCK_SHARDS,
    clock: systemClock,
    // Idle carts and scores are deleted by DynamoDB's TTL: no sweep runs in this runtime.
    guestDataTtlMs: config.CART_TTL_DAYS * DAY_MS,
    onPurchasesLost: (error) =>
      logger.warn({ err: error }, 'could not record purchases for recommendations'),
  });
  // Only the server has live clients to tell; a separate worker's changes reach nobody here.
  const orders =
    role === 'server' ? readingStockBack(store.orders, store.catalog, logger) : store.orders;
  const workerLog = logger.child({ component: 'worker' });
  // The poller's deliveries need the parts, and the parts' dispatch needs the poller.
  let resend: (orderId: string) => void = () => {};
  const parts: RuntimeParts = {
    store: { ...store, orders },
    sides: { blobs, mailer, live, dispatch: { resend: async (orderId) => resend(orderId) } },
    config,
    logger,
    clock: systemClock,
    ids: createSystemIds(),
  };
  const worker = createPendingOrderPoller({
    orders,
    handle: createOrderProcessor(buildDeliveryDeps(parts), workerLog),
    log: workerLog,
    clock: systemClock,
    concurrency: config.WORKER_CONCURRENCY,
    retry: workerRetryPolicy(config),
  });
  resend = worker.resend;
  const inline = role === 'server' && config.WORKER === 'inline';
  return {
    dataDir,
    secrets,
    parts: inline
      ? { ...parts, store: { ...parts.store, orders: wakingOnPlace(orders, worker.wake) } }
      : parts,
    live,
    worker,
    tables,
    /** The worker here runs at a fixed WORKER_CONCURRENCY: requests do not pace it (ADR 42). */
    noteRequest: () => {},
    /** Stops the worker (letting orders in progress finish) and the client. */
    async close() {
      await worker.stop();
      live.stop();
      client.destroy();
      await files.close();
    },
  };
};
