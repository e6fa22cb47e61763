import { isOnSale, type Product } from '../catalog/product';
import { err } from '../shared/result';
import type { Order } from './order';
import type { ClosedLine, OverLimitLine, ShortLine } from './orders-port';

/*
 * Why a checkout is refused, in words a shopper reads, with the lines in `details.items`.
 */

export type Products = Map<string, Product>;
export const keyReused = () =>
  err<never>(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request; send a new key for a new checkout.',
  );

const nameIn = (products: Products) => (id: string) => products.get(id)?.name ?? id;

export const notOnSale = (lines: ClosedLine[], products: Products) =>
  err<never>(
    'NOT_ON_SALE',
    lines
      .map((l) => `${nameIn(products)(l.productId)} goes on sale at ${l.saleStartsAt}.`)
      .join(' '),
    { items: lines },
  );

export const outOfStock = (lines: ShortLine[], products: Products) =>
  err<never>(
    'OUT_OF_STOCK',
    lines
      .map((l) =>
        l.available === 0
          ? `${nameIn(products)(l.productId)} is sold out.`
          : `Only ${l.available} left of ${nameIn(products)(l.productId)}; you asked for ${l.requested}.`,
      )
      .join(' '),
    { items: lines },
  );

export const overCustomerLimit = (lines: OverLimitLine[], products: Products) =>
  err<never>(
    'PURCHASE_LIMIT_EXCEEDED',
    lines
      .map((l) =>
        l.remaining === 0
          ? `${nameIn(products)(l.productId)} is limited to ${l.limit} per customer, and you have them already.`
          : `${nameIn(products)(l.productId)} is limited to ${l.limit} per customer; you can buy ${l.remaining} more.`,
      )
      .join(' '),
    { items: lines },
  );

export const overOrderLimit = (lines: Order['lines'], products: Products) => {
  const breaches = lines.flatMap((line) => {
    const limit = products.get(line.productId)?.maxPerOrder ?? null;
    return limit !== null && line.quantity > limit
      ? [{ productId: line.productId, requested: line.quantity, limit }]
      : [];
  });
  if (breaches.length === 0) return null;
  return err<never>(
    'PURCHASE_LIMIT_EXCEEDED',
    breaches
      .map((b) => `${nameIn(products)(b.productId)} is limited to ${b.limit} per order.`)
      .join(' '),
    { items: breaches },
  );
};

/**
 * Refusals the catalog read already shows, answered without a write: a drop not open yet, or
 * a product visibly short (the read is at least as old as the request, and stock only comes
 * back through restocks and cancellations). The atomic `place` checks both again.
 */
export const visibleRefusal = (lines: Order['lines'], products: Products, at: string) => {
  const closed = lines.flatMap((line) => {
    const product = products.get(line.productId)!;
    return isOnSale(product, at)
      ? []
      : [{ productId: line.productId, saleStartsAt: product.saleStartsAt! }];
  });
  if (closed.length > 0) return notOnSale(closed, products);
  const short = lines.flatMap((line) => {
    const available = products.get(line.productId)!.stock;
    return available < line.quantity
      ? [{ productId: line.productId, requested: line.quantity, available }]
      : [];
  });
  return short.length > 0 ? outOfStock(short, products) : null;
};
