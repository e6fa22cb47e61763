import type { Order } from '@sellout/core/orders/order';

/** An order as its shopper sees it: no user id, payment token or storage keys. */
export const orderView = (order: Order) => ({
  id: order.id,
  number: order.number,
  status: order.status,
  lines: order.lines.map((line) => ({ ...line, lineTotalCents: line.priceCents * line.quantity })),
  totalCents: order.totalCents,
  currency: order.currency,
  email: order.email,
  shipping: order.shipping,
  createdAt: order.createdAt,
  processedAt: order.processedAt,
  failureReason: order.failureReason,
  invoiceUrl: order.invoiceKey ? `/api/orders/${order.id}/invoice` : null,
});

export const placedOrderView = (order: Order) => ({
  orderId: order.id,
  status: 'PENDING' as const,
  order: orderView(order),
});
