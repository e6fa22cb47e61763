import type { LiveUpdates } from '../live/live-updates-port';
import type { Mailer } from '../mail/mailer-port';
import { err, ok, type Result } from '../shared/result';
import type { Order } from './order';
import type { Orders } from './orders-port';
import { cancellationEvents, sendCancellationEmail } from './process-order';
import { orderNotFound } from './view-orders';

/**
 * The shop cancels a PENDING order (e.g. a stuck one it cannot fulfil): atomically CANCELLED
 * with its stock back, like a payment decline, and the shopper is emailed once. An order that
 * is no longer PENDING is refused. Should the email fail here, the order's own delivery to the
 * worker (still due, or due again) finds it CANCELLED and sends it.
 */
export const cancelOrderByShop = async (
  deps: { orders: Orders; mailer: Mailer; live: LiveUpdates; shop: { name: string } },
  orderId: string,
  reason: string,
): Promise<Result<Order>> => {
  const cancel = await deps.orders.cancel(orderId, { by: 'shop', reason });
  if (cancel.kind === 'not-found') return orderNotFound(orderId);
  if (cancel.kind === 'cancelled') deps.live.publish(cancellationEvents(cancel));
  const { order } = cancel;
  if (cancel.kind === 'unchanged') {
    return err(
      'ORDER_NOT_PENDING',
      `Order #${order.number} is ${order.status.toLowerCase()} and can no longer be cancelled.`,
      { orderId, status: order.status },
    );
  }
  await sendCancellationEmail(deps, order);
  return ok(order);
};
