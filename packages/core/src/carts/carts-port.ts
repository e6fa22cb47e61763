import type { CartLine } from './cart';

/** Why a cart change was refused; the cart is unchanged then. */
export type CartRefusal =
  /** The line would exceed MAX_LINE_QUANTITY; `quantity` is what the line holds now. */
  | { kind: 'line-full'; quantity: number }
  /** A new line would exceed MAX_CART_LINES. */
  | { kind: 'cart-full' };

export type CartChange = { kind: 'changed'; lines: CartLine[] } | CartRefusal;

/** One cart per shopper; lines keep the order they were first added in. */
export type Carts = {
  get(userId: string): Promise<CartLine[]>;
  /** Adds units to a line (creating it), atomically, within the cart limits. */
  addItem(userId: string, productId: string, quantity: number): Promise<CartChange>;
  /** Sets a line's quantity; 0 removes it. */
  setQuantity(userId: string, productId: string, quantity: number): Promise<CartChange>;
  removeItem(userId: string, productId: string): Promise<CartLine[]>;
};
