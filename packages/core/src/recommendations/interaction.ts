import { z } from 'zod';
import { productIdSchema } from '../catalog/product';
import type { Order } from '../orders/order';

export const EVENT_TYPES = ['product-view', 'add-to-cart', 'purchase'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** How much each kind of interaction says about a shopper's interest (DESIGN §6). */
export const EVENT_WEIGHTS: Record<EventType, number> = {
  'product-view': 1,
  'add-to-cart': 3,
  purchase: 5,
};

/** One interaction; the category is the server's, looked up from the product. */
export type Interaction = {
  userId: string;
  productId: string;
  category: string;
  eventType: EventType;
  /** ISO 8601 UTC. */
  at: string;
};

/** A shopper's interest in one category: summed weights, and when it was last touched. */
export type CategoryScore = { category: string; score: number; lastAt: string };

export const trackEventSchema = z.strictObject({
  productId: productIdSchema,
  eventType: z.enum(EVENT_TYPES, { error: 'eventType is product-view, add-to-cart or purchase' }),
});

/** A `purchase` interaction per line of a newly placed order. */
export const purchasesOf = (
  order: Order,
  categoryOf: (productId: string) => string,
): Interaction[] =>
  order.lines.map((line) => ({
    userId: order.userId,
    productId: line.productId,
    category: categoryOf(line.productId),
    eventType: 'purchase',
    at: order.createdAt,
  }));

/** The top category: highest score, ties to the one touched most recently. */
export const topCategory = (scores: readonly CategoryScore[]): CategoryScore | null =>
  scores.reduce<CategoryScore | null>(
    (best, s) =>
      !best || s.score > best.score || (s.score === best.score && s.lastAt > best.lastAt)
        ? s
        : best,
    null,
  );
