import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Order, OrderStatus, Page } from '../../api/response-types';
import { isStuck } from '../../features/orders/order-status';
import { adminKeys } from '../admin-paths';
import { useAdminApi } from '../session/admin-context';

export type OrderFilter = {
  status: OrderStatus | null;
  /** An order number (`K7M2-9QX4`) or an email address, or nothing. */
  search: { number: string } | { email: string } | null;
};

/** `GET /api/admin/orders`: newest first, by status, or one search. */
export const useAdminOrders = (filter: OrderFilter, options: { refetchInterval?: number } = {}) => {
  const api = useAdminApi();
  return useInfiniteQuery({
    queryKey: adminKeys.orderList(filter),
    queryFn: ({ pageParam, signal }) =>
      api.json((s) => s.orderPageJsonSchema, {
        path: '/api/admin/orders',
        query: { limit: 25, cursor: pageParam, status: filter.status, ...filter.search },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Order>) => last.nextCursor,
    ...options,
  });
};

/** `GET /api/admin/orders/:id`. */
export const useAdminOrder = (orderId: string) => {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  return useQuery<Order, Error, Order, ReturnType<typeof adminKeys.order>>({
    queryKey: adminKeys.order(orderId),
    queryFn: ({ signal }) =>
      api.json((s) => s.orderJsonSchema, {
        path: `/api/admin/orders/${encodeURIComponent(orderId)}`,
        signal,
      }),
    // A retried (or just placed) order moves on in the worker: followed until it settles.
    refetchInterval: (query) => {
      const order = query.state.data;
      return order?.status === 'PENDING' && !isStuck(order) ? 1500 : false;
    },
    // Coming from the list, show what it had at once.
    placeholderData: () =>
      queryClient
        .getQueriesData<InfiniteData<Page<Order>>>({ queryKey: [...adminKeys.orders, 'list'] })
        .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
        .find((order) => order.id === orderId),
  });
};

/** `GET /api/admin/orders/:id/invoice`, once asked for. */
export const useAdminInvoice = (orderId: string, enabled: boolean) => {
  const api = useAdminApi();
  return useQuery({
    queryKey: adminKeys.invoice(orderId),
    queryFn: ({ signal }) =>
      api.text({ path: `/api/admin/orders/${encodeURIComponent(orderId)}/invoice`, signal }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
};

const useAfterOrderChange = () => {
  const queryClient = useQueryClient();
  return (order?: Order) => {
    if (order) queryClient.setQueryData(adminKeys.order(order.id), order);
    void queryClient.invalidateQueries({ queryKey: adminKeys.orders });
    void queryClient.invalidateQueries({ queryKey: adminKeys.products });
  };
};

/** `POST /api/admin/orders/:id/retry`: a stuck order goes to the worker again. */
export const useRetryOrder = () => {
  const api = useAdminApi();
  const changed = useAfterOrderChange();
  return useMutation({
    mutationFn: (orderId: string) =>
      api.json((s) => s.retryAcceptedJsonSchema, {
        method: 'POST',
        path: `/api/admin/orders/${encodeURIComponent(orderId)}/retry`,
      }),
    onSuccess: () => changed(),
  });
};

/** `POST /api/admin/orders/:id/cancel`: CANCELLED, stock back, the customer emailed once. */
export const useCancelOrder = () => {
  const api = useAdminApi();
  const changed = useAfterOrderChange();
  return useMutation({
    mutationFn: ({ orderId, reason }: { orderId: string; reason: string }) =>
      api.json((s) => s.orderJsonSchema, {
        method: 'POST',
        path: `/api/admin/orders/${encodeURIComponent(orderId)}/cancel`,
        body: { reason },
      }),
    onSuccess: (order) => changed(order),
  });
};
