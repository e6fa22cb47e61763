import { err, type Result } from '../shared/result';
import { checkout, earlierAttempt, type PlacedOrder, type PlaceOrderDeps } from './checkout';
import type { CartCheckoutInput } from './order';
import type { IdempotencyClaim } from './orders-port';

/** Checks out the shopper's whole cart. */
export const placeOrderFromCart = async (
  deps: PlaceOrderDeps,
  input: { userId: string; details: CartCheckoutInput; idempotency: IdempotencyClaim | null },
): Promise<Result<PlacedOrder>> => {
  const lines = await deps.carts.get(input.userId);
  // The key is looked up after the cart is read: if an earlier attempt with this key emptied
  // the cart, its order is already visible here and is replayed instead of CART_EMPTY.
  const earlier = await earlierAttempt(deps, input.userId, input.idempotency);
  if (earlier) return earlier;
  if (lines.length === 0) {
    return err('CART_EMPTY', 'Your cart is empty; add something before checking out.');
  }
  return checkout(deps, { ...input, requested: lines, fromCart: true });
};
