import type { StockLevel } from '../catalog/product';
import type { Page, PageRequest } from '../shared/pagination';
import type { Order, OrderStatus } from './order';

/** Identifies a checkout attempt: the same key with the same request must not buy twice. */
export type IdempotencyClaim = { key: string; requestHash: string };

export type PlaceOrderCommand = {
  /** A new PENDING order; lines of one product are merged by the store if the caller did not. */
  order: Order;
  idempotency: IdempotencyClaim | null;
  /** Cart checkout: remove the purchased units from this shopper's cart in the same step. */
  clearPurchasedFromCart: boolean;
};

export type ShortLine = { productId: string; requested: number; available: number };

export type PlaceOrderOutcome =
  /** Stored with its outbox message; `stock` is each product's level after the decrement. */
  | { kind: 'placed'; order: Order; stock: StockLevel[] }
  /** The key was used before with the same request: nothing new, here is that order now. */
  | { kind: 'replayed'; order: Order }
  /** The key was used before with a different request. */
  | { kind: 'key-reused' }
  /** At least one product has fewer units than requested; nothing was changed. */
  | { kind: 'out-of-stock'; lines: ShortLine[] };

export type CancelOutcome =
  /** Now CANCELLED, stock released; `stock` is each product's level after the release. */
  | { kind: 'cancelled'; order: Order; stock: StockLevel[] }
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
   * Atomically: checks the idempotency key, decrements each product's stock only where
   * `stock >= quantity`, stores the order and its outbox message, records the key, and removes
   * the purchased units from the cart — all of it or none of it.
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
  /**
   * PENDING → PROCESSED, only if still PENDING, so a retried worker never applies it twice;
   * clears a processing failure shown earlier.
   */
  markProcessed(id: string, patch: ProcessedPatch): Promise<TransitionOutcome>;
  /**
   * Shows why a PENDING order is stuck (its message was dead-lettered) in `failureReason`, or
   * clears it (null) when an admin retries; does nothing once the order is final.
   */
  recordProcessingFailure(id: string, reason: string | null): Promise<void>;
  /** PENDING → CANCELLED and the order's units back in stock, atomically, only if PENDING. */
  cancel(id: string, failureReason: string): Promise<CancelOutcome>;
};
