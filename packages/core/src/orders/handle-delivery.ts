import type { Mailer } from '../mail/mailer-port';
import { orderEmailKey, stuckOrderAlert } from '../mail/order-emails';
import { type ProcessOrderDeps, type ProcessOutcome, processOrder } from './process-order';

/** One delivery of "process this order", however the runtime carries it (outbox row, SQS). */
export type OrderDelivery = {
  orderId: string;
  /** Deliveries so far, this one included (1 on the first). */
  attempt: number;
  /** No delivery follows this one if it fails: the message goes to the dead letters. */
  lastAttempt: boolean;
  /**
   * No delivery of this order ran before (the runtime knows it for sure; the local outbox
   * does): nothing of it was written, so the invoice is written without looking for one.
   */
  firstDelivery?: boolean;
};

export type DeliveryDeps = ProcessOrderDeps & {
  mailer: Mailer;
  /** Where the shop owner is told about stuck orders (OWNER_EMAIL); null tells nobody. */
  ownerEmail: string | null;
};

/** What a shopper sees on an order whose processing was given up on (it stays PENDING). */
export const stuckOrderReason = (attempts: number) =>
  `We could not process this order after ${attempts} attempts; the shop has been alerted and will retry it.`;

/**
 * Processes one delivery. A failure is thrown back to the runtime, which delivers again later;
 * on the last attempt the order is first marked stuck (so the shopper and the admin see why)
 * and the owner is emailed, once per stuck order.
 */
export const handleOrderDelivery = async (
  deps: DeliveryDeps,
  delivery: OrderDelivery,
): Promise<ProcessOutcome> => {
  try {
    return await processOrder(deps, delivery.orderId, {
      firstDelivery: delivery.firstDelivery === true,
    });
  } catch (error) {
    if (delivery.lastAttempt) await giveUp(deps, delivery, error);
    throw error;
  }
};

const giveUp = async (deps: DeliveryDeps, delivery: OrderDelivery, cause: unknown) => {
  await deps.orders.markStuck(
    delivery.orderId,
    deps.clock.now().toISOString(),
    stuckOrderReason(delivery.attempt),
  );
  if (deps.ownerEmail === null) return;
  // Sent whenever the order is stuck, not only by the call that marked it: if an earlier
  // attempt marked it and then failed to mail, this one still tells the owner (once, by key).
  const order = await deps.orders.get(delivery.orderId);
  if (!order?.stuckAt || order.status !== 'PENDING') return;
  const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  await deps.mailer.send(stuckOrderAlert(order, deps.shop, deps.ownerEmail, why), {
    idempotencyKey: orderEmailKey(order.id, 'stuck-alert'),
  });
};
