import type { StockLevel } from '../catalog/product';
import type { Interaction } from '../recommendations/interaction';
import type { Page, PageRequest } from '../shared/pagination';
import type { CancelledBy, Order, OrderStatus } from './order';

/** Identifies a checkout attempt: the same key with the same request must not buy twice. */
export type IdempotencyClaim = { key: string; requestHash: string };

/** A product's per-customer limit (DESIGN §13) as the catalog had it when the order was priced. */
export type CustomerLimit = { productId: string; limit: number };

export type PlaceOrderCommand = {
  /** A new PENDING order; lines of one product are merged by the store if the caller did not. */
  order: Order;
  idempotency: IdempotencyClaim | null;
  /** Cart checkout: remove the purchased units from this shopper's cart in the same step. */
  clearPurchasedFromCart: boolean;
  /**
   * Limited products of the order: the units the customer (shopper and normalised email, see
   * `customerKeysOf`) holds in PENDING and PROCESSED orders plus this order's stay within.
   */
  customerLimits: CustomerLimit[];
  /** What "recommended for you" learns from the order; stored with it or right after it. */
  purchases: Interaction[];
};

export type ShortLine = { productId: string; requested: number; available: number };
export type ClosedLine = { productId: string; saleStartsAt: string };
export type OverLimitLine = {
  productId: string;
  requested: number;
  limit: number;
  /** Units this customer may still buy (0 when the limit is used up). */
  remaining: number;
};

export type PlaceOrderOutcome =
  /**
   * Stored with its message to the worker. `stock` is each product's level after the
   * decrement where the store knows it for free (SQLite does; a DynamoDB transaction returns
   * nothing, and its streams carry the levels instead).
   */
  | { kind: 'placed'; order: Order; stock?: StockLevel[] }
  /** The key was used before with the same request: nothing new, here is that order now. */
  | { kind: 'replayed'; order: Order }
  /** The key was used before with a different request. */
  | { kind: 'key-reused' }
  /** A product's drop opens after the order's `createdAt` (DESIGN §12); nothing was changed. */
  | { kind: 'not-on-sale'; lines: ClosedLine[] }
  /** At least one product has fewer units than requested; nothing was changed. */
  | { kind: 'out-of-stock'; lines: ShortLine[] }
  /** The customer would hold more than a product's `maxPerCustomer`; nothing was changed. */
  | { kind: 'over-customer-limit'; lines: OverLimitLine[] }
  /** The order's `number` belongs to another order; nothing was changed (pick a new one). */
  | { kind: 'number-taken' };

export type CancelOutcome =
  /** Now CANCELLED, stock released; `stock` as in `placed`, where the store knows it. */
  | { kind: 'cancelled'; order: Order; stock?: StockLevel[] }
  /** Not PENDING (already processed or cancelled): nothing changed. */
  | { kind: 'unchanged'; order: Order }
  | { kind: 'not-found' };

export type TransitionOutcome =
  | { kind: 'transitioned'; order: Order }
  /** The order was not in the expected status: nothing changed. */
  | { kind: 'unchanged'; order: Order }
  | { kind: 'not-found' };

export type ProcessedPatch = { processedAt: string; invoiceKey: string };

export type Orders = {
  /**
   * Atomically: checks the idempotency key, that every product is on sale at the order's
   * `createdAt`, decrements each product's stock only where `stock >= quantity`, checks the
   * customer limits, stores the order (and, locally, its outbox message), records the key, and
   * removes the purchased units from the cart — all of it or none of it. When several checks
   * fail, the first in this order is answered: not-on-sale, out-of-stock, over-customer-limit.
   */
  place(command: PlaceOrderCommand): Promise<PlaceOrderOutcome>;
  get(id: string): Promise<Order | null>;
  /** The order a shopper placed with this key, if any. */
  findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ order: Order; requestHash: string } | null>;
  /** A shopper's orders, newest first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Order>>;
  /** All orders, newest first, optionally of one status. */
  listAll(query: PageRequest & { status: OrderStatus | null }): Promise<Page<Order>>;
  /** The order with this short number (`K7M2-9QX4`), if any. */
  findByNumber(number: string): Promise<Order | null>;
  /**
   * The orders placed with one email address, newest first, optionally of one status. `email`
   * is normalised as `customerKeysOf` does it (trimmed, lower-cased) and matched exactly.
   */
  listByEmail(
    query: PageRequest & { email: string; status: OrderStatus | null },
  ): Promise<Page<Order>>;
  /**
   * PENDING orders created before `createdBefore` that are not stuck, oldest first: what a
   * sweeper re-sends when a message may have been lost on its way to the worker.
   */
  listStalled(query: { createdBefore: string; limit: number }): Promise<Order[]>;
  /**
   * PENDING → PROCESSED, only if still PENDING, so a retried worker never applies it twice;
   * clears a processing failure shown earlier.
   */
  markProcessed(id: string, patch: ProcessedPatch): Promise<TransitionOutcome>;
  /**
   * Processing was given up on: a PENDING order that is not stuck yet gets `stuckAt` and the
   * `failureReason` its shopper and the admin see. True only for the call that marked it.
   */
  markStuck(id: string, at: string, reason: string): Promise<boolean>;
  /** Admin retry: a stuck PENDING order is on its way again; true if it was stuck. */
  clearStuck(id: string): Promise<boolean>;
  /** PENDING → CANCELLED and the order's units back in stock, atomically, only if PENDING. */
  cancel(id: string, cancellation: { by: CancelledBy; reason: string }): Promise<CancelOutcome>;
};
