import { join } from 'node:path';
import { outboxDispatch } from '@sellout/adapter-local/outbox/outbox';
import { createOutboxWorker, type OutboxWorker } from '@sellout/adapter-local/outbox/outbox-worker';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import type { Orders } from '@sellout/core/orders/orders-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { buildDeliveryDeps, type RuntimeParts, workerRetryPolicy } from '../wiring/build-deps';
import { createOrderProcessor } from '../worker/order-processor';
import { startGuestDataSweep } from './guest-data-sweep';
import { openLocalFiles } from './local-files';
import { createWorkerPace, type WorkerPace } from './worker-pace';

/** Wakes the in-process worker the moment an order is stored, instead of at its next poll. */
export const wakingOnPlace = (orders: Orders, wake: () => void): Orders => ({
  ...orders,
  place: async (command) => {
    const outcome = await orders.place(command);
    if (outcome.kind === 'placed') wake();
    return outcome;
  },
});

/**
 * Hands each order placed here to the in-process worker in the commit that stores it: the
 * worker's claim joins the checkout's group commit, after it, instead of waiting for a poll.
 */
const claimingOnPlace = (orders: Orders, worker: OutboxWorker): Orders => ({
  ...orders,
  place: (command) => {
    const placing = orders.place(command);
    worker.claimWithQueuedWrites();
    return placing;
  },
});

/**
 * Everything a single-machine Sellout runs on, shared by `npm start` and `npm run worker`:
 * one SQLite file, mail and invoices as files, all under DATA_DIR.
 */
export const openLocalRuntime = (config: Config, logger: Logger, role: 'server' | 'worker') => {
  const { dataDir, secrets, files, blobs, mailer, live } = openLocalFiles(config, logger);
  const store = createSqliteStore({
    file: join(dataDir, 'sellout.db'),
    clock: systemClock,
    guestDataTtlMs: config.CART_TTL_DAYS * DAY_MS,
  });
  // A worker in its own process has no WebSocket clients: its events go through the database
  // to the server, which always follows them (a separate worker may run beside an inline one).
  const relay = store.liveRelay((error) =>
    logger.warn({ err: error }, 'could not relay a live update yet; will retry'),
  );
  const stopFollowing = role === 'server' ? relay.follow(live) : () => {};
  const parts: RuntimeParts = {
    store,
    sides: {
      blobs,
      mailer,
      dispatch: outboxDispatch(store.outbox),
      live: role === 'worker' ? relay.publisher : live,
    },
    config,
    logger,
    clock: systemClock,
    ids: createSystemIds(),
  };
  const inline = role === 'server' && config.WORKER === 'inline';
  const workerLog = logger.child({ component: 'worker' });
  // Inside the server the worker shares the event loop with checkout, and paces itself.
  let pace: WorkerPace | null = null;
  const worker = createOutboxWorker({
    queue: store.outbox,
    handle: createOrderProcessor(buildDeliveryDeps(parts), workerLog),
    log: workerLog,
    concurrency: inline ? () => pace?.limit() ?? 1 : config.WORKER_CONCURRENCY,
    visibilityMs: config.WORKER_VISIBILITY_MS,
    retry: workerRetryPolicy(config),
  });
  pace = inline
    ? createWorkerPace({
        max: config.WORKER_CONCURRENCY,
        wake: worker.wake,
        due: (atMost) => store.outbox.countDue(atMost),
        diskWaitMs: store.diskWaitMs,
      })
    : null;
  // One sweeper per store is enough: the server's (a separate worker shares its file).
  const sweep = role === 'server' ? startGuestDataSweep(store, logger) : null;
  return {
    dataDir,
    secrets,
    parts: {
      ...parts,
      store: inline ? { ...store, orders: claimingOnPlace(store.orders, worker) } : store,
      // The server's own clients hear about everything, the worker's events included.
      sides: { ...parts.sides, live },
    } satisfies RuntimeParts,
    live,
    worker,
    /** Call on every HTTP request the server receives: the in-process worker paces itself by them. */
    noteRequest: pace?.noteRequest ?? (() => {}),
    /**
     * Stops the guest data sweep and the worker (letting orders in progress finish), closes the
     * database and ends the file thread.
     */
    async close() {
      await sweep?.stop();
      stopFollowing();
      pace?.stop();
      await worker.stop();
      live.stop();
      store.close();
      await files.close();
    },
  };
};

export type LocalRuntime = ReturnType<typeof openLocalRuntime>;
