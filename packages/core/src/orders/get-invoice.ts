import type { BlobStore } from '../invoices/blob-store-port';
import { err, ok, type Result } from '../shared/result';
import type { Order } from './order';
import type { Orders } from './orders-port';
import { orderNotFound } from './view-orders';

type Invoice = { body: string; contentType: string; filename: string };

const invoiceOf = async (blobs: BlobStore, order: Order): Promise<Result<Invoice>> => {
  const blob = order.invoiceKey ? await blobs.get(order.invoiceKey) : null;
  if (!blob) {
    return err(
      'NOT_FOUND',
      `Order ${order.id} has no invoice yet; it is written once the order is processed.`,
      { orderId: order.id, status: order.status },
    );
  }
  return ok({ ...blob, filename: `invoice-${order.id}.txt` });
};

/** A shopper's own invoice; "not found" until the order is processed. */
export const getOwnInvoice = async (
  deps: { orders: Orders; blobs: BlobStore },
  userId: string,
  orderId: string,
): Promise<Result<Invoice>> => {
  const order = await deps.orders.get(orderId);
  if (!order || order.userId !== userId) return orderNotFound(orderId);
  return invoiceOf(deps.blobs, order);
};

/** Any order's invoice, for the shop's owner; "not found" until the order is processed. */
export const getInvoiceForShop = async (
  deps: { orders: Orders; blobs: BlobStore },
  orderId: string,
): Promise<Result<Invoice>> => {
  const order = await deps.orders.get(orderId);
  return order ? invoiceOf(deps.blobs, order) : orderNotFound(orderId);
};
