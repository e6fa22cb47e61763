import type { Carts } from '../carts/carts-port';
import type { Catalog } from '../catalog/catalog-port';
import { productNotFound } from '../catalog/get-product';
import type { Product } from '../catalog/product';
import type { LiveUpdates } from '../live/live-updates-port';
import { type Interaction, purchasesOf } from '../recommendations/interaction';
import { err, ok, type Result } from '../shared/result';
import type { Clock, Ids } from '../shared/system';
import {
  asPlaced,
  type CartCheckoutInput,
  DEFAULT_PAYMENT_TOKEN,
  mergeOrderLines,
  type Order,
  orderTotalCents,
} from './order';
import type { IdempotencyClaim, Orders, PlaceOrderOutcome } from './orders-port';

/*
 * What both checkouts (the whole cart, and "buy now") share: price the requested lines from the
 * catalog, enforce purchase limits, and place the order atomically (DESIGN §4), answering an
 * earlier attempt with the same Idempotency-Key with the order as it was placed.
 */

export type PlaceOrderDeps = {
  catalog: Catalog;
  carts: Carts;
  orders: Orders;
  live: LiveUpdates;
  clock: Clock;
  ids: Ids;
};

/** What a checkout answers: the order as placed, and whether this was an idempotent replay. */
export type PlacedOrder = {
  order: Order;
  replayed: boolean;
  /** What "recommended for you" learns from a new order; nothing for a replay. */
  purchases: Interaction[];
};

/** One checkout, from the cart or "buy now": what is asked for and how to pay and ship it. */
type Checkout = {
  userId: string;
  requested: { productId: string; quantity: number }[];
  details: Omit<CartCheckoutInput, 'paymentToken'> & { paymentToken?: string | undefined };
  idempotency: IdempotencyClaim | null;
  fromCart: boolean;
};

const keyReused = () =>
  err<never>(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request; send a new key for a new checkout.',
  );

/** An earlier attempt with this key, answered as it was; null when the key is new. */
export const earlierAttempt = async (
  deps: PlaceOrderDeps,
  userId: string,
  claim: IdempotencyClaim | null,
): Promise<Result<PlacedOrder> | null> => {
  const found = claim && (await deps.orders.findByIdempotencyKey(userId, claim.key));
  if (!found) return null;
  return found.requestHash === claim.requestHash
    ? ok({ order: asPlaced(found.order), replayed: true, purchases: [] })
    : keyReused();
};

const limitBreaches = (lines: Order['lines'], products: Map<string, Product>) =>
  lines.flatMap((line) => {
    const limit = products.get(line.productId)?.maxPerOrder ?? null;
    return limit !== null && line.quantity > limit
      ? [{ productId: line.productId, requested: line.quantity, limit }]
      : [];
  });

const answer = (
  deps: PlaceOrderDeps,
  outcome: PlaceOrderOutcome,
  products: Map<string, Product>,
): Result<PlacedOrder> => {
  const nameOf = (productId: string) => products.get(productId)?.name ?? productId;
  switch (outcome.kind) {
    case 'placed':
      deps.live.publish(outcome.stock.map((level) => ({ type: 'stock' as const, ...level })));
      return ok<PlacedOrder>({
        order: outcome.order,
        replayed: false,
        purchases: purchasesOf(outcome.order, (id) => products.get(id)?.category ?? ''),
      });
    case 'replayed':
      return ok<PlacedOrder>({ order: asPlaced(outcome.order), replayed: true, purchases: [] });
    case 'key-reused':
      return keyReused();
    case 'out-of-stock':
      return err<never>(
        'OUT_OF_STOCK',
        outcome.lines
          .map((l) =>
            l.available === 0
              ? `${nameOf(l.productId)} is sold out.`
              : `Only ${l.available} left of ${nameOf(l.productId)}; you asked for ${l.requested}.`,
          )
          .join(' '),
        { items: outcome.lines },
      );
  }
};

export const checkout = async (
  deps: PlaceOrderDeps,
  input: Checkout,
): Promise<Result<PlacedOrder>> => {
  const products = new Map(
    (await deps.catalog.getMany(input.requested.map((l) => l.productId))).map((p) => [p.id, p]),
  );
  const missing = input.requested.find((line) => !products.has(line.productId));
  if (missing) return productNotFound(missing.productId);
  const lines = mergeOrderLines(
    input.requested.map((line) => {
      const product = products.get(line.productId)!;
      return {
        productId: product.id,
        name: product.name,
        priceCents: product.priceCents,
        quantity: line.quantity,
      };
    }),
  );
  const breaches = limitBreaches(lines, products);
  if (breaches.length > 0) {
    return err(
      'PURCHASE_LIMIT_EXCEEDED',
      breaches
        .map((b) => `${products.get(b.productId)!.name} is limited to ${b.limit} per order.`)
        .join(' '),
      { items: breaches },
    );
  }
  const order: Order = {
    id: deps.ids.newId('o'),
    userId: input.userId,
    status: 'PENDING',
    lines,
    totalCents: orderTotalCents(lines),
    currency: [...products.values()][0]!.currency,
    email: input.details.email,
    shipping: input.details.shipping,
    paymentToken: input.details.paymentToken ?? DEFAULT_PAYMENT_TOKEN,
    createdAt: deps.clock.now().toISOString(),
    processedAt: null,
    failureReason: null,
    invoiceKey: null,
  };
  const outcome = await deps.orders.place({
    order,
    idempotency: input.idempotency,
    clearPurchasedFromCart: input.fromCart,
  });
  return answer(deps, outcome, products);
};
