import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { isStuck } from './order-status';

export const FALLBACK_POLL_MS = 3000;

/** `GET /api/orders/:id` — one of this shopper's orders (another shopper's is a 404). */
export const getOrder = (api: ApiClient, orderId: string, signal?: AbortSignal) =>
  api.json((s) => s.orderJsonSchema, {
    path: `/api/orders/${encodeURIComponent(orderId)}`,
    auth: true,
    signal,
  });

/**
 * The order, kept current: live updates move it on; when the socket is down (`poll`), it is
 * read again every few seconds for as long as it is still PENDING — unless it is stuck, which
 * only the shop's retry changes, and then the live update (or the read after a reconnect) says so.
 */
export const useOrder = (orderId: string, { poll }: { poll: boolean }) => {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.order(orderId),
    queryFn: ({ signal }) => getOrder(api, orderId, signal),
    refetchInterval: (query) => {
      const order = query.state.data;
      return poll && order?.status === 'PENDING' && !isStuck(order) ? FALLBACK_POLL_MS : false;
    },
  });
};
