import { z } from 'zod';
import { isOnSale, type Product, productIdSchema } from '../catalog/product';

/** A cart line as stored: no price, because carts are priced on read from the catalog. */
export type CartLine = { productId: string; quantity: number };

/** Units per line, as in every order line. */
export const MAX_LINE_QUANTITY = 99;
/**
 * Distinct products per cart. A DynamoDB transaction holds at most 100 actions; a checkout
 * spends two per line (stock, cart) plus the order, its idempotency record and slack.
 */
export const MAX_CART_LINES = 48;

export type PricedCartItem = {
  productId: string;
  name: string;
  priceCents: number;
  quantity: number;
  lineTotalCents: number;
  stock: number;
  /** False when the line asks for more than is in stock now; checkout will refuse it. */
  available: boolean;
  /** When the product's drop opens, if it has not yet (checkout refuses it until then). */
  saleStartsAt: string | null;
};

export type PricedCart = {
  items: PricedCartItem[];
  itemCount: number;
  totalCents: number;
  currency: string;
};

export const quantitySchema = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number')
  .min(1, 'quantity must be at least 1')
  .max(MAX_LINE_QUANTITY, `quantity must be at most ${MAX_LINE_QUANTITY}`);

export const addToCartSchema = z.strictObject({
  productId: productIdSchema,
  quantity: quantitySchema,
});

export const setCartQuantitySchema = z.strictObject({
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .min(0, 'quantity must be at least 0 (0 removes the line)')
    .max(MAX_LINE_QUANTITY, `quantity must be at most ${MAX_LINE_QUANTITY}`),
});

/** Prices stored lines against the catalog as it is now; never trusts a price from a client. */
export const priceCart = (
  lines: readonly CartLine[],
  products: readonly Product[],
  currency: string,
  now: string,
): PricedCart => {
  const byId = new Map(products.map((p) => [p.id, p]));
  const items: PricedCartItem[] = [];
  for (const line of lines) {
    const product = byId.get(line.productId);
    if (!product) continue;
    items.push({
      productId: product.id,
      name: product.name,
      priceCents: product.priceCents,
      quantity: line.quantity,
      lineTotalCents: product.priceCents * line.quantity,
      stock: product.stock,
      available: line.quantity <= product.stock,
      saleStartsAt: isOnSale(product, now) ? null : product.saleStartsAt,
    });
  }
  return {
    items,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0),
    currency,
  };
};
