import { type InfiniteData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import type { Page, Product } from '../../api/response-types';

/** `GET /api/products/:id` — one product with its stock now. */
export const getProduct = (api: ApiClient, productId: string, signal?: AbortSignal) =>
  api.json((s) => s.productJsonSchema, {
    path: `/api/products/${encodeURIComponent(productId)}`,
    signal,
  });

export const useProduct = (productId: string) => {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery<Product, Error, Product, ReturnType<typeof queryKeys.product>>({
    queryKey: queryKeys.product(productId),
    queryFn: ({ signal }) => getProduct(api, productId, signal),
    // Coming from the grid, show the card's data at once while the page's own read runs.
    placeholderData: () =>
      queryClient
        .getQueriesData<InfiniteData<Page<Product>>>({ queryKey: queryKeys.productLists })
        .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
        .find((product) => product.id === productId),
  });
};
