import type { OrderDelivery } from '@sellout/core/orders/handle-delivery';
import type { Orders } from '@sellout/core/orders/orders-port';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from '@sellout/core/orders/redelivery-policy';
import type { Clock } from '@sellout/core/shared/system';

type PollerLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
};

export type PendingOrderPollerOptions = {
  orders: Pick<Orders, 'listStalled'>;
  /** Core's delivery use case (logged); throwing means "retry later". */
  handle: (delivery: OrderDelivery) => Promise<string>;
  log: PollerLog;
  clock: Clock;
  concurrency?: number;
  pollIntervalMs?: number;
  retry?: RetryPolicy;
  random?: () => number;
};

/** PENDING orders looked at per poll; more wait for the next one. */
const BATCH = 100;

/**
 * The order worker of `STORE=dynamodb` on one machine, until the next issue delivers orders
 * through the orders stream and SQS: it polls the PENDING orders that are not stuck (oldest
 * first), processes them with bounded concurrency, retries a failure with the outbox's backoff
 * and, on the last attempt, lets the delivery use case mark the order stuck. Attempts are
 * counted in memory, so a restart gives every PENDING order a fresh set: at least once, as the
 * outbox, never lost (an order stays PENDING until processed).
 */
export const createPendingOrderPoller = (options: PendingOrderPollerOptions) => {
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const { log } = options;
  /** Failed attempts so far, and when the next may start. */
  const failures = new Map<string, { attempt: number; dueAt: number }>();
  const inFlight = new Map<string, Promise<void>>();
  let running = false;
  let polling = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void poll(), ms);
  };

  const deliver = (orderId: string, attempt: number) => {
    const lastAttempt = attempt >= retry.maxAttempts;
    const done = options
      .handle({ orderId, attempt, lastAttempt })
      .then(
        (outcome) => {
          failures.delete(orderId);
          log.info({ orderId, attempt, outcome }, 'order processed');
        },
        (error: unknown) => {
          // After the last attempt the order is stuck, so it is no longer polled.
          if (lastAttempt) failures.delete(orderId);
          else {
            const dueAt = Date.now() + retryDelayMs(attempt, retry, random);
            failures.set(orderId, { attempt, dueAt });
          }
          log.warn({ orderId, attempt, lastAttempt, err: error }, 'order processing failed');
        },
      )
      .finally(() => {
        inFlight.delete(orderId);
        schedule(0);
      });
    inFlight.set(orderId, done);
  };

  const poll = async () => {
    if (polling || !running) return;
    polling = true;
    try {
      if (inFlight.size < concurrency) {
        const now = options.clock.now();
        const pending = await options.orders.listStalled({
          createdBefore: new Date(now.getTime() + 1).toISOString(),
          limit: BATCH,
        });
        for (const { id } of pending) {
          if (inFlight.size >= concurrency) break;
          const failed = failures.get(id);
          if (inFlight.has(id) || (failed && failed.dueAt > Date.now())) continue;
          deliver(id, (failed?.attempt ?? 0) + 1);
        }
      }
    } catch (error) {
      log.warn({ err: error }, 'could not look for pending orders; will retry');
    } finally {
      polling = false;
      schedule(pollIntervalMs);
    }
  };

  return {
    start() {
      running = true;
      schedule(0);
    },
    /** Looks for work now, e.g. right after an order was placed in this process. */
    wake() {
      schedule(0);
    },
    /** The admin's retry: the order starts over with fresh attempts. */
    resend(orderId: string) {
      failures.delete(orderId);
      schedule(0);
    },
    /** Stops polling and waits for the orders in progress to finish. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
};

export type PendingOrderPoller = ReturnType<typeof createPendingOrderPoller>;
