import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

/** `GET /api/cart` — priced by the server from the catalog as it is now. */
export const getCart = (api: ApiClient, signal?: AbortSignal) =>
  api.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true, signal });

export const useCart = () => {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.cart, queryFn: ({ signal }) => getCart(api, signal) });
};
