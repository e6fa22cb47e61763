import type { CartLine } from './cart';

/** Why a cart change was refused; the cart is unchanged then. */
export type CartRefusal =
  /** The line would exceed MAX_LINE_QUANTITY; `quantity` is what the line holds now. */
  | { kind: 'line-full'; quantity: number }
  /** A new line would exceed MAX_CART_LINES. */
  | { kind: 'cart-full' };

export type CartChange = { kind: 'changed'; lines: CartLine[] } | CartRefusal;

/**
 * One cart per shopper; lines keep the order they were first added in. A store is opened with
 * a time to live (CART_TTL_DAYS): a cart that no change touched for that long is gone — reads
 * answer it empty and the next change starts a new one — whether or not `removeIdle` has
 * deleted it yet, so a store whose deletion lags (DynamoDB TTL) still answers the same (ADR 45).
 */
export type Carts = {
  get(userId: string): Promise<CartLine[]>;
  /** Adds units to a line (creating it), atomically, within the cart limits. */
  addItem(userId: string, productId: string, quantity: number): Promise<CartChange>;
  /** Sets a line's quantity; 0 removes it. */
  setQuantity(userId: string, productId: string, quantity: number): Promise<CartChange>;
  removeItem(userId: string, productId: string): Promise<CartLine[]>;
  /**
   * Deletes up to `limit` carts idle past the time to live and says how many. A store whose
   * database deletes expired items itself may delete none here.
   */
  removeIdle(options: { limit: number }): Promise<number>;
};
