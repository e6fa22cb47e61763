import type { BlobStore } from '../invoices/blob-store-port';
import { err, ok, type Result } from '../shared/result';
import type { Order } from './order';
import type { Orders } from './orders-port';
import { orderNotFound } from './view-orders';

/** The invoice itself, or where the client fetches it (a store that offers download links). */
export type InvoiceAnswer =
  | { kind: 'body'; body: string; contentType: string; filename: string }
  | { kind: 'link'; url: string; filename: string };

const noInvoiceYet = (order: Order) =>
  err<never>(
    'NOT_FOUND',
    `Order ${order.id} has no invoice yet; it is written once the order is processed.`,
    { orderId: order.id, status: order.status },
  );

/** A shopper's own invoice; "not found" until the order is processed. */
export const getOwnInvoice = async (
  deps: { orders: Orders; blobs: BlobStore },
  userId: string,
  orderId: string,
): Promise<Result<InvoiceAnswer>> => {
  const order = await deps.orders.get(orderId);
  if (!order || order.userId !== userId) return orderNotFound(orderId);
  if (!order.invoiceKey) return noInvoiceYet(order);
  const filename = `invoice-${orderId}.txt`;
  // The key is set by the step that marks the order processed, after the invoice was written:
  // a link to it never points at nothing.
  if (deps.blobs.downloadUrl) {
    return ok({
      kind: 'link',
      url: await deps.blobs.downloadUrl(order.invoiceKey, { filename }),
      filename,
    });
  }
  const blob = await deps.blobs.get(order.invoiceKey);
  if (!blob) return noInvoiceYet(order);
  return ok({ kind: 'body', ...blob, filename });
};
