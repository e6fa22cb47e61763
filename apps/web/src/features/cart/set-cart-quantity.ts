import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/api-error';
import { queryKeys } from '../../api/query-keys';

/** The cart page's line writes (quantity, remove) share this mutation scope. */
export const CART_LINE_WRITES = { id: 'cart-line-writes' };

/** `PUT /api/cart/items/:productId` — sets a line's quantity; 0 removes it. */
export const setCartQuantity = (api: ApiClient, productId: string, quantity: number) =>
  api.json((s) => s.cartJsonSchema, {
    method: 'PUT',
    path: `/api/cart/items/${encodeURIComponent(productId)}`,
    body: { quantity },
    auth: true,
  });

export const useSetCartQuantity = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, quantity }: { productId: string; quantity: number }) =>
      setCartQuantity(api, productId, quantity),
    // One at a time: each answer is the whole cart, so a late one must not undo a newer change
    // (nor a quantity sent just before "Remove" bring the line back).
    scope: CART_LINE_WRITES,
    onSuccess: (cart) => queryClient.setQueryData(queryKeys.cart, cart),
    // Setting a quantity is idempotent, so a lost answer is safe to ask again.
    retry: (failures, error) => isApiError(error, 'NETWORK') && failures < 3,
  });
};
