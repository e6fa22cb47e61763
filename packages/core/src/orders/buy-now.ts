import type { Result } from '../shared/result';
import { checkout, earlierAttempt, type PlacedOrder, type PlaceOrderDeps } from './checkout';
import type { BuyNowInput } from './order';
import type { IdempotencyClaim } from './orders-port';

/** "Buy now": one product, the cart untouched. */
export const buyNow = async (
  deps: PlaceOrderDeps,
  input: { userId: string; details: BuyNowInput; idempotency: IdempotencyClaim | null },
): Promise<Result<PlacedOrder>> => {
  const earlier = await earlierAttempt(deps, input.userId, input.idempotency);
  if (earlier) return earlier;
  const { productId, quantity, ...details } = input.details;
  return checkout(deps, {
    userId: input.userId,
    requested: [{ productId, quantity }],
    details,
    idempotency: input.idempotency,
    fromCart: false,
  });
};
