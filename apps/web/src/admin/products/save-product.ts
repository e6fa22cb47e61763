import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import type { Product } from '../../api/response-types';
import { adminKeys } from '../admin-paths';
import { useAdminApi } from '../session/admin-context';

/** The fields the admin API takes for a product (DESIGN §8); stock only when creating. */
export type ProductFields = {
  sku: string;
  name: string;
  description: string;
  category: string;
  priceCents: number;
  imageUrl: string;
  maxPerOrder: number | null;
  maxPerCustomer: number | null;
  saleStartsAt: string | null;
};

/** `POST /api/admin/products`, or `PATCH /api/admin/products/:id` with what changed. */
export const useSaveProduct = () => {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      save:
        | { kind: 'create'; fields: ProductFields & { stock: number } }
        | { kind: 'update'; productId: string; changes: Partial<ProductFields> },
    ): Promise<Product> =>
      save.kind === 'create'
        ? api.json((s) => s.productJsonSchema, {
            method: 'POST',
            path: '/api/admin/products',
            body: save.fields,
          })
        : api.json((s) => s.productJsonSchema, {
            method: 'PATCH',
            path: `/api/admin/products/${encodeURIComponent(save.productId)}`,
            body: save.changes,
          }),
    onSuccess: (product) => {
      queryClient.setQueryData(queryKeys.product(product.id), product);
      void queryClient.invalidateQueries({ queryKey: adminKeys.products });
    },
  });
};

/** `POST /api/admin/products/:id/restock`: adds units atomically. */
export const useRestockProduct = (productId: string) => {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quantity: number) =>
      api.json((s) => s.productJsonSchema, {
        method: 'POST',
        path: `/api/admin/products/${encodeURIComponent(productId)}/restock`,
        body: { quantity },
      }),
    onSuccess: (product) => {
      queryClient.setQueryData(queryKeys.product(product.id), product);
      void queryClient.invalidateQueries({ queryKey: adminKeys.products });
    },
  });
};
