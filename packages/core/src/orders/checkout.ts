import type { Carts } from '../carts/carts-port';
import type { Catalog } from '../catalog/catalog-port';
import { productNotFound } from '../catalog/get-product';
import type { LiveUpdates } from '../live/live-updates-port';
import { purchasesOf } from '../recommendations/interaction';
import { ok, type Result } from '../shared/result';
import type { Clock, Ids } from '../shared/system';
import {
  keyReused,
  notOnSale,
  outOfStock,
  overCustomerLimit,
  overOrderLimit,
  type Products,
  visibleRefusal,
} from './checkout-refusals';
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
export type PlacedOrder = { order: Order; replayed: boolean };

/** One checkout, from the cart or "buy now": what is asked for and how to pay and ship it. */
type Checkout = {
  userId: string;
  requested: { productId: string; quantity: number }[];
  details: Omit<CartCheckoutInput, 'paymentToken'> & { paymentToken?: string | undefined };
  idempotency: IdempotencyClaim | null;
  fromCart: boolean;
};

/** A clash of random order numbers is rare (40 bits); a few fresh draws always end it. */
const NUMBER_DRAWS = 5;

/** An earlier attempt with this key, answered as it was; null when the key is new. */
export const earlierAttempt = async (
  deps: PlaceOrderDeps,
  userId: string,
  claim: IdempotencyClaim | null,
): Promise<Result<PlacedOrder> | null> => {
  const found = claim && (await deps.orders.findByIdempotencyKey(userId, claim.key));
  if (!found) return null;
  return found.requestHash === claim.requestHash
    ? ok({ order: asPlaced(found.order), replayed: true })
    : keyReused();
};

const answer = (
  deps: PlaceOrderDeps,
  outcome: Exclude<PlaceOrderOutcome, { kind: 'number-taken' }>,
  products: Products,
): Result<PlacedOrder> => {
  switch (outcome.kind) {
    case 'placed':
      if (outcome.stock) {
        deps.live.publish(outcome.stock.map((level) => ({ type: 'stock' as const, ...level })));
      }
      return ok<PlacedOrder>({ order: outcome.order, replayed: false });
    case 'replayed':
      return ok<PlacedOrder>({ order: asPlaced(outcome.order), replayed: true });
    case 'key-reused':
      return keyReused();
    case 'not-on-sale':
      return notOnSale(outcome.lines, products);
    case 'out-of-stock':
      return outOfStock(outcome.lines, products);
    case 'over-customer-limit':
      return overCustomerLimit(outcome.lines, products);
  }
};

export const checkout = async (
  deps: PlaceOrderDeps,
  input: Checkout,
): Promise<Result<PlacedOrder>> => {
  const products: Products = new Map(
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
  const createdAt = deps.clock.now().toISOString();
  const refused = overOrderLimit(lines, products) ?? visibleRefusal(lines, products, createdAt);
  // A duplicate whose original was stored after the key was looked up, and sold the units
  // seen gone here, is that original's replay, not a refusal.
  if (refused) return (await earlierAttempt(deps, input.userId, input.idempotency)) ?? refused;
  const order: Order = {
    id: deps.ids.newId('o'),
    number: deps.ids.newOrderNumber(),
    userId: input.userId,
    status: 'PENDING',
    lines,
    totalCents: orderTotalCents(lines),
    currency: [...products.values()][0]!.currency,
    email: input.details.email,
    shipping: input.details.shipping,
    paymentToken: input.details.paymentToken ?? DEFAULT_PAYMENT_TOKEN,
    createdAt,
    processedAt: null,
    failureReason: null,
    invoiceKey: null,
    stuckAt: null,
    cancelledBy: null,
  };
  const customerLimits = lines.flatMap((line) => {
    const limit = products.get(line.productId)!.maxPerCustomer;
    return limit === null ? [] : [{ productId: line.productId, limit }];
  });
  const purchases = purchasesOf(order, (id) => products.get(id)!.category);
  for (let draw = 1; ; draw++) {
    const outcome = await deps.orders.place({
      order,
      idempotency: input.idempotency,
      clearPurchasedFromCart: input.fromCart,
      customerLimits,
      purchases,
    });
    if (outcome.kind !== 'number-taken') return answer(deps, outcome, products);
    if (draw === NUMBER_DRAWS) throw new Error(`No free order number after ${draw} draws.`);
    order.number = deps.ids.newOrderNumber();
  }
};
