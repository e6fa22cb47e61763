import type { OrderDelivery } from '@sellout/core/orders/handle-delivery';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '@sellout/core/orders/redelivery-policy';
import type { Outbox, OutboxMessage } from './outbox';

/** The few logger methods the worker uses (pino's shape). */
export type WorkerLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type OutboxWorkerOptions = {
  queue: Outbox;
  /**
   * Processes one delivery (core's `handleOrderDelivery`, which marks the order stuck on the
   * last attempt); throwing means "retry later", or the dead letters after the last attempt.
   */
  handle: (delivery: OrderDelivery) => Promise<string>;
  log: WorkerLog;
  /**
   * Orders processed at once by this process; a function is asked before each claim, so the
   * runtime can give checkout the priority while buyers wait (worker-pace.ts in the API).
   */
  concurrency?: number | (() => number);
  /** How long a claimed message stays invisible to other workers (and to a restart). */
  visibilityMs?: number;
  /** How often to look for due messages when nothing woke the worker. */
  pollIntervalMs?: number;
  retry?: RetryPolicy;
  random?: () => number;
};

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Drains the local outbox: claims due messages under a visibility timeout, processes them with
 * bounded concurrency, acknowledges successes, retries failures with backoff and dead-letters
 * a message after `maxAttempts`. A message claimed by a process that died becomes visible
 * again when its timeout passes, so a crash delays an order but never loses it.
 */
export const createOutboxWorker = (options: OutboxWorkerOptions) => {
  const { concurrency = 32 } = options;
  const slots = typeof concurrency === 'number' ? () => concurrency : concurrency;
  const visibilityMs = options.visibilityMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const { queue, log } = options;
  const inFlight = new Set<Promise<void>>();
  /** Acknowledgements on their way to a commit; the orders they settle hold no slot. */
  const acking = new Set<Promise<void>>();
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let claiming = false;
  /** The claim under way runs after the writes queued with it: it covers newer placements. */
  let claimingLast = false;

  const settle = async (message: OutboxMessage) => {
    const fields = { orderId: message.orderId, attempt: message.attempt };
    const lastAttempt = message.attempt >= retry.maxAttempts;
    log.info(fields, 'processing order');
    try {
      const outcome = await options.handle({
        orderId: message.orderId,
        attempt: message.attempt,
        lastAttempt,
        firstDelivery: message.firstDelivery,
      });
      acknowledge(message, outcome);
    } catch (error) {
      const reason = describe(error);
      if (lastAttempt) {
        // Only the current delivery may bury the message.
        await queue.deadLetter(message, reason);
        log.error(
          { ...fields, outcome: 'dead-lettered', err: reason },
          'order dead-lettered; an admin can retry it',
        );
      } else {
        const delayMs = retryDelayMs(message.attempt, retry, random);
        await queue.retryLater(message, delayMs, reason);
        log.warn({ ...fields, outcome: 'retry', delayMs, err: reason }, 'order failed; will retry');
      }
    }
  };

  /**
   * The order is done, and durably so (its status change committed before `handle` returned):
   * its slot goes to the next order at once instead of after one more commit, and the ack
   * joins the next group commit meanwhile. An ack lost to a crash is a redelivery, which finds
   * the order done and sends nothing twice.
   */
  const acknowledge = (message: OutboxMessage, outcome: string) => {
    const fields = { orderId: message.orderId, attempt: message.attempt };
    const acked = queue
      .ack(message)
      .then(
        () => log.info({ ...fields, outcome }, 'order done'),
        (error: unknown) =>
          // The database is busy, say: the visibility timeout redelivers it.
          log.error({ ...fields, err: describe(error) }, 'could not settle message'),
      )
      .finally(() => acking.delete(acked));
    acking.add(acked);
  };

  const track = (message: OutboxMessage) => {
    const work = settle(message)
      .catch((error: unknown) => {
        // Acknowledging failed (e.g. the database is busy): the visibility timeout redelivers it.
        log.error(
          { orderId: message.orderId, attempt: message.attempt, err: describe(error) },
          'could not settle message',
        );
      })
      .finally(() => {
        inFlight.delete(work);
        if (running) schedule(0);
      });
    inFlight.add(work);
    return work;
  };

  /** Claims what fits in the free slots; null when a claim is already under way. */
  const claimBatch = async (withQueuedWrites = false) => {
    if (claiming) return null;
    claiming = true;
    claimingLast = withQueuedWrites;
    try {
      const free = slots() - inFlight.size;
      return free > 0 ? await queue.claimDue(free, visibilityMs, { withQueuedWrites }) : [];
    } finally {
      claiming = false;
    }
  };

  const couldNotClaim = (error: unknown) => {
    log.error({ err: describe(error) }, 'could not claim messages; will try again');
    schedule(pollIntervalMs);
  };

  const tick = async () => {
    timer = null;
    if (!running) return;
    try {
      const messages = (await claimBatch()) ?? [];
      for (const message of messages) track(message);
      if (inFlight.size === 0 || messages.length === 0) schedule(pollIntervalMs);
    } catch (error) {
      couldNotClaim(error);
    }
  };

  const schedule = (delayMs: number) => {
    if (!running) return;
    if (timer && delayMs > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  };

  return {
    /** Claims one batch and processes it to the end; for tests and one-shot runs. */
    async runOnce() {
      const messages = (await claimBatch()) ?? [];
      await Promise.all(messages.map(track));
      await Promise.all([...acking]);
      return messages.length;
    },
    start() {
      running = true;
      schedule(0);
    },
    /** Looks for work now, e.g. right after an order was placed in this process. */
    wake() {
      schedule(0);
    },
    /**
     * Claims in the commit of the writes queued now — an order this process is placing — so
     * its processing starts the moment it is stored, without a commit or a turn of its own.
     */
    claimWithQueuedWrites() {
      if (!running || (claiming && claimingLast)) return;
      claimBatch(true).then((messages) => {
        if (messages === null) schedule(0);
        else for (const message of messages) track(message);
      }, couldNotClaim);
    },
    /** Stops claiming and waits for the orders in progress to finish. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...inFlight]);
      await Promise.allSettled([...acking]);
    },
  };
};

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
