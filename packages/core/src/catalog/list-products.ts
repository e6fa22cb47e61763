import { type CursorPage, type PageRequest, toCursorPage } from '../shared/pagination';
import type { Catalog } from './catalog-port';
import type { Product } from './product';

export const listProducts = async (
  deps: { catalog: Catalog },
  query: PageRequest & { category: string | null },
): Promise<CursorPage<Product>> => toCursorPage(await deps.catalog.list(query));
