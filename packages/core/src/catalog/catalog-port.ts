import type { Page, PageRequest } from '../shared/pagination';
import type { Product, ProductPatch, ProductWithSales } from './product';

/** The product catalog. Every change bumps `version`. */
export type Catalog = {
  get(id: string): Promise<Product | null>;
  /** The products that exist among `ids`, in no particular order. */
  getMany(ids: readonly string[]): Promise<Product[]>;
  /** Products in id order (oldest first), optionally of one category. */
  list(query: PageRequest & { category: string | null }): Promise<Page<Product>>;
  /**
   * `list` for the shop's owner: each product with its units sold (in orders that were not
   * cancelled, as `bestSellers` counts them).
   */
  listWithSales(query: PageRequest & { category: string | null }): Promise<Page<ProductWithSales>>;
  /** Inserts a new product with a fresh id; refused when its SKU is taken. */
  create(
    product: Product,
  ): Promise<{ kind: 'created' } | { kind: 'duplicate-sku'; productId: string }>;
  /** Changes descriptive fields (not stock); refused when the new SKU is another product's. */
  update(
    id: string,
    patch: ProductPatch,
  ): Promise<
    | { kind: 'updated'; product: Product }
    | { kind: 'not-found' }
    | { kind: 'duplicate-sku'; productId: string }
  >;
  /**
   * In-stock products, best-selling first (units in orders that were not cancelled), then
   * newest; optionally of one category.
   */
  bestSellers(query: { category: string | null; limit: number }): Promise<Product[]>;
  /** Atomically adds `quantity` units. Null when the product does not exist. */
  restock(id: string, quantity: number): Promise<Product | null>;
};
