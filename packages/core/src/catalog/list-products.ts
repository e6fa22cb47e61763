import { type CursorPage, type PageRequest, toCursorPage } from '../shared/pagination';
import type { Catalog } from './catalog-port';
import type { Product, ProductWithSales } from './product';

export const listProducts = async (
  deps: { catalog: Catalog },
  query: PageRequest & { category: string | null },
): Promise<CursorPage<Product>> => toCursorPage(await deps.catalog.list(query));

/** The shop owner's product table: every product with its units sold. */
export const listProductsWithSales = async (
  deps: { catalog: Catalog },
  query: PageRequest & { category: string | null },
): Promise<CursorPage<ProductWithSales>> => toCursorPage(await deps.catalog.listWithSales(query));
