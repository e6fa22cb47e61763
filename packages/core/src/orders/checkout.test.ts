import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import { aProduct, aShippingAddress } from '../testing/builders';
import {
  createFakeClock,
  createRecordingLiveUpdates,
  createSequentialIds,
} from '../testing/fake-system';
import { createInMemoryStore } from '../testing/in-memory-store';
import { buyNow } from './buy-now';
import type { PlaceOrderDeps } from './checkout';
import type { BuyNowInput, CartCheckoutInput } from './order';
import { placeOrderFromCart } from './place-order';

const details: CartCheckoutInput = { email: 'ana@example.com', shipping: aShippingAddress() };

const setup = async (...products: Product[]) => {
  const clock = createFakeClock('2026-11-11T11:11:11.000Z');
  const store = createInMemoryStore();
  for (const product of products) await store.catalog.create(product);
  const live = createRecordingLiveUpdates();
  const deps: PlaceOrderDeps = {
    catalog: store.catalog,
    carts: store.carts,
    orders: store.orders,
    live,
    clock,
    ids: createSequentialIds(),
  };
  const fill = async (userId: string, lines: [Product, number][]) => {
    for (const [product, quantity] of lines)
      await store.carts.addItem(userId, product.id, quantity);
  };
  const ordersOf = async (userId: string) =>
    (await store.orders.listByUser(userId, { after: null, limit: 100 })).items;
  return { deps, store, live, clock, fill, ordersOf };
};

const fromCart = (
  deps: PlaceOrderDeps,
  userId = 'u_1',
  idempotency: { key: string; requestHash: string } | null = null,
  input: CartCheckoutInput = details,
) => placeOrderFromCart(deps, { userId, details: input, idempotency });

describe('placeOrderFromCart', () => {
  it('answers CART_EMPTY for an empty cart and places nothing', async () => {
    const { deps, live, ordersOf } = await setup(aProduct());
    expect(await fromCart(deps)).toEqual({
      ok: false,
      error: {
        code: 'CART_EMPTY',
        message: 'Your cart is empty; add something before checking out.',
      },
    });
    expect(await ordersOf('u_1')).toEqual([]);
    expect(live.events).toEqual([]);
  });

  it('places a PENDING order for the whole cart, priced from the catalog at checkout', async () => {
    const mug = aProduct({ name: 'Mug', priceCents: 1000, stock: 5 });
    const cap = aProduct({ name: 'Cap', priceCents: 2500, stock: 5 });
    const { deps, store, fill } = await setup(mug, cap);
    await fill('u_1', [
      [mug, 2],
      [cap, 1],
    ]);
    await store.catalog.update(mug.id, { priceCents: 1200, name: 'Big mug' });

    const result = await fromCart(deps, 'u_1', null, { ...details, paymentToken: 'tok_declined' });

    const order = {
      id: 'o_0000000001',
      number: '0000-0001',
      userId: 'u_1',
      status: 'PENDING',
      lines: [
        { productId: mug.id, name: 'Big mug', priceCents: 1200, quantity: 2 },
        { productId: cap.id, name: 'Cap', priceCents: 2500, quantity: 1 },
      ],
      totalCents: 4900,
      currency: 'USD',
      email: 'ana@example.com',
      shipping: aShippingAddress(),
      paymentToken: 'tok_declined',
      createdAt: '2026-11-11T11:11:11.000Z',
      processedAt: null,
      failureReason: null,
      invoiceKey: null,
      stuckAt: null,
      cancelledBy: null,
    };
    expect(result).toEqual({
      ok: true,
      value: { order, replayed: false },
    });
    expect(await store.orders.get('o_0000000001')).toEqual(order);
    // The purchases were recorded with the order, for "recommended for you".
    expect(await store.interactions.categoryScores('u_1')).toEqual([
      { category: 'test', score: 10, lastAt: order.createdAt },
    ]);
  });

  it('charges tok_visa when the shopper sends no payment token', async () => {
    const product = aProduct();
    const { deps, fill } = await setup(product);
    await fill('u_1', [[product, 1]]);
    const result = await fromCart(deps);
    expect(result.ok && result.value.order.paymentToken).toBe('tok_visa');
  });

  it('takes the purchased units out of stock and out of the cart, and tells live clients', async () => {
    const mug = aProduct({ stock: 5, version: 1 });
    const cap = aProduct({ stock: 3, version: 4 });
    const { deps, store, live, fill } = await setup(mug, cap);
    await fill('u_1', [
      [mug, 2],
      [cap, 3],
    ]);
    await fill('u_2', [[mug, 1]]);

    expect((await fromCart(deps)).ok).toBe(true);

    expect(await store.carts.get('u_1')).toEqual([]);
    expect(await store.carts.get('u_2')).toEqual([{ productId: mug.id, quantity: 1 }]);
    expect(await store.catalog.get(mug.id)).toMatchObject({ stock: 3, version: 2 });
    expect(await store.catalog.get(cap.id)).toMatchObject({ stock: 0, version: 5 });
    expect(live.events).toEqual([
      { type: 'stock', productId: mug.id, stock: 3, version: 2 },
      { type: 'stock', productId: cap.id, stock: 0, version: 5 },
    ]);
  });

  it('keeps in the cart the units added while the checkout was under way', async () => {
    const product = aProduct({ stock: 10 });
    const { deps, store, fill } = await setup(product);
    await fill('u_1', [[product, 2]]);

    const checkingOut = fromCart(deps);
    await store.carts.addItem('u_1', product.id, 1);
    const result = await checkingOut;

    expect(result.ok && result.value.order.lines).toMatchObject([{ quantity: 2 }]);
    expect(await store.carts.get('u_1')).toEqual([{ productId: product.id, quantity: 1 }]);
    expect((await store.catalog.get(product.id))?.stock).toBe(8);
  });

  it('refuses more than the purchase limit, naming each product and changing nothing', async () => {
    const limited = aProduct({ maxPerOrder: 2, stock: 10 });
    const free = aProduct({ stock: 10 });
    const { deps, store, live, fill, ordersOf } = await setup(limited, free);
    await fill('u_1', [
      [free, 1],
      [limited, 3],
    ]);

    expect(await fromCart(deps)).toEqual({
      ok: false,
      error: {
        code: 'PURCHASE_LIMIT_EXCEEDED',
        message: `${limited.name} is limited to 2 per order.`,
        details: { items: [{ productId: limited.id, requested: 3, limit: 2 }] },
      },
    });
    expect(await store.catalog.get(limited.id)).toEqual(limited);
    expect(await store.catalog.get(free.id)).toEqual(free);
    expect(await store.carts.get('u_1')).toEqual([
      { productId: free.id, quantity: 1 },
      { productId: limited.id, quantity: 3 },
    ]);
    expect(await ordersOf('u_1')).toEqual([]);
    expect(live.events).toEqual([]);
  });

  it('sells exactly the purchase limit', async () => {
    const limited = aProduct({ maxPerOrder: 2 });
    const { deps, fill } = await setup(limited);
    await fill('u_1', [[limited, 2]]);
    expect((await fromCart(deps)).ok).toBe(true);
  });

  it('refuses when stock is short, saying how many are left, and changes nothing', async () => {
    const plenty = aProduct({ stock: 10 });
    const scarce = aProduct({ stock: 1 });
    const { deps, store, live, fill, ordersOf } = await setup(plenty, scarce);
    await fill('u_1', [
      [plenty, 2],
      [scarce, 3],
    ]);

    const result = await fromCart(deps);

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'OUT_OF_STOCK',
        message: `Only 1 left of ${scarce.name}; you asked for 3.`,
        details: { items: [{ productId: scarce.id, requested: 3, available: 1 }] },
      },
    });
    expect(await store.catalog.get(plenty.id)).toEqual(plenty);
    expect(await store.catalog.get(scarce.id)).toEqual(scarce);
    expect(await store.carts.get('u_1')).toHaveLength(2);
    expect(await ordersOf('u_1')).toEqual([]);
    expect(live.events).toEqual([]);
  });

  it('answers a repeat with the same key with the original order, even after it was processed and the cart emptied', async () => {
    const product = aProduct({ stock: 5 });
    const { deps, store, live, clock, fill, ordersOf } = await setup(product);
    await fill('u_1', [[product, 2]]);
    const claim = { key: 'checkout-1', requestHash: 'hash-a' };
    const first = await fromCart(deps, 'u_1', claim);
    expect(first.ok).toBe(true);
    const original = first.ok ? first.value.order : null;
    clock.advance(5000);
    await store.orders.markProcessed(original!.id, {
      processedAt: clock.now().toISOString(),
      invoiceKey: `invoices/${original!.id}.txt`,
    });
    const eventsBefore = live.events.length;

    const again = await fromCart(deps, 'u_1', claim);

    expect(again).toEqual({ ok: true, value: { order: original, replayed: true } });
    expect(await ordersOf('u_1')).toHaveLength(1);
    expect((await store.orders.get(original!.id))?.status).toBe('PROCESSED');
    expect((await store.catalog.get(product.id))?.stock).toBe(3);
    expect(live.events).toHaveLength(eventsBefore);
  });

  it('replays without buying what was added to the cart since', async () => {
    const product = aProduct({ stock: 5 });
    const later = aProduct({ stock: 5 });
    const { deps, store, fill, ordersOf } = await setup(product, later);
    await fill('u_1', [[product, 1]]);
    const claim = { key: 'checkout-1', requestHash: 'hash-a' };
    const first = await fromCart(deps, 'u_1', claim);
    await fill('u_1', [[later, 2]]);

    const again = await fromCart(deps, 'u_1', claim);

    expect(again.ok && again.value).toEqual({
      order: first.ok && first.value.order,
      replayed: true,
    });
    expect(await store.carts.get('u_1')).toEqual([{ productId: later.id, quantity: 2 }]);
    expect((await store.catalog.get(later.id))?.stock).toBe(5);
    expect(await ordersOf('u_1')).toHaveLength(1);
  });

  it('refuses the same key with a different request, placing nothing', async () => {
    const product = aProduct({ stock: 5 });
    const { deps, store, fill, ordersOf } = await setup(product);
    await fill('u_1', [[product, 1]]);
    await fromCart(deps, 'u_1', { key: 'checkout-1', requestHash: 'hash-a' });
    await fill('u_1', [[product, 1]]);

    const reused = await fromCart(deps, 'u_1', { key: 'checkout-1', requestHash: 'hash-b' });

    expect(!reused.ok && reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(!reused.ok && reused.error.message).toMatch(/send a new key/);
    expect(await ordersOf('u_1')).toHaveLength(1);
    expect(await store.carts.get('u_1')).toEqual([{ productId: product.id, quantity: 1 }]);
    expect((await store.catalog.get(product.id))?.stock).toBe(4);
  });

  it('scopes keys to the shopper', async () => {
    const product = aProduct({ stock: 5 });
    const { deps, fill } = await setup(product);
    await fill('u_1', [[product, 1]]);
    await fill('u_2', [[product, 1]]);
    const claim = { key: 'same-key', requestHash: 'hash-a' };
    const a = await fromCart(deps, 'u_1', claim);
    const b = await fromCart(deps, 'u_2', claim);
    expect(a.ok && b.ok && a.value.order.id !== b.value.order.id).toBe(true);
    expect(b.ok && b.value.replayed).toBe(false);
  });

  it('places one order when the same checkout arrives twice at once, and both get it', async () => {
    const product = aProduct({ stock: 5 });
    const { deps, store, live, fill, ordersOf } = await setup(product);
    await fill('u_1', [[product, 2]]);
    const claim = { key: 'double-click', requestHash: 'hash-a' };

    const [a, b] = await Promise.all([fromCart(deps, 'u_1', claim), fromCart(deps, 'u_1', claim)]);

    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.order).toEqual(b.value.order);
    expect([a.value.replayed, b.value.replayed].sort()).toEqual([false, true]);
    expect(await ordersOf('u_1')).toHaveLength(1);
    expect((await store.catalog.get(product.id))?.stock).toBe(3);
    expect(live.events).toHaveLength(1);
  });

  it('refuses a racing request that reuses the key for something else', async () => {
    const product = aProduct({ stock: 5 });
    const { deps, fill, ordersOf } = await setup(product);
    await fill('u_1', [[product, 1]]);

    const results = await Promise.all([
      fromCart(deps, 'u_1', { key: 'k', requestHash: 'hash-a' }),
      fromCart(deps, 'u_1', { key: 'k', requestHash: 'hash-b' }),
    ]);

    expect(results.map((r) => (r.ok ? 'placed' : r.error.code))).toEqual([
      'placed',
      'IDEMPOTENCY_KEY_REUSED',
    ]);
    expect(await ordersOf('u_1')).toHaveLength(1);
  });
});

describe('buyNow', () => {
  const buy = (
    deps: PlaceOrderDeps,
    productId: string,
    quantity: number,
    idempotency: { key: string; requestHash: string } | null = null,
  ) => {
    const input: BuyNowInput = { ...details, productId, quantity };
    return buyNow(deps, { userId: 'u_1', details: input, idempotency });
  };

  it('places an order for one product and leaves the cart alone, even a line of that product', async () => {
    const product = aProduct({ name: 'Sneaker', priceCents: 9900, stock: 5 });
    const other = aProduct();
    const { deps, store, live, fill } = await setup(product, other);
    await fill('u_1', [
      [product, 1],
      [other, 2],
    ]);

    const result = await buy(deps, product.id, 2);

    expect(result.ok && result.value).toMatchObject({
      replayed: false,
      order: {
        status: 'PENDING',
        lines: [{ productId: product.id, name: 'Sneaker', priceCents: 9900, quantity: 2 }],
        totalCents: 19800,
        paymentToken: 'tok_visa',
      },
    });
    expect(await store.carts.get('u_1')).toEqual([
      { productId: product.id, quantity: 1 },
      { productId: other.id, quantity: 2 },
    ]);
    expect((await store.catalog.get(product.id))?.stock).toBe(3);
    expect(live.events).toEqual([{ type: 'stock', productId: product.id, stock: 3, version: 2 }]);
  });

  it('answers NOT_FOUND for an unknown product and places nothing', async () => {
    const { deps, live, ordersOf } = await setup();
    expect(await buy(deps, 'p_missing', 1)).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'No product with id p_missing.',
        details: { productId: 'p_missing' },
      },
    });
    expect(await ordersOf('u_1')).toEqual([]);
    expect(live.events).toEqual([]);
  });

  it('holds to the purchase limit and the stock', async () => {
    const limited = aProduct({ maxPerOrder: 1, stock: 5 });
    const scarce = aProduct({ stock: 2 });
    const { deps } = await setup(limited, scarce);
    const overLimit = await buy(deps, limited.id, 2);
    expect(!overLimit.ok && overLimit.error).toMatchObject({
      code: 'PURCHASE_LIMIT_EXCEEDED',
      details: { items: [{ productId: limited.id, requested: 2, limit: 1 }] },
    });
    const short = await buy(deps, scarce.id, 3);
    expect(!short.ok && short.error).toMatchObject({
      code: 'OUT_OF_STOCK',
      message: `Only 2 left of ${scarce.name}; you asked for 3.`,
      details: { items: [{ productId: scarce.id, requested: 3, available: 2 }] },
    });
  });

  it('sells the last unit once, then answers OUT_OF_STOCK', async () => {
    const product = aProduct({ stock: 1 });
    const { deps, store } = await setup(product);
    expect((await buy(deps, product.id, 1)).ok).toBe(true);
    const second = await buy(deps, product.id, 1);
    expect(!second.ok && second.error.code).toBe('OUT_OF_STOCK');
    expect((await store.catalog.get(product.id))?.stock).toBe(0);
  });

  it('replays the original order for the same key, even once the product sold out', async () => {
    const product = aProduct({ stock: 2 });
    const { deps, ordersOf } = await setup(product);
    const claim = { key: 'buy-1', requestHash: 'hash-a' };
    const first = await buy(deps, product.id, 2, claim);
    const again = await buy(deps, product.id, 2, claim);
    expect(again).toEqual({
      ok: true,
      value: { order: first.ok && first.value.order, replayed: true },
    });
    const reused = await buy(deps, product.id, 1, { key: 'buy-1', requestHash: 'hash-b' });
    expect(!reused.ok && reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ordersOf('u_1')).toHaveLength(1);
  });

  it('replays a duplicate whose original sold the product out while it was pricing', async () => {
    const product = aProduct({ stock: 2 });
    const { deps, ordersOf } = await setup(product);
    const claim = { key: 'buy-1', requestHash: 'hash-a' };
    // The duplicate looks the key up before the original is stored and prices the order after
    // it: the units it sees gone are the ones its own original bought.
    let original: ReturnType<typeof buy> | undefined;
    const pricingLate: PlaceOrderDeps = {
      ...deps,
      catalog: {
        ...deps.catalog,
        getMany: async (ids) => {
          original ??= buy(deps, product.id, 2, claim);
          await original;
          return deps.catalog.getMany(ids);
        },
      },
    };
    const duplicate = await buy(pricingLate, product.id, 2, claim);
    const first = await original!;
    expect(duplicate).toEqual({
      ok: true,
      value: { order: first.ok && first.value.order, replayed: true },
    });
    expect(await ordersOf('u_1')).toHaveLength(1);
  });
});
