import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { isApiError } from '../../api/api-error';
import { queryKeys } from '../../api/query-keys';
import type { PlaceOrderResponse } from '../../api/response-types';
import { paths } from '../../app/paths';

/** One checkout attempt: the body, and the key that makes sending it again safe. */
export type Attempt<Input> = { input: Input; idempotencyKey: string };

/** Answers for which the order may or may not exist: only the same key may ask again. */
export const isUncertain = (error: unknown) =>
  isApiError(error) &&
  ['NETWORK', 'UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED', 'BAD_RESPONSE'].includes(error.code);

/**
 * What both checkouts (cart and buy-now) share: a lost answer or a busy store is retried a few
 * times with the same Idempotency-Key, which is safe because the server replays the order it
 * placed instead of placing another; success opens the confirmation.
 */
export const useCheckoutMutation = <Input>(
  send: (api: ApiClient, attempt: Attempt<Input>) => Promise<PlaceOrderResponse>,
) => {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (attempt: Attempt<Input>) => send(api, attempt),
    retry: (failures, error) =>
      (isApiError(error, 'NETWORK') || isApiError(error, 'UNAVAILABLE')) && failures < 3,
    retryDelay: (failures, error) =>
      isApiError(error) && error.retryAfterSeconds !== null
        ? error.retryAfterSeconds * 1000
        : Math.min(1000 * 2 ** failures, 8000),
    onSuccess: async (placed) => {
      queryClient.setQueryData(queryKeys.order(placed.orderId), placed.order);
      await navigate(paths.order.build(placed.orderId));
      // Read the order once more: the worker may have finished (and its live message come and
      // gone) before the order was in the cache, and a replay answers with the order as placed.
      // Stock went down and the cart was emptied of what was bought.
      for (const queryKey of [
        queryKeys.order(placed.orderId),
        queryKeys.cart,
        queryKeys.products,
        queryKeys.orderLists,
        queryKeys.recommendations,
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
};
