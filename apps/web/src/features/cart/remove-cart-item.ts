import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/api-error';
import { queryKeys } from '../../api/query-keys';
import { CART_LINE_WRITES } from './set-cart-quantity';

/** `DELETE /api/cart/items/:productId` — fine also when the line is already gone. */
export const removeCartItem = (api: ApiClient, productId: string) =>
  api.json((s) => s.cartJsonSchema, {
    method: 'DELETE',
    path: `/api/cart/items/${encodeURIComponent(productId)}`,
    auth: true,
  });

export const useRemoveCartItem = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (productId: string) => removeCartItem(api, productId),
    // One at a time: each answer is the whole cart, so a late one must not undo a newer change
    // (nor a quantity sent just before "Remove" bring the line back).
    scope: CART_LINE_WRITES,
    onSuccess: (cart) => queryClient.setQueryData(queryKeys.cart, cart),
    retry: (failures, error) => isApiError(error, 'NETWORK') && failures < 3,
  });
};
