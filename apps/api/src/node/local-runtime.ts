import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFileBlobStore } from '@sellout/adapter-local/blobs/file-blob-store';
import {
  makePrivateDir,
  PRIVATE_DIR_MODE,
  sweepStaleTemporaryFiles,
} from '@sellout/adapter-local/files/private-files';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { createFileMailer } from '@sellout/adapter-local/mail/file-mailer';
import { createOutboxWorker } from '@sellout/adapter-local/outbox/outbox-worker';
import { createSqliteLiveRelay } from '@sellout/adapter-local/sqlite/sqlite-live-relay';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import type { ProcessOrderDeps } from '@sellout/core/orders/process-order';
import { stuckOrderReason } from '@sellout/core/orders/retry-order';
import { createSimulatedPaymentGateway } from '@sellout/core/payments/simulated-payment-gateway';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createOrderProcessor } from '../worker/order-processor';
import { loadLocalSecrets } from './local-secrets';

/**
 * Everything a single-machine Sellout runs on, shared by `npm start` and `npm run worker`:
 * one SQLite file, mail and invoices as files, all under DATA_DIR.
 */
export const openLocalRuntime = (config: Config, logger: Logger, role: 'server' | 'worker') => {
  const dataDir = resolve(config.DATA_DIR);
  // A DATA_DIR the shop creates is the owner's only; one that exists is the operator's choice.
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Files being written (mail, invoices) wait here, outside the folders anyone reads, and the
  // leftovers of a process killed mid-write are cleared on start.
  const tempDir = join(dataDir, 'tmp');
  makePrivateDir(tempDir);
  // Narrowed at every start: an older version created them world-readable.
  for (const dir of ['mail', 'invoices']) makePrivateDir(join(dataDir, dir));
  const staleTemporaryFiles = sweepStaleTemporaryFiles(tempDir);
  if (staleTemporaryFiles > 0) logger.info({ staleTemporaryFiles }, 'removed unfinished writes');
  const secrets = loadLocalSecrets(dataDir, {
    adminToken: config.ADMIN_TOKEN,
    sessionSecret: config.SESSION_SECRET,
  });
  const store = createSqliteStore({ file: join(dataDir, 'sellout.db'), clock: systemClock });
  const shop = { name: config.SHOP_NAME, currency: config.SHOP_CURRENCY };
  const live = createInProcessLiveHub({
    onClientError: (error) => logger.warn({ err: error }, 'could not send a live update'),
  });
  // A worker in its own process has no WebSocket clients: its events go through the database
  // to the server, which always follows them (a separate worker may run beside an inline one).
  const relay = createSqliteLiveRelay(store.db, systemClock, (error) =>
    logger.warn({ err: error }, 'could not relay a live update yet; will retry'),
  );
  const stopFollowing = role === 'server' ? relay.follow(live) : () => {};
  const blobs = createFileBlobStore({ root: dataDir, tempDir });
  const paymentLog = logger.child({ component: 'payments' });
  const processing: ProcessOrderDeps = {
    orders: store.orders,
    payments: createSimulatedPaymentGateway((request, outcome) =>
      paymentLog.info(
        {
          orderId: request.orderId,
          amountCents: request.amountCents,
          token: request.paymentToken,
          outcome,
        },
        'simulated charge',
      ),
    ),
    blobs,
    mailer: createFileMailer({ dir: join(dataDir, 'mail'), tempDir, from: config.MAIL_FROM }),
    live: role === 'worker' ? relay.publisher : live,
    clock: systemClock,
    shop,
  };
  const workerLog = logger.child({ component: 'worker' });
  const worker = createOutboxWorker({
    queue: store.orderQueue,
    handle: createOrderProcessor(processing, workerLog),
    onDeadLetter: (message) =>
      store.orders.recordProcessingFailure(message.orderId, stuckOrderReason(message.attempt)),
    log: workerLog,
    concurrency: config.WORKER_CONCURRENCY,
    visibilityMs: config.WORKER_VISIBILITY_MS,
  });
  return {
    dataDir,
    secrets,
    store,
    ids: createSystemIds(),
    clock: systemClock,
    shop,
    live,
    blobs,
    worker,
    /** Stops the worker (letting orders in progress finish) and closes the database. */
    async close() {
      stopFollowing();
      await worker.stop();
      live.stop();
      store.close();
    },
  };
};

export type LocalRuntime = ReturnType<typeof openLocalRuntime>;
