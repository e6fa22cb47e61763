import type { StockLevel } from '../catalog/product';
import type { BlobStore } from '../invoices/blob-store-port';
import { invoiceKeyOf, renderInvoice } from '../invoices/render-invoice';
import type { LiveUpdates } from '../live/live-updates-port';
import type { Mailer } from '../mail/mailer-port';
import { cancellationEmail, confirmationEmail, orderEmailKey } from '../mail/order-emails';
import type { PaymentGateway } from '../payments/payment-gateway-port';
import type { Clock } from '../shared/system';
import type { Order } from './order';
import type { Orders } from './orders-port';

export type ProcessOrderDeps = {
  orders: Orders;
  payments: PaymentGateway;
  blobs: BlobStore;
  mailer: Mailer;
  live: LiveUpdates;
  clock: Clock;
  shop: { name: string };
};

/** How a delivery ended; every one of them means "acknowledge the message". */
export type ProcessOutcome = 'processed' | 'cancelled' | 'not-found';

const INVOICE_TYPE = 'text/plain; charset=utf-8';

export const orderEvent = (order: Order) => ({
  type: 'order' as const,
  orderId: order.id,
  userId: order.userId,
  status: order.status,
});

/**
 * The invoice written by an earlier attempt if there is one, so the email and file agree; on
 * a first delivery there is none to look for.
 */
const invoiceOf = async (deps: ProcessOrderDeps, order: Order, firstDelivery: boolean) => {
  const key = invoiceKeyOf(order.id);
  const written = firstDelivery ? null : await deps.blobs.get(key);
  if (written) return { key, body: written.body };
  const body = renderInvoice(order, deps.shop, deps.clock.now().toISOString());
  await deps.blobs.put(key, body, INVOICE_TYPE);
  return { key, body };
};

/** The one email of a cancelled order: "declined" or "cancelled by the shop", by its cause. */
export const sendCancellationEmail = (
  deps: Pick<ProcessOrderDeps, 'mailer' | 'shop'>,
  order: Order,
) => {
  const { kind, message } = cancellationEmail(order, deps.shop);
  return deps.mailer.send(message, { idempotencyKey: orderEmailKey(order.id, kind) });
};

/** Live events of a cancellation: the released stock (where the store knows it) and the order. */
export const cancellationEvents = (cancel: { order: Order; stock?: StockLevel[] }) => [
  ...(cancel.stock ?? []).map((level) => ({ type: 'stock' as const, ...level })),
  orderEvent(cancel.order),
];

/**
 * Takes a PENDING order to PROCESSED (paid, invoiced, emailed) or CANCELLED (declined, stock
 * released). Delivery is at-least-once, so every step is safe to repeat: the charge carries an
 * idempotency key, the invoice has a fixed key, each email is sent once per order and kind, and
 * status changes are conditional on PENDING. Transient failures throw and are retried.
 * `firstDelivery` says that no earlier delivery of the order ran (so none wrote its invoice).
 */
export const processOrder = async (
  deps: ProcessOrderDeps,
  orderId: string,
  options: { firstDelivery?: boolean } = {},
): Promise<ProcessOutcome> => {
  const order = await deps.orders.get(orderId);
  if (!order) return 'not-found';
  if (order.status === 'PROCESSED') return 'processed';
  if (order.status === 'CANCELLED') {
    // Cancelled by an earlier attempt that stopped before its email went out, or by the shop.
    await sendCancellationEmail(deps, order);
    return 'cancelled';
  }

  const charge = await deps.payments.charge({
    orderId,
    amountCents: order.totalCents,
    currency: order.currency,
    paymentToken: order.paymentToken,
    idempotencyKey: orderId,
  });

  if (charge.kind === 'declined') {
    const cancel = await deps.orders.cancel(orderId, { by: 'payment', reason: charge.reason });
    if (cancel.kind === 'not-found') return 'not-found';
    if (cancel.kind === 'cancelled') deps.live.publish(cancellationEvents(cancel));
    if (cancel.order.status !== 'CANCELLED') return 'processed';
    await sendCancellationEmail(deps, cancel.order);
    return 'cancelled';
  }

  const invoice = await invoiceOf(deps, order, options.firstDelivery === true);
  await deps.mailer.send(confirmationEmail(order, deps.shop, invoice.body), {
    idempotencyKey: orderEmailKey(orderId, 'confirmation'),
  });
  const done = await deps.orders.markProcessed(orderId, {
    processedAt: deps.clock.now().toISOString(),
    invoiceKey: invoice.key,
  });
  if (done.kind === 'transitioned') deps.live.publish([orderEvent(done.order)]);
  return 'processed';
};
