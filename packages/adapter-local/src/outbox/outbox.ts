import type { OrderDispatch } from '@sellout/core/orders/order-dispatch-port';

/** A delivery of "process this order", as the local outbox hands it to a worker. */
export type OutboxMessage = {
  orderId: string;
  /** Deliveries so far, this one included (1 on the first). */
  attempt: number;
  /**
   * No delivery of this order ran before this one (it was never claimed, retried or dead-
   * lettered), so nothing of its processing can have been written yet.
   */
  firstDelivery: boolean;
  /**
   * Names this delivery (like an SQS receipt handle). Settling a delivery whose claim expired
   * and was re-claimed by another worker does nothing, so a slow worker cannot undo a newer one.
   */
  receipt: string;
};

/**
 * The local outbox: one message per order, written by `Orders.place` in the same transaction as
 * the order. Delivery is at-least-once: a claimed message is invisible to other workers until
 * its visibility timeout passes, then delivered again unless acknowledged.
 */
export type Outbox = {
  /**
   * Claims up to `limit` messages that are due, hiding them for `visibilityMs`. With
   * `withQueuedWrites`, the claim is made in the same commit as the writes this process has
   * queued but not committed yet (orders just placed), after them, so it claims those too.
   */
  claimDue(
    limit: number,
    visibilityMs: number,
    options?: { withQueuedWrites?: boolean },
  ): Promise<OutboxMessage[]>;
  /** Messages due now and claimed by no one, counted up to `atMost`. */
  countDue(atMost: number): Promise<number>;
  /** Done: the message is never delivered again. */
  ack(message: OutboxMessage): Promise<void>;
  /** Failed for now: deliver again after `delayMs`. */
  retryLater(message: OutboxMessage, delayMs: number, error: string): Promise<void>;
  /**
   * Failed for good: kept aside until an admin retries it. False when this delivery is no
   * longer the current one (another worker re-claimed it), and nothing was changed.
   */
  deadLetter(message: OutboxMessage, error: string): Promise<boolean>;
  /** Admin retry: a dead-lettered message becomes due now with a fresh attempt count. */
  requeue(orderId: string): Promise<boolean>;
};

/** The admin's retry through the outbox: the order's dead-lettered message is due again. */
export const outboxDispatch = (outbox: Pick<Outbox, 'requeue'>): OrderDispatch => ({
  async resend(orderId) {
    await outbox.requeue(orderId);
  },
});
