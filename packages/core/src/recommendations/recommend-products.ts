import type { Catalog } from '../catalog/catalog-port';
import { productNotFound } from '../catalog/get-product';
import type { Product } from '../catalog/product';
import type { Orders } from '../orders/orders-port';
import { ok, type Result } from '../shared/result';
import type { Clock } from '../shared/system';
import { type EventType, topCategory } from './interaction';
import type { Interactions } from './interactions-port';

export type Recommendations =
  | { basis: 'category'; category: string; items: Product[] }
  | { basis: 'popular'; category: null; items: Product[] };

/** How many of a shopper's latest orders count as "already bought". */
const RECENT_ORDERS = 100;

export const recordInteraction = async (
  deps: { catalog: Catalog; interactions: Interactions; clock: Clock },
  userId: string,
  event: { productId: string; eventType: EventType },
): Promise<Result<{ accepted: true }>> => {
  // The category comes from the catalog, never from the client.
  const product = await deps.catalog.get(event.productId);
  if (!product) return productNotFound(event.productId);
  const at = deps.clock.now().toISOString();
  await deps.interactions.record([
    { userId, productId: product.id, category: product.category, eventType: event.eventType, at },
  ]);
  return ok({ accepted: true });
};

/**
 * "Recommended for you": in-stock products of the shopper's top category that they have not
 * bought, topped up from the best-sellers; the best-sellers alone for a shopper with no history.
 */
export const recommendProducts = async (
  deps: { catalog: Catalog; interactions: Interactions; orders: Orders },
  userId: string,
  limit: number,
): Promise<Recommendations> => {
  const [scores, recent] = await Promise.all([
    deps.interactions.categoryScores(userId),
    deps.orders.listByUser(userId, { after: null, limit: RECENT_ORDERS }),
  ]);
  const bought = new Set(
    recent.items
      .filter((o) => o.status !== 'CANCELLED')
      .flatMap((o) => o.lines.map((l) => l.productId)),
  );
  const fresh = (products: Product[]) => products.filter((p) => p.stock > 0 && !bought.has(p.id));
  const popular = async (exclude: Set<string>, count: number) =>
    fresh(
      await deps.catalog.bestSellers({ category: null, limit: count + bought.size + exclude.size }),
    )
      .filter((p) => !exclude.has(p.id))
      .slice(0, count);

  const top = topCategory(scores);
  if (!top) return { basis: 'popular', category: null, items: await popular(new Set(), limit) };
  const inCategory = fresh(
    await deps.catalog.bestSellers({ category: top.category, limit: limit + bought.size }),
  ).slice(0, limit);
  const fill =
    inCategory.length < limit
      ? await popular(new Set(inCategory.map((p) => p.id)), limit - inCategory.length)
      : [];
  return { basis: 'category', category: top.category, items: [...inCategory, ...fill] };
};
