import type { CartCheckoutInput } from '@sellout/core/orders/order';
import type { ApiClient } from '../../api/api-client';
import { type Attempt, useCheckoutMutation } from './use-checkout-mutation';

/**
 * `POST /api/orders` — checks out the whole cart. The Idempotency-Key makes a retry of the same
 * attempt (after a lost answer) return the order it already placed instead of a second one.
 */
export const placeOrder = (api: ApiClient, { input, idempotencyKey }: Attempt<CartCheckoutInput>) =>
  api.json((s) => s.placeOrderJsonSchema, {
    method: 'POST',
    path: '/api/orders',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
    auth: true,
  });

export const usePlaceOrder = () => useCheckoutMutation(placeOrder);
