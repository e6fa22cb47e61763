import type { BuyNowInput } from '@sellout/core/orders/order';
import type { ApiClient } from '../../api/api-client';
import { type Attempt, useCheckoutMutation } from './use-checkout-mutation';

/** `POST /api/checkout` — "Buy now": one product, the cart left alone. */
export const buyNow = (api: ApiClient, { input, idempotencyKey }: Attempt<BuyNowInput>) =>
  api.json((s) => s.placeOrderJsonSchema, {
    method: 'POST',
    path: '/api/checkout',
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
    auth: true,
  });

export const useBuyNow = () => useCheckoutMutation(buyNow);
