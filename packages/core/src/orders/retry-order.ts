import { ok, type Result } from '../shared/result';
import type { OrderStatus } from './order';
import type { OrderQueue } from './order-queue-port';
import type { Orders } from './orders-port';
import { orderNotFound } from './view-orders';

/** What a shopper sees on an order whose processing was given up on (it stays PENDING). */
export const stuckOrderReason = (attempts: number) =>
  `We could not process this order after ${attempts} attempts; the shop has been alerted and will retry it.`;

/**
 * Admin retry of an order whose message was dead-lettered: it becomes due again with fresh
 * attempts, and the failure shown on the order is cleared. An order that is not dead-lettered
 * (still on its way, or final) is left alone and the answer says so.
 */
export const retryOrder = async (
  deps: { orders: Orders; orderQueue: Pick<OrderQueue, 'requeue'> },
  orderId: string,
): Promise<Result<{ orderId: string; requeued: boolean; status: OrderStatus }>> => {
  const order = await deps.orders.get(orderId);
  if (!order) return orderNotFound(orderId);
  const requeued = await deps.orderQueue.requeue(orderId);
  // If a worker gets to it first and processes it, this does nothing: it only touches PENDING.
  if (requeued) await deps.orders.recordProcessingFailure(orderId, null);
  return ok({ orderId, requeued, status: order.status });
};
