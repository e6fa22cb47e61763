import { standInCredentials } from '@sellout/adapter-aws/aws-client-options';
import { ensureTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { stockLevelOf } from '@sellout/core/catalog/product';
import { unitsByProduct } from '@sellout/core/orders/order';
import type { Orders } from '@sellout/core/orders/orders-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { buildDeliveryDeps, type RuntimeParts, workerRetryPolicy } from '../wiring/build-deps';
import { openShopDynamoStore } from '../wiring/shop-store';
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
 * poller over PENDING orders (the AWS shape, stream and SQS, is `npm run start:aws-local`).
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
    credentials: standInCredentials(endpoint),
  });
  const { tables, store } = openShopDynamoStore(client, config, logger);
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
