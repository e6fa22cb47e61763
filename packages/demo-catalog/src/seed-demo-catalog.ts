import type { Catalog } from '@sellout/core/catalog/catalog-port';
import { createProduct } from '@sellout/core/catalog/manage-products';
import type { Ids } from '@sellout/core/shared/system';
import { demoCatalog } from './demo-catalog';

/**
 * Fills an empty catalog with the demo products, in display order (ids sort by creation time).
 * Does nothing when the catalog already has products, so restarts never duplicate them.
 */
export const seedDemoCatalog = async (deps: {
  catalog: Catalog;
  ids: Ids;
  shop: { currency: string };
}) => {
  const existing = await deps.catalog.list({ category: null, after: null, limit: 1 });
  if (existing.items.length > 0) return { seeded: 0 };
  for (const { slug: _slug, ...product } of demoCatalog) {
    const created = await createProduct(deps, product);
    if (!created.ok)
      throw new Error(`demo product ${product.sku} is invalid: ${created.error.message}`);
  }
  return { seeded: demoCatalog.length };
};
