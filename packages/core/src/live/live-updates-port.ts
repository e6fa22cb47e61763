import type { OrderStatus } from '../orders/order';

/**
 * A change clients may watch: stock of any product, a product's drop time (DESIGN §12), or the
 * status of one shopper's order.
 */
export type LiveEvent =
  | { type: 'stock'; productId: string; stock: number; version: number }
  | { type: 'product'; productId: string; saleStartsAt: string | null; version: number }
  | { type: 'order'; orderId: string; userId: string; status: OrderStatus };

/**
 * Fans changes out to connected clients. Publishing happens after the change is committed and
 * must never fail the operation that caused it: a missed update is repaired by the next one.
 */
export type LiveUpdates = { publish(events: readonly LiveEvent[]): void };
