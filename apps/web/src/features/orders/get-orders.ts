import { useInfiniteQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

/** `GET /api/orders?cursor=` — this shopper's orders, newest first. */
export const getOrders = (api: ApiClient, cursor: string | null, signal?: AbortSignal) =>
  api.json((s) => s.orderPageJsonSchema, {
    path: '/api/orders',
    query: { cursor },
    auth: true,
    signal,
  });

export const useOrders = () => {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.orderLists,
    queryFn: ({ pageParam, signal }) => getOrders(api, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
};
