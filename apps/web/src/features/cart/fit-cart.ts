import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import type { Cart } from '../../api/response-types';
import { removeCartItem } from './remove-cart-item';
import { setCartQuantity } from './set-cart-quantity';

/** A line lowered to what can be bought now; 0 takes it out of the cart. */
export type LineFit = { productId: string; quantity: number };

/** What to change so the cart asks for no more than the stock it shows. */
export const fitsForUnavailable = (cart: Cart): LineFit[] =>
  cart.items
    .filter((item) => !item.available)
    .map((item) => ({ productId: item.productId, quantity: Math.max(0, item.stock) }));

/** Applies the fits one line at a time (the API has no batch update) and returns the result. */
export const fitCart = async (api: ApiClient, fits: readonly LineFit[]) => {
  let cart: Cart | undefined;
  for (const fit of fits) {
    cart =
      fit.quantity > 0
        ? await setCartQuantity(api, fit.productId, fit.quantity)
        : await removeCartItem(api, fit.productId);
  }
  return cart;
};

/**
 * Used when checkout answers OUT_OF_STOCK or PURCHASE_LIMIT_EXCEEDED, and by the cart's
 * "Update my cart": the shopper sees the cart they can actually buy, then decides.
 */
export const useFitCart = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fits: readonly LineFit[]) => fitCart(api, fits),
    onSuccess: (cart) => {
      if (cart) queryClient.setQueryData(queryKeys.cart, cart);
    },
    // Stock moves fast in a sale: read the cart again so every line shows the latest.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.cart }),
  });
};
