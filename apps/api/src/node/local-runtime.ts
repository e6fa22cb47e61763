import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFileBlobStore } from '@sellout/adapter-local/blobs/file-blob-store';
import { createFileThread } from '@sellout/adapter-local/files/file-thread';
import {
  makePrivateDir,
  PRIVATE_DIR_MODE,
  sweepStaleTemporaryFiles,
} from '@sellout/adapter-local/files/private-files';
import { createInProcessLiveHub } from '@sellout/adapter-local/live/in-process-live-hub';
import { createFileMailer } from '@sellout/adapter-local/mail/file-mailer';
import { outboxDispatch } from '@sellout/adapter-local/outbox/outbox';
import { createOutboxWorker, type OutboxWorker } from '@sellout/adapter-local/outbox/outbox-worker';
import { createSqliteStore } from '@sellout/adapter-local/sqlite/sqlite-store';
import type { Orders } from '@sellout/core/orders/orders-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { buildDeliveryDeps, type RuntimeParts } from '../wiring/build-deps';
import { createOrderProcessor } from '../worker/order-processor';
import { loadLocalSecrets } from './local-secrets';
import { createWorkerPace, type WorkerPace } from './worker-pace';

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
  const live = createInProcessLiveHub({
    onClientError: (error) => logger.warn({ err: error }, 'could not send a live update'),
  });
  // A worker in its own process has no WebSocket clients: its events go through the database
  // to the server, which always follows them (a separate worker may run beside an inline one).
  const relay = store.liveRelay((error) =>
    logger.warn({ err: error }, 'could not relay a live update yet; will retry'),
  );
  const stopFollowing = role === 'server' ? relay.follow(live) : () => {};
  // Invoices and mail are written by one thread of their own, off the event loop.
  const files = createFileThread();
  const parts: RuntimeParts = {
    store,
    sides: {
      blobs: createFileBlobStore({ root: dataDir, tempDir, files }),
      mailer: createFileMailer({
        dir: join(dataDir, 'mail'),
        tempDir,
        from: config.MAIL_FROM,
        files,
      }),
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
  });
  pace = inline ? createWorkerPace({ max: config.WORKER_CONCURRENCY, wake: worker.wake }) : null;
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
    /** Stops the worker (letting orders in progress finish) and closes the database. */
    async close() {
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
