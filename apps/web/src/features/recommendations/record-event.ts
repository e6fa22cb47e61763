import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export type InteractionType = 'product-view' | 'add-to-cart';

/**
 * `POST /api/events` — what feeds "Recommended for you". Purchases are recorded by the server
 * when an order is placed, so the shop never sends one.
 */
export const recordEvent = (
  api: ApiClient,
  event: { productId: string; eventType: InteractionType },
) =>
  api.json((s) => s.eventAcceptedJsonSchema, {
    method: 'POST',
    path: '/api/events',
    body: event,
    auth: true,
  });

/**
 * Fire and forget: tracking must never get in a shopper's way, so a failure is not shown. The
 * recommendations are refreshed next time they are on screen.
 */
export const useRecordEvent = () => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (event: { productId: string; eventType: InteractionType }) =>
      recordEvent(api, event),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.recommendations }),
    retry: false,
  });
};
