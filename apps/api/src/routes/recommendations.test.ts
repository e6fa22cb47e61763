import { describe, expect, it } from 'vitest';
import {
  buyNow,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type ProductBody,
  TEST_STORES,
  TEST_TTLS,
} from '../testing/test-app';

type RecommendationsBody = {
  basis: 'category' | 'popular';
  category: string | null;
  items: ProductBody[];
};

describe.each(TEST_STORES)('events and recommendations (%s store)', (store) => {
  it('POST /api/events answers 202 {"accepted":true}', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const response = await jsonRequest(
      t.app,
      'POST',
      '/api/events',
      { productId: t.products.limited.id, eventType: 'product-view' },
      { token },
    );
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: true });
  });

  it('recommends popular in-stock products to a shopper with no history', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const response = await jsonRequest<RecommendationsBody>(
      t.app,
      'GET',
      '/api/recommendations',
      undefined,
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.body.basis).toBe('popular');
    expect(response.body.category).toBeNull();
    expect(response.body.items.length).toBeGreaterThan(0);
    expect(response.body.items.length).toBeLessThanOrEqual(4);
    expect(response.body.items.every((p) => p.stock > 0)).toBe(true);
  });

  it("recommends from the shopper's top category, server-side, leaving out what they bought", async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const sneaker = await t.seed({ sku: 'REC-SNEAKER', category: 'sneakers', stock: 5 });
    for (const eventType of ['product-view', 'add-to-cart']) {
      const response = await jsonRequest(
        t.app,
        'POST',
        '/api/events',
        { productId: t.products.limited.id, eventType },
        { token },
      );
      expect(response.status).toBe(202);
    }
    expect((await buyNow(t.app, token, t.products.limited.id, 1)).status).toBe(201);
    const response = await jsonRequest<RecommendationsBody>(
      t.app,
      'GET',
      '/api/recommendations?limit=10',
      undefined,
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.body.basis).toBe('category');
    expect(response.body.category).toBe('sneakers');
    const ids = response.body.items.map((p) => p.id);
    expect(ids).toContain(sneaker.id);
    expect(ids).not.toContain(t.products.limited.id);
    expect(response.body.items.every((p) => p.stock > 0)).toBe(true);
  });

  it('goes back to popular products once the shopper has been away CART_TTL_DAYS', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    const view = { productId: t.products.limited.id, eventType: 'add-to-cart' };
    expect((await jsonRequest(t.app, 'POST', '/api/events', view, { token })).status).toBe(202);
    const basis = async () =>
      (
        await jsonRequest<RecommendationsBody>(t.app, 'GET', '/api/recommendations', undefined, {
          token,
        })
      ).body.basis;
    t.clock.advance(TEST_TTLS.guestDataTtlMs - 1);
    expect(await basis()).toBe('category');
    t.clock.advance(1);
    expect(await basis()).toBe('popular');
  });

  it('refuses an unknown product and a made-up event type', async () => {
    const t = await openTestApp({ store });
    const token = await newShopper(t.app);
    expectError(
      await jsonRequest(
        t.app,
        'POST',
        '/api/events',
        { productId: 'p_nope', eventType: 'purchase' },
        { token },
      ),
      404,
      'NOT_FOUND',
    );
    expectError(
      await jsonRequest(
        t.app,
        'POST',
        '/api/events',
        { productId: t.products.plenty.id, eventType: 'wishlist' },
        { token },
      ),
      400,
      'VALIDATION_FAILED',
    );
  });
});
