import { err, ok, type Result } from '../shared/result';
import type { Catalog } from './catalog-port';
import type { Product } from './product';

export const productNotFound = (id: string) =>
  err<never>('NOT_FOUND', `No product with id ${id}.`, { productId: id });

export const getProduct = async (
  deps: { catalog: Catalog },
  id: string,
): Promise<Result<Product>> => {
  const product = await deps.catalog.get(id);
  return product ? ok(product) : productNotFound(id);
};
