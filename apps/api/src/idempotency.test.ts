import { describe, expect, it } from 'vitest';
import {
  addToCart,
  allOrders,
  buyNow,
  buyNowBody,
  type CartBody,
  checkOutCart,
  expectError,
  type JsonResponse,
  jsonRequest,
  newShopper,
  openTestApp,
  type PlacedBody,
  type ProductBody,
  storeState,
  TEST_STORES,
  userIdOf,
} from './testing/test-app';

const REPLAYED = 'Idempotent-Replayed';

/** One original (no replay header) and the rest replays, every body the same. */
const expectOneOrderAnsweredToAll = (responses: JsonResponse<PlacedBody>[]) => {
  for (const response of responses) expect(response.status).toBe(201);
  const originals = responses.filter((r) => r.headers.get(REPLAYED) === null);
  const replays = responses.filter((r) => r.headers.get(REPLAYED) === 'true');
  expect(originals).toHaveLength(1);
  expect(replays).toHaveLength(responses.length - 1);
  for (const replay of replays) expect(replay.body).toEqual(originals[0]!.body);
  return originals[0]!.body;
};

describe.each(TEST_STORES)('Idempotency-Key (%s store)', (store) => {
  it('20 identical buy-now requests at once make exactly one order and all get its 201', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        buyNow(t.app, token, t.products.few.id, 2, { key: 'checkout-attempt-1' }),
      ),
    );
    const placed = expectOneOrderAnsweredToAll(responses);
    expect((await allOrders(t.deps.orders)).map((o) => o.id)).toEqual([placed.orderId]);
    const product = await t.deps.catalog.get(t.products.few.id);
    expect(product?.stock).toBe(t.products.few.stock - 2);
  });

  it('20 identical cart checkouts at once make exactly one order and empty the cart once', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    await addToCart(t.app, token, t.products.plenty.id, 3);
    await addToCart(t.app, token, t.products.few.id, 1);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => checkOutCart(t.app, token, { key: 'cart-attempt-1' })),
    );
    const placed = expectOneOrderAnsweredToAll(responses);
    expect(placed.order.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [t.products.plenty.id, 3],
      [t.products.few.id, 1],
    ]);
    expect((await allOrders(t.deps.orders)).map((o) => o.id)).toEqual([placed.orderId]);
    expect((await t.deps.catalog.get(t.products.plenty.id))?.stock).toBe(
      t.products.plenty.stock - 3,
    );
    expect(await t.deps.carts.get(userIdOf(token))).toEqual([]);
  });

  it('replays the original later, even after the product sold out', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const original = await buyNow(t.app, token, t.products.few.id, 1, { key: 'k-sold-out' });
    expect(original.status).toBe(201);
    expect(original.headers.get(REPLAYED)).toBeNull();
    const rival = await newShopper(t.app);
    expect((await buyNow(t.app, rival, t.products.few.id, 2)).status).toBe(201);
    expect((await t.deps.catalog.get(t.products.few.id))?.stock).toBe(0);
    const before = await storeState(t.deps);
    const replay = await buyNow(t.app, token, t.products.few.id, 1, { key: 'k-sold-out' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get(REPLAYED)).toBe('true');
    expect(replay.body).toEqual(original.body);
    expect(await storeState(t.deps)).toEqual(before);
  });

  it('replays a cart checkout after the cart was emptied, instead of CART_EMPTY', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    await addToCart(t.app, token, t.products.plenty.id, 2);
    const original = await checkOutCart(t.app, token, { key: 'k-cart' });
    expect(original.status).toBe(201);
    const cart = await jsonRequest<CartBody>(t.app, 'GET', '/api/cart', undefined, { token });
    expect(cart.body.items).toEqual([]);
    const replay = await checkOutCart(t.app, token, { key: 'k-cart' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get(REPLAYED)).toBe('true');
    expect(replay.body).toEqual(original.body);
    expect(await allOrders(t.deps.orders)).toHaveLength(1);
  });

  it('replays the order as it was acknowledged, even after it moved on', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const original = await buyNow(t.app, token, t.products.plenty.id, 1, { key: 'k-moved-on' });
    await t.deps.orders.markProcessed(original.body.orderId, {
      processedAt: '2026-01-01T00:01:00.000Z',
      invoiceKey: `invoices/${original.body.orderId}.txt`,
    });
    const replay = await buyNow(t.app, token, t.products.plenty.id, 1, { key: 'k-moved-on' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get(REPLAYED)).toBe('true');
    expect(replay.body).toEqual(original.body);
    expect(replay.body.status).toBe('PENDING');
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, changing nothing', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const original = await buyNow(t.app, token, t.products.plenty.id, 1, { key: 'k-reused' });
    expect(original.status).toBe(201);
    const before = await storeState(t.deps, [userIdOf(token)]);
    for (const reuse of [
      () => buyNow(t.app, token, t.products.plenty.id, 2, { key: 'k-reused' }),
      () => buyNow(t.app, token, t.products.few.id, 1, { key: 'k-reused' }),
      () =>
        buyNow(t.app, token, t.products.plenty.id, 1, {
          key: 'k-reused',
          overrides: { email: 'someone.else@example.com' },
        }),
      // The same key on the other checkout endpoint is another request too.
      async () => {
        await addToCart(t.app, token, t.products.plenty.id, 1);
        return checkOutCart(t.app, token, { key: 'k-reused' });
      },
    ]) {
      expectError(await reuse(), 422, 'IDEMPOTENCY_KEY_REUSED');
    }
    const after = await storeState(t.deps, [userIdOf(token)]);
    expect(after.products).toEqual(before.products);
    expect(after.orderIds).toEqual(before.orderIds);
  });

  it('treats the same request with fields in another order as the same request', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const body = buyNowBody(t.products.plenty.id, 1);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const original = await buyNow(t.app, token, t.products.plenty.id, 1, { key: 'k-order' });
    const replay = await jsonRequest<PlacedBody>(t.app, 'POST', '/api/checkout', reordered, {
      token,
      headers: { 'Idempotency-Key': 'k-order' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get(REPLAYED)).toBe('true');
    expect(replay.body).toEqual(original.body);
  });

  it('scopes keys to the shopper: another shopper with the same key gets their own order', async () => {
    const t = await openTestApp({ store });
    const ana = await newShopper(t.app);
    const ben = await newShopper(t.app);
    const anas = await buyNow(t.app, ana, t.products.plenty.id, 1, { key: 'shared-key' });
    const bens = await buyNow(t.app, ben, t.products.plenty.id, 1, { key: 'shared-key' });
    expect(anas.status).toBe(201);
    expect(bens.status).toBe(201);
    expect(bens.headers.get(REPLAYED)).toBeNull();
    expect(bens.body.orderId).not.toBe(anas.body.orderId);
    const bensOrder = await jsonRequest(
      t.app,
      'GET',
      `/api/orders/${bens.body.orderId}`,
      undefined,
      {
        token: ben,
      },
    );
    expect(bensOrder.status).toBe(200);
    expect(await allOrders(t.deps.orders)).toHaveLength(2);
  });

  it('makes a new order for each request without a key', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const first = await buyNow(t.app, token, t.products.plenty.id, 1);
    const second = await buyNow(t.app, token, t.products.plenty.id, 1);
    expect(second.status).toBe(201);
    expect(second.body.orderId).not.toBe(first.body.orderId);
    const product = await jsonRequest<ProductBody>(
      t.app,
      'GET',
      `/api/products/${t.products.plenty.id}`,
    );
    expect(product.body.stock).toBe(t.products.plenty.stock - 2);
  });

  it('accepts keys of 1 and 255 printable ASCII characters', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    for (const key of ['k', '~'.repeat(255), 'a b!"#$%&()*+,-./:;<=>?@[]^_`{|}~']) {
      const response = await buyNow(t.app, token, t.products.plenty.id, 1, { key });
      expect(response.status, key).toBe(201);
    }
  });

  it('refuses bad keys with 400 VALIDATION_FAILED on both checkouts, changing nothing', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    await addToCart(t.app, token, t.products.plenty.id, 1);
    const before = await storeState(t.deps, [userIdOf(token)]);
    // Headers travel as bytes: a UTF-8 key arrives as its bytes read one by one (latin1).
    const utf8OnTheWire = Buffer.from('ключ', 'utf8').toString('latin1');
    for (const key of ['', 'k'.repeat(256), 'clé', utf8OnTheWire, 'tab\tinside']) {
      for (const attempt of [
        () => buyNow(t.app, token, t.products.plenty.id, 1, { key }),
        () => checkOutCart(t.app, token, { key }),
      ]) {
        const error = expectError(await attempt(), 400, 'VALIDATION_FAILED');
        expect(error.details?.issues).toEqual([
          expect.objectContaining({ path: expect.stringMatching(/idempotency-key/i) }),
        ]);
      }
    }
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
  });
});
