import { MAX_CART_LINES } from '@sellout/core/carts/cart';
import { describe, expect, it } from 'vitest';
import {
  addToCart,
  type CartBody,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  storeState,
  TEST_STORES,
  TEST_TTLS,
  userIdOf,
} from '../testing/test-app';

describe.each(TEST_STORES)('cart (%s store)', (store) => {
  const setup = async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const request = (method: string, path: string, body?: unknown) =>
      jsonRequest<CartBody>(t.app, method, path, body, { token });
    return { ...t, token, request };
  };

  it('starts empty', async () => {
    const { request } = await setup();
    const response = await request('GET', '/api/cart');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], itemCount: 0, totalCents: 0, currency: 'USD' });
  });

  it('adds units and prices the cart from the catalog', async () => {
    const { request, products } = await setup();
    const response = await request('POST', '/api/cart', {
      productId: products.plenty.id,
      quantity: 2,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          productId: products.plenty.id,
          name: products.plenty.name,
          priceCents: 1250,
          quantity: 2,
          lineTotalCents: 2500,
          stock: products.plenty.stock,
          available: true,
          saleStartsAt: null,
        },
      ],
      itemCount: 2,
      totalCents: 2500,
      currency: 'USD',
    });
    expect((await request('GET', '/api/cart')).body).toEqual(response.body);
  });

  it('adds to an existing line, keeps lines in the order first added, and sums the totals', async () => {
    const { app, token, request, products } = await setup();
    await addToCart(app, token, products.few.id, 1);
    await addToCart(app, token, products.plenty.id, 1);
    const cart = await addToCart(app, token, products.few.id, 1);
    expect(cart.items.map((i) => [i.productId, i.quantity])).toEqual([
      [products.few.id, 2],
      [products.plenty.id, 1],
    ]);
    expect(cart.itemCount).toBe(3);
    expect(cart.totalCents).toBe(2 * 4999 + 1250);
    expect(cart.items.map((i) => i.lineTotalCents)).toEqual([2 * 4999, 1250]);
    expect((await request('GET', '/api/cart')).body).toEqual(cart);
  });

  it('sets a quantity with PUT, creating the line if needed, and 0 removes it', async () => {
    const { request, products } = await setup();
    const created = await request('PUT', `/api/cart/items/${products.plenty.id}`, { quantity: 4 });
    expect(created.status).toBe(200);
    expect(created.body.items).toMatchObject([{ productId: products.plenty.id, quantity: 4 }]);
    const changed = await request('PUT', `/api/cart/items/${products.plenty.id}`, { quantity: 7 });
    expect(changed.body.items).toMatchObject([{ quantity: 7, lineTotalCents: 7 * 1250 }]);
    expect(changed.body.itemCount).toBe(7);
    const removed = await request('PUT', `/api/cart/items/${products.plenty.id}`, { quantity: 0 });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ items: [], itemCount: 0, totalCents: 0, currency: 'USD' });
  });

  it('removes a line with DELETE, and answers 200 when the line was not there', async () => {
    const { app, token, request, products } = await setup();
    await addToCart(app, token, products.plenty.id, 1);
    await addToCart(app, token, products.few.id, 1);
    const removed = await request('DELETE', `/api/cart/items/${products.plenty.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i) => i.productId)).toEqual([products.few.id]);
    const again = await request('DELETE', `/api/cart/items/${products.plenty.id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(removed.body);
    const unknown = await request('DELETE', '/api/cart/items/p_neverexisted');
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(removed.body);
  });

  it('marks a line unavailable when it asks for more than is in stock, and a sold-out one too', async () => {
    const { app, token, request, products } = await setup();
    await addToCart(app, token, products.few.id, products.few.stock + 2);
    const cart = await addToCart(app, token, products.soldOut.id, 1);
    expect(cart.items).toEqual([
      expect.objectContaining({ productId: products.few.id, stock: 3, available: false }),
      expect.objectContaining({ productId: products.soldOut.id, stock: 0, available: false }),
    ]);
    // A line exactly at the stock level is still available.
    const exact = await request('PUT', `/api/cart/items/${products.few.id}`, {
      quantity: products.few.stock,
    });
    expect(exact.body.items[0]).toMatchObject({ quantity: 3, available: true });
  });

  it('prices lines at the current catalog price, never a stored one', async () => {
    const { app, token, adminToken, request, products } = await setup();
    await addToCart(app, token, products.plenty.id, 2);
    const patched = await jsonRequest(
      app,
      'PATCH',
      `/api/admin/products/${products.plenty.id}`,
      { priceCents: 999 },
      { token: adminToken },
    );
    expect(patched.status).toBe(200);
    const cart = await request('GET', '/api/cart');
    expect(cart.body.items[0]).toMatchObject({ priceCents: 999, lineTotalCents: 1998 });
    expect(cart.body.totalCents).toBe(1998);
  });

  it('forgets a cart no change touched for CART_TTL_DAYS; any change restarts the count', async () => {
    const { request, products, clock } = await setup();
    await request('POST', '/api/cart', { productId: products.plenty.id, quantity: 2 });
    clock.advance(TEST_TTLS.guestDataTtlMs - 1);
    await request('PUT', `/api/cart/items/${products.few.id}`, { quantity: 1 });
    clock.advance(TEST_TTLS.guestDataTtlMs - 1);
    expect((await request('GET', '/api/cart')).body.itemCount).toBe(3);
    clock.advance(1);
    expect((await request('GET', '/api/cart')).body).toEqual({
      items: [],
      itemCount: 0,
      totalCents: 0,
      currency: 'USD',
    });
    const fresh = await request('POST', '/api/cart', { productId: products.few.id, quantity: 1 });
    expect(fresh.body.items.map((item) => [item.productId, item.quantity])).toEqual([
      [products.few.id, 1],
    ]);
  });

  it('keeps each shopper to their own cart', async () => {
    const { app, token, products } = await setup();
    const other = await newShopper(app);
    await addToCart(app, token, products.plenty.id, 3);
    const theirs = await jsonRequest<CartBody>(app, 'GET', '/api/cart', undefined, {
      token: other,
    });
    expect(theirs.body.items).toEqual([]);
    await jsonRequest(app, 'DELETE', `/api/cart/items/${products.plenty.id}`, undefined, {
      token: other,
    });
    const mine = await jsonRequest<CartBody>(app, 'GET', '/api/cart', undefined, { token });
    expect(mine.body.itemCount).toBe(3);
  });

  it('answers 404 NOT_FOUND for a product that does not exist, and changes nothing', async () => {
    const { deps, token, request } = await setup();
    const before = await storeState(deps, [userIdOf(token)]);
    expectError(
      await request('POST', '/api/cart', { productId: 'p_nope', quantity: 1 }),
      404,
      'NOT_FOUND',
    );
    expectError(await request('PUT', '/api/cart/items/p_nope', { quantity: 1 }), 404, 'NOT_FOUND');
    expect(await storeState(deps, [userIdOf(token)])).toEqual(before);
  });

  it('refuses to grow a line past 99 units, leaving it as it was', async () => {
    const { app, token, request, products } = await setup();
    await addToCart(app, token, products.plenty.id, 60);
    const refused = await request('POST', '/api/cart', {
      productId: products.plenty.id,
      quantity: 40,
    });
    const error = expectError(refused, 400, 'VALIDATION_FAILED');
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'quantity' })]);
    expect((await request('GET', '/api/cart')).body.items[0]?.quantity).toBe(60);
    expect((await addToCart(app, token, products.plenty.id, 39)).items[0]?.quantity).toBe(99);
  });

  it(`holds at most ${MAX_CART_LINES} different products`, async () => {
    const { app, token, request, seed } = await setup();
    const extra = [];
    for (let i = 0; i <= MAX_CART_LINES; i++) extra.push(await seed({ sku: `T-CARTFULL-${i}` }));
    for (const product of extra.slice(0, MAX_CART_LINES))
      await addToCart(app, token, product.id, 1);
    const refused = await request('POST', '/api/cart', {
      productId: extra.at(-1)!.id,
      quantity: 1,
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    const cart = await request('GET', '/api/cart');
    expect(cart.body.items).toHaveLength(MAX_CART_LINES);
    expect(cart.body.itemCount).toBe(MAX_CART_LINES);
  });
});
