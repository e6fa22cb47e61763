import type { adminProductJsonSchema } from '@sellout/core/contract/api-responses';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { adminKeys } from '../admin-paths';
import { type AdminApi, useAdminApi } from '../session/admin-context';

export type AdminProduct = z.infer<typeof adminProductJsonSchema>;

/** A shop's catalog is hundreds of products, not millions: the table holds all of them. */
const MAX_PAGES = 50;

/** `GET /api/admin/products`, every page: the products with their units sold. */
export const getAllAdminProducts = async (api: AdminApi, signal?: AbortSignal) => {
  const products: AdminProduct[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: { items: AdminProduct[]; nextCursor: string | null } = await api.json(
      (s) => s.adminProductPageJsonSchema,
      { path: '/api/admin/products', query: { limit: 100, cursor }, signal },
    );
    products.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return products;
};

export const useAdminProducts = (options: { refetchInterval?: number } = {}) => {
  const api = useAdminApi();
  return useQuery({
    queryKey: adminKeys.products,
    queryFn: ({ signal }) => getAllAdminProducts(api, signal),
    staleTime: 5_000,
    ...options,
  });
};
