import type { BlobStore } from '../invoices/blob-store-port';
import { err, ok, type Result } from '../shared/result';
import type { Orders } from './orders-port';
import { orderNotFound } from './view-orders';

/** A shopper's own invoice; "not found" until the order is processed. */
export const getOwnInvoice = async (
  deps: { orders: Orders; blobs: BlobStore },
  userId: string,
  orderId: string,
): Promise<Result<{ body: string; contentType: string; filename: string }>> => {
  const order = await deps.orders.get(orderId);
  if (!order || order.userId !== userId) return orderNotFound(orderId);
  const blob = order.invoiceKey ? await deps.blobs.get(order.invoiceKey) : null;
  if (!blob) {
    return err(
      'NOT_FOUND',
      `Order ${orderId} has no invoice yet; it is written once the order is processed.`,
      {
        orderId,
        status: order.status,
      },
    );
  }
  return ok({ ...blob, filename: `invoice-${orderId}.txt` });
};
