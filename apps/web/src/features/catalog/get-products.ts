import { useInfiniteQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';

export const PRODUCTS_PAGE_SIZE = 12;

/** `GET /api/products?category=&limit=&cursor=` */
export const getProducts = (
  api: ApiClient,
  query: { category: string | null; cursor: string | null; limit?: number },
  signal?: AbortSignal,
) =>
  api.json((s) => s.productPageJsonSchema, {
    path: '/api/products',
    query: {
      category: query.category,
      cursor: query.cursor,
      limit: query.limit ?? PRODUCTS_PAGE_SIZE,
    },
    signal,
  });

/** The catalog, one page at a time ("Load more" fetches the next cursor). */
export const useProducts = (category: string | null) => {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.productList(category),
    queryFn: ({ pageParam, signal }) => getProducts(api, { category, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
};
