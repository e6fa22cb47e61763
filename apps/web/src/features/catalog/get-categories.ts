import { MAX_PAGE_SIZE } from '@sellout/core/shared/pagination';
import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { queryKeys } from '../../api/query-keys';
import { getProducts } from './get-products';

/** Enough for any shop this size; a bigger catalog would deserve a categories endpoint. */
const MAX_PAGES = 10;

/**
 * The categories that have products, in catalog order. The API has no categories endpoint,
 * so this walks the catalog in the largest pages it allows, once per visit.
 */
export const getCategories = async (api: ApiClient, signal?: AbortSignal) => {
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await getProducts(api, { category: null, cursor, limit: MAX_PAGE_SIZE }, signal);
    for (const product of result.items) seen.add(product.category);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  return [...seen];
};

export const useCategories = () => {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.categories,
    queryFn: ({ signal }) => getCategories(api, signal),
    staleTime: 10 * 60_000,
  });
};
