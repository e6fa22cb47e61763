import type { BlobStore } from '../invoices/blob-store-port';
import { err, ok, type Result } from '../shared/result';
import type { Order } from './order';
import type { Orders } from './orders-port';
import { getOrderForShop, orderNotFound } from './view-orders';

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

const invoiceOf = async (blobs: BlobStore, order: Order): Promise<Result<InvoiceAnswer>> => {
  if (!order.invoiceKey) return noInvoiceYet(order);
  const filename = `invoice-${order.id}.txt`;
  // The key is set by the step that marks the order processed, after the invoice was written:
  // a link to it never points at nothing.
  if (blobs.downloadUrl) {
    return ok({
      kind: 'link',
      url: await blobs.downloadUrl(order.invoiceKey, { filename }),
      filename,
    });
  }
  const blob = await blobs.get(order.invoiceKey);
  if (!blob) return noInvoiceYet(order);
  return ok({ kind: 'body', ...blob, filename });
};

/** A shopper's own invoice; "not found" until the order is processed. */
export const getOwnInvoice = async (
  deps: { orders: Orders; blobs: BlobStore },
  userId: string,
  orderId: string,
): Promise<Result<InvoiceAnswer>> => {
  const order = await deps.orders.get(orderId);
  if (!order || order.userId !== userId) return orderNotFound(orderId);
  return invoiceOf(deps.blobs, order);
};

/** Any order's invoice, for the shop's owner; "not found" until the order is processed. */
export const getInvoiceForShop = async (
  deps: { orders: Orders; blobs: BlobStore },
  orderId: string,
): Promise<Result<InvoiceAnswer>> => {
  const order = await getOrderForShop(deps, orderId);
  return order.ok ? invoiceOf(deps.blobs, order.value) : order;
};
