import type { Product } from '../catalog/product';
import type { PlaceOrderDeps } from '../orders/checkout';
import type { Orders } from '../orders/orders-port';
import { createFakeClock, createRecordingLiveUpdates, createSequentialIds } from './fake-system';
import { createInMemoryStore } from './in-memory-store';

/**
 * An in-memory store holding `products`, a clock stopped at `now` and the deps that place an
 * order against them; `orders` may wrap the real orders port to stage a failure.
 */
export const setupPlaceOrder = async (
  now: string,
  products: Product[],
  orders?: (real: Orders) => Orders,
) => {
  const clock = createFakeClock(now);
  const store = createInMemoryStore();
  for (const product of products) await store.catalog.create(product);
  const live = createRecordingLiveUpdates();
  const deps: PlaceOrderDeps = {
    catalog: store.catalog,
    carts: store.carts,
    orders: orders ? orders(store.orders) : store.orders,
    live,
    clock,
    ids: createSequentialIds(),
  };
  return { clock, store, live, deps };
};
