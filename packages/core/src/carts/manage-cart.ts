import type { Catalog } from '../catalog/catalog-port';
import { productNotFound } from '../catalog/get-product';
import { err, ok, type Result } from '../shared/result';
import type { Clock } from '../shared/system';
import {
  type CartLine,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type PricedCart,
  priceCart,
} from './cart';
import type { CartChange, Carts } from './carts-port';

type CartDeps = { catalog: Catalog; carts: Carts; clock: Clock; shop: { currency: string } };

const priced = async (deps: CartDeps, lines: CartLine[]): Promise<PricedCart> =>
  priceCart(
    lines,
    await deps.catalog.getMany(lines.map((l) => l.productId)),
    deps.shop.currency,
    deps.clock.now().toISOString(),
  );

const pricedChange = async (deps: CartDeps, change: CartChange): Promise<Result<PricedCart>> => {
  switch (change.kind) {
    case 'changed':
      return ok(await priced(deps, change.lines));
    case 'line-full':
      return err(
        'VALIDATION_FAILED',
        `A cart line holds at most ${MAX_LINE_QUANTITY} units; this one already has ${change.quantity}.`,
        {
          issues: [
            { path: 'quantity', message: `at most ${MAX_LINE_QUANTITY - change.quantity} more` },
          ],
        },
      );
    case 'cart-full':
      return err(
        'VALIDATION_FAILED',
        `A cart holds at most ${MAX_CART_LINES} different products; check out or remove one first.`,
        { issues: [{ path: 'productId', message: 'cart is full' }] },
      );
  }
};

export const getCart = async (deps: CartDeps, userId: string): Promise<PricedCart> =>
  priced(deps, await deps.carts.get(userId));

export const addToCart = async (
  deps: CartDeps,
  userId: string,
  input: { productId: string; quantity: number },
): Promise<Result<PricedCart>> => {
  if (!(await deps.catalog.get(input.productId))) return productNotFound(input.productId);
  return pricedChange(deps, await deps.carts.addItem(userId, input.productId, input.quantity));
};

export const setCartQuantity = async (
  deps: CartDeps,
  userId: string,
  productId: string,
  quantity: number,
): Promise<Result<PricedCart>> => {
  // Setting 0 on a line that is not there is harmless; setting more needs a real product.
  if (quantity > 0 && !(await deps.catalog.get(productId))) return productNotFound(productId);
  return pricedChange(deps, await deps.carts.setQuantity(userId, productId, quantity));
};

export const removeFromCart = async (
  deps: CartDeps,
  userId: string,
  productId: string,
): Promise<PricedCart> => priced(deps, await deps.carts.removeItem(userId, productId));
