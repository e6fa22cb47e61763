import { ok, type Result } from '../shared/result';
import type { OrderStatus } from './order';
import type { OrderDispatch } from './order-dispatch-port';
import type { Orders } from './orders-port';
import { orderNotFound } from './view-orders';

/**
 * Admin retry of a stuck order (its processing was given up on): it is sent to the worker
 * again with fresh attempts, and the failure shown on the order is cleared. An order that is
 * not stuck (still on its way, or final) is left alone and the answer says so.
 */
export const retryOrder = async (
  deps: { orders: Orders; dispatch: OrderDispatch },
  orderId: string,
): Promise<Result<{ orderId: string; requeued: boolean; status: OrderStatus }>> => {
  const order = await deps.orders.get(orderId);
  if (!order) return orderNotFound(orderId);
  if (order.status !== 'PENDING' || order.stuckAt === null) {
    return ok({ orderId, requeued: false, status: order.status });
  }
  // Sent before the mark is cleared: if sending fails, the order still shows as stuck and the
  // admin can retry again, instead of looking "on its way" with no message behind it.
  await deps.dispatch.resend(orderId);
  await deps.orders.clearStuck(orderId);
  return ok({ orderId, requeued: true, status: order.status });
};
