import { describe, expect, it } from 'vitest';
import {
  addToCart,
  allOrders,
  buyNow,
  checkOutCart,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type ProductBody,
  TEST_STORES,
  userIdOf,
} from '../testing/test-app';

describe.each(TEST_STORES)('purchase limits per customer (%s store)', (store) => {
  const setup = async () => {
    const t = await openTestApp({ store });
    const pair = await t.seed({ sku: 'T-PAIR', stock: 100, maxPerCustomer: 2 });
    return { ...t, pair };
  };
  const unitsOf = async (t: Awaited<ReturnType<typeof setup>>, userId: string) =>
    (await allOrders(t.deps.orders))
      .filter((o) => o.userId === userId && o.status !== 'CANCELLED')
      .flatMap((o) => o.lines)
      .filter((l) => l.productId === t.pair.id)
      .reduce((sum, l) => sum + l.quantity, 0);

  it('shows the limit on the product', async () => {
    const t = await setup();
    const got = await jsonRequest<ProductBody>(t.app, 'GET', `/api/products/${t.pair.id}`);
    expect(got.body.maxPerCustomer).toBe(2);
  });

  it('sells exactly the limit to one shopper racing 20 cart and buy-now checkouts', async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    await addToCart(t.app, shopper, t.pair.id, 1);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? buyNow(t.app, shopper, t.pair.id, 1, { key: `buy-${i}` })
          : checkOutCart(t.app, shopper, { key: `cart-${i}` }),
      ),
    );
    expect(answers.every((a) => [201, 409, 422].includes(a.status))).toBe(true);
    expect(await unitsOf(t, userIdOf(shopper))).toBe(2);
    const refused = answers.filter((a) => a.status === 422);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      const error = expectError(answer, 422, 'PURCHASE_LIMIT_EXCEEDED');
      expect(error.details).toEqual({
        items: [{ productId: t.pair.id, requested: 1, limit: 2, remaining: 0 }],
      });
    }
  });

  it('refuses another guest session with the same email, and serves a new customer', async () => {
    const t = await setup();
    await buyNow(t.app, await newShopper(t.app), t.pair.id, 2, {
      overrides: { email: 'ana@example.com' },
    });
    const again = await buyNow(t.app, await newShopper(t.app), t.pair.id, 1, {
      overrides: { email: 'ANA@Example.com' },
    });
    const error = expectError(again, 422, 'PURCHASE_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/limited to 2 per customer/);
    const other = await buyNow(t.app, await newShopper(t.app), t.pair.id, 2, {
      overrides: { email: 'bo@example.com' },
    });
    expect(other.status).toBe(201);
  });

  it("gives a cancelled order's units back to the customer's allowance", async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    const first = await buyNow(t.app, shopper, t.pair.id, 2);
    expectError(await buyNow(t.app, shopper, t.pair.id, 1), 422, 'PURCHASE_LIMIT_EXCEEDED');
    const cancelled = await jsonRequest(
      t.app,
      'POST',
      `/api/admin/orders/${first.body.orderId}/cancel`,
      { reason: 'Sizing error on our side.' },
      { token: t.adminToken },
    );
    expect(cancelled.status).toBe(200);
    expect((await buyNow(t.app, shopper, t.pair.id, 2)).status).toBe(201);
  });

  it('lets the admin set, change and clear the limit', async () => {
    const t = await setup();
    const path = `/api/admin/products/${t.pair.id}`;
    const patch = (body: unknown) =>
      jsonRequest<ProductBody>(t.app, 'PATCH', path, body, { token: t.adminToken });
    expect((await patch({ maxPerCustomer: 5 })).body.maxPerCustomer).toBe(5);
    expect((await patch({ maxPerCustomer: null })).body.maxPerCustomer).toBeNull();
    for (const bad of [0, -1, 1.5, '2']) {
      expectError(await patch({ maxPerCustomer: bad }), 400, 'VALIDATION_FAILED');
    }
  });
});
