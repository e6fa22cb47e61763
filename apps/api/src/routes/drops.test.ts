import { describe, expect, it } from 'vitest';
import {
  addToCart,
  buyNow,
  checkOutCart,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type ProductBody,
  storeState,
  TEST_STORES,
} from '../testing/test-app';

// The test app's clock starts at 2026-01-01T00:00:00.000Z and moves only when told.
const OPENS = '2026-01-01T00:10:00.000Z';

describe.each(TEST_STORES)('scheduled drops (%s store)', (store) => {
  const setup = async () => {
    const t = await openTestApp({ store });
    const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
      jsonRequest<T>(t.app, method, path, body, { token: t.adminToken });
    const drop = (
      await admin<ProductBody>('POST', '/api/admin/products', {
        sku: 'DROP-1',
        name: 'Retro High',
        description: 'The drop.',
        category: 'sneakers',
        priceCents: 17999,
        stock: 10,
        imageUrl: '/images/products/retro.svg',
        saleStartsAt: '2026-01-01T00:10Z',
      })
    ).body;
    return { ...t, admin, drop };
  };

  it('stores the drop time normalised and shows it on the product', async () => {
    const t = await setup();
    expect(t.drop.saleStartsAt).toBe(OPENS);
    const got = await jsonRequest<ProductBody>(t.app, 'GET', `/api/products/${t.drop.id}`);
    expect(got.body).toMatchObject({ saleStartsAt: OPENS, maxPerCustomer: null });
  });

  it.each(['2026-01-01 00:10:00', '2026-01-01T00:10:00+01:00', '2026-02-30T00:00:00Z', 'soon', 12])(
    'refuses saleStartsAt %j with a 400 that names the field',
    async (saleStartsAt) => {
      const t = await setup();
      const error = expectError(
        await t.admin('PATCH', `/api/admin/products/${t.drop.id}`, { saleStartsAt }),
        400,
        'VALIDATION_FAILED',
      );
      expect(error.details).toMatchObject({ issues: [{ path: 'saleStartsAt' }] });
    },
  );

  it('refuses a checkout one millisecond early with NOT_ON_SALE and reserves nothing', async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    await addToCart(t.app, shopper, t.drop.id, 1);
    t.clock.advance(10 * 60_000 - 1);
    const before = await storeState(t.deps);
    const early = await buyNow(t.app, shopper, t.drop.id, 1);
    const error = expectError(early, 409, 'NOT_ON_SALE');
    expect(error.details).toEqual({ items: [{ productId: t.drop.id, saleStartsAt: OPENS }] });
    expectError(await checkOutCart(t.app, shopper), 409, 'NOT_ON_SALE');
    expect(await storeState(t.deps)).toEqual(before);
  });

  it('sells at the very instant the drop opens, and after', async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    t.clock.advance(10 * 60_000);
    expect((await buyNow(t.app, shopper, t.drop.id, 1)).status).toBe(201);
    t.clock.advance(1);
    expect((await buyNow(t.app, shopper, t.drop.id, 1)).status).toBe(201);
    const got = await jsonRequest<ProductBody>(t.app, 'GET', `/api/products/${t.drop.id}`);
    expect(got.body.stock).toBe(8);
  });

  it('lets shoppers get ready: the cart takes the product and says when it opens', async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    const cart = await addToCart(t.app, shopper, t.drop.id, 2);
    expect(cart.items[0]).toMatchObject({ productId: t.drop.id, saleStartsAt: OPENS });
    t.clock.advance(10 * 60_000);
    const open = await jsonRequest<{ items: { saleStartsAt: string | null }[] }>(
      t.app,
      'GET',
      '/api/cart',
      undefined,
      { token: shopper },
    );
    expect(open.body.items[0]?.saleStartsAt).toBeNull();
    expect((await checkOutCart(t.app, shopper)).status).toBe(201);
  });

  it('follows a drop moved during the countdown, publishing it live, and clears it', async () => {
    const t = await setup();
    const shopper = await newShopper(t.app);
    const later = '2026-01-01T00:20:00.000Z';
    const moved = await t.admin<ProductBody>('PATCH', `/api/admin/products/${t.drop.id}`, {
      saleStartsAt: later,
    });
    expect(moved.body).toMatchObject({ saleStartsAt: later, version: t.drop.version + 1 });
    expect(t.live.events).toContainEqual({
      type: 'product',
      productId: t.drop.id,
      saleStartsAt: later,
      version: t.drop.version + 1,
    });
    t.clock.advance(15 * 60_000);
    expectError(await buyNow(t.app, shopper, t.drop.id, 1), 409, 'NOT_ON_SALE');
    const cleared = await t.admin<ProductBody>('PATCH', `/api/admin/products/${t.drop.id}`, {
      saleStartsAt: null,
    });
    expect(cleared.body.saleStartsAt).toBeNull();
    expect((await buyNow(t.app, shopper, t.drop.id, 1)).status).toBe(201);
  });

  it('tells clients the server time to count down against', async () => {
    const t = await setup();
    t.clock.advance(1234);
    const health = await jsonRequest<{ time: string }>(t.app, 'GET', '/api/health');
    expect(health.body.time).toBe('2026-01-01T00:00:01.234Z');
  });
});
