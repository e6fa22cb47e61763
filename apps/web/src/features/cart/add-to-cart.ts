import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export type AddToCartInput = { productId: string; quantity: number };

/** `POST /api/cart` — adds units to a line (it is not idempotent, so it is never retried blindly). */
export const addToCart = (api: ApiClient, input: AddToCartInput) =>
  api.json((s) => s.cartJsonSchema, { method: 'POST', path: '/api/cart', body: input, auth: true });

export const useAddToCart = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddToCartInput) => addToCart(api, input),
    onSuccess: (cart) => queryClient.setQueryData(queryKeys.cart, cart),
  });
};
