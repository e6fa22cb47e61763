import { describe, expect, it } from 'vitest';
import {
  buyNow,
  expectError,
  getOrder,
  jsonRequest,
  newShopper,
  type OrderBody,
  openTestApp,
  type PageBody,
  type ProductBody,
  storeState,
  TEST_STORES,
} from '../testing/test-app';

const newProductBody = (overrides: Record<string, unknown> = {}) => ({
  sku: 'NEW-001',
  name: 'Trail Runner',
  description: 'A light shoe for rough paths.',
  category: 'sneakers',
  priceCents: 8999,
  stock: 7,
  imageUrl: 'https://cdn.example.com/trail-runner.png',
  ...overrides,
});

describe.each(TEST_STORES)('admin (%s store)', (store) => {
  const setup = async () => {
    const t = await openTestApp({ store });
    const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
      jsonRequest<T>(t.app, method, path, body, { token: t.adminToken });
    return { ...t, admin };
  };

  describe('POST /api/admin/products', () => {
    it('creates a product at version 1 in the shop currency, visible in the catalog', async () => {
      const { app, admin } = await setup();
      const created = await admin<ProductBody>('POST', '/api/admin/products', newProductBody());
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        ...newProductBody(),
        id: expect.stringMatching(/^p_/),
        currency: 'USD',
        maxPerOrder: null,
        saleStartsAt: null,
        maxPerCustomer: null,
        version: 1,
      });
      const got = await jsonRequest<ProductBody>(app, 'GET', `/api/products/${created.body.id}`);
      expect(got.body).toEqual(created.body);
      const sneakers = await jsonRequest<PageBody<ProductBody>>(
        app,
        'GET',
        '/api/products?category=sneakers&limit=100',
      );
      expect(sneakers.body.items.map((p) => p.id)).toContain(created.body.id);
    });

    it('takes a purchase limit and a shop-relative image path', async () => {
      const { admin } = await setup();
      const created = await admin<ProductBody>(
        'POST',
        '/api/admin/products',
        newProductBody({ maxPerOrder: 1, imageUrl: '/images/products/x.svg', currency: 'USD' }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ maxPerOrder: 1, imageUrl: '/images/products/x.svg' });
    });

    it('refuses a SKU already in use, another currency, or an id/version chosen by the client', async () => {
      const { deps, admin, products } = await setup();
      const before = await storeState(deps);
      const taken = expectError(
        await admin('POST', '/api/admin/products', newProductBody({ sku: products.plenty.sku })),
        400,
        'VALIDATION_FAILED',
      );
      expect(taken.details?.issues).toEqual([expect.objectContaining({ path: 'sku' })]);
      for (const overrides of [{ currency: 'EUR' }, { id: 'p_mine' }, { version: 9 }]) {
        expectError(
          await admin('POST', '/api/admin/products', newProductBody(overrides)),
          400,
          'VALIDATION_FAILED',
        );
      }
      expect(await storeState(deps)).toEqual(before);
    });
  });

  describe('PATCH /api/admin/products/:id', () => {
    it('changes descriptive fields, bumps the version and never touches stock', async () => {
      const { app, admin, products } = await setup();
      const shopper = await newShopper(app);
      await buyNow(app, shopper, products.plenty.id, 5);
      const patched = await admin<ProductBody>(
        'PATCH',
        `/api/admin/products/${products.plenty.id}`,
        {
          name: 'Renamed',
          priceCents: 1999,
          maxPerOrder: 4,
        },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id: products.plenty.id,
        name: 'Renamed',
        priceCents: 1999,
        maxPerOrder: 4,
        stock: products.plenty.stock - 5,
        sku: products.plenty.sku,
      });
      expect(patched.body.version).toBe(products.plenty.version + 2);
      const got = await jsonRequest<ProductBody>(app, 'GET', `/api/products/${products.plenty.id}`);
      expect(got.body).toEqual(patched.body);
    });

    it('accepts a patch that repeats the product its own SKU', async () => {
      const { admin, products } = await setup();
      const patched = await admin<ProductBody>('PATCH', `/api/admin/products/${products.few.id}`, {
        sku: products.few.sku,
        description: 'Still the few one.',
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        sku: products.few.sku,
        description: 'Still the few one.',
      });
    });

    it('lifts a purchase limit with maxPerOrder null', async () => {
      const { admin, products } = await setup();
      const patched = await admin<ProductBody>(
        'PATCH',
        `/api/admin/products/${products.limited.id}`,
        {
          maxPerOrder: null,
        },
      );
      expect(patched.status).toBe(200);
      expect(patched.body.maxPerOrder).toBeNull();
    });

    it('refuses stock, an empty patch, a taken SKU and unknown products, changing nothing', async () => {
      const { deps, admin, products } = await setup();
      const before = await storeState(deps);
      const path = `/api/admin/products/${products.plenty.id}`;
      expectError(await admin('PATCH', path, { stock: 5000 }), 400, 'VALIDATION_FAILED');
      expectError(await admin('PATCH', path, {}), 400, 'VALIDATION_FAILED');
      expectError(await admin('PATCH', path, { currency: 'EUR' }), 400, 'VALIDATION_FAILED');
      const taken = expectError(
        await admin('PATCH', path, { sku: products.few.sku }),
        400,
        'VALIDATION_FAILED',
      );
      expect(taken.details?.issues).toEqual([expect.objectContaining({ path: 'sku' })]);
      expectError(
        await admin('PATCH', '/api/admin/products/p_nope', { name: 'x' }),
        404,
        'NOT_FOUND',
      );
      expect(await storeState(deps)).toEqual(before);
    });
  });

  describe('POST /api/admin/products/:id/restock', () => {
    it('adds units, bumps the version, and shoppers can buy them', async () => {
      const { app, admin, products } = await setup();
      const restocked = await admin<ProductBody>(
        'POST',
        `/api/admin/products/${products.soldOut.id}/restock`,
        { quantity: 4 },
      );
      expect(restocked.status).toBe(200);
      expect(restocked.body).toMatchObject({ id: products.soldOut.id, stock: 4 });
      expect(restocked.body.version).toBe(products.soldOut.version + 1);
      const shopper = await newShopper(app);
      expect((await buyNow(app, shopper, products.soldOut.id, 4)).status).toBe(201);
    });

    it('never loses a sale that happens alongside', async () => {
      const { app, admin, products } = await setup();
      const shoppers = await Promise.all([1, 2, 3].map(() => newShopper(app)));
      await Promise.all([
        ...shoppers.map((s) => buyNow(app, s, products.few.id, 1)),
        admin('POST', `/api/admin/products/${products.few.id}/restock`, { quantity: 10 }),
      ]);
      const got = await jsonRequest<ProductBody>(app, 'GET', `/api/products/${products.few.id}`);
      expect(got.body.stock).toBe(products.few.stock + 10 - 3);
    });

    it('refuses 0, a negative or fractional quantity, and unknown products', async () => {
      const { deps, admin, products } = await setup();
      const before = await storeState(deps);
      const path = `/api/admin/products/${products.few.id}/restock`;
      for (const quantity of [0, -1, 1.5, '3']) {
        expectError(await admin('POST', path, { quantity }), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await admin('POST', '/api/admin/products/p_nope/restock', { quantity: 1 }),
        404,
        'NOT_FOUND',
      );
      expect(await storeState(deps)).toEqual(before);
    });
  });

  describe('GET /api/admin/orders', () => {
    const placeOrders = async (t: Awaited<ReturnType<typeof setup>>, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const shopper = await newShopper(t.app);
        ids.push((await buyNow(t.app, shopper, t.products.plenty.id, 1)).body.orderId);
      }
      return ids;
    };

    it("lists every shopper's orders, newest first, through every page", async () => {
      const t = await setup();
      const placed = await placeOrders(t, 5);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const path: string = `/api/admin/orders?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await t.admin<PageBody<OrderBody>>('GET', path);
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((o) => o.id));
        cursor = response.body.nextCursor;
        if (cursor === null) break;
      }
      expect(seen).toEqual([...placed].reverse());
    });

    it('filters by status', async () => {
      const t = await setup();
      const [processed, cancelled, pending] = await placeOrders(t, 3);
      await t.deps.orders.markProcessed(processed!, {
        processedAt: '2026-01-01T00:00:01.000Z',
        invoiceKey: `invoices/${processed}.txt`,
      });
      await t.deps.orders.cancel(cancelled!, { by: 'payment', reason: 'payment declined' });
      const ids = async (status: string) =>
        (
          await t.admin<PageBody<OrderBody>>('GET', `/api/admin/orders?status=${status}`)
        ).body.items.map((o) => o.id);
      expect(await ids('PENDING')).toEqual([pending]);
      expect(await ids('PROCESSED')).toEqual([processed]);
      expect(await ids('CANCELLED')).toEqual([cancelled]);
      const all = await t.admin<PageBody<OrderBody>>('GET', '/api/admin/orders');
      expect(all.body.items.map((o) => o.id)).toEqual([pending, cancelled, processed]);
      expect(all.body.items[1]).toMatchObject({
        status: 'CANCELLED',
        failureReason: 'payment declined',
      });
      expectError(
        await t.admin('GET', '/api/admin/orders?status=SHIPPED'),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('POST /api/admin/orders/:id/retry', () => {
    it('re-queues a stuck order and clears the failure its shopper saw', async () => {
      const t = await setup();
      const outbox = 'outbox' in t.store ? t.store.outbox : null;
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      const orderId = placed.body.orderId;
      if (outbox) {
        const [message] = await outbox.claimDue(10, 30_000);
        expect(message?.orderId).toBe(orderId);
        await outbox.deadLetter(message!, 'gateway down');
      }
      await t.deps.orders.markStuck(
        orderId,
        t.clock.now().toISOString(),
        'We could not process this order.',
      );
      const stuck = await jsonRequest<OrderBody>(
        t.app,
        'GET',
        `/api/orders/${orderId}`,
        undefined,
        {
          token: shopper,
        },
      );
      expect(stuck.body.failureReason).toEqual(expect.any(String));

      const retried = await t.admin('POST', `/api/admin/orders/${orderId}/retry`);
      expect(retried.status).toBe(202);
      expect(retried.body).toEqual({ orderId, requeued: true, status: 'PENDING' });
      if (outbox) {
        const again = await outbox.claimDue(10, 30_000);
        expect(again.map((m) => m.orderId)).toEqual([orderId]);
      } else {
        expect(t.resent).toEqual([orderId]);
      }
      const cleared = await jsonRequest<OrderBody>(
        t.app,
        'GET',
        `/api/orders/${orderId}`,
        undefined,
        {
          token: shopper,
        },
      );
      expect(cleared.body.failureReason).toBeNull();
    });

    it('leaves an order that is on its way alone, and says so', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      const retried = await t.admin('POST', `/api/admin/orders/${placed.body.orderId}/retry`);
      expect(retried.status).toBe(202);
      expect(retried.body).toEqual({
        orderId: placed.body.orderId,
        requeued: false,
        status: 'PENDING',
      });
    });

    it('answers 404 for an unknown order, 403 to a shopper and 401 without a token', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      const path = `/api/admin/orders/${placed.body.orderId}/retry`;
      expectError(await t.admin('POST', '/api/admin/orders/o_nope/retry'), 404, 'NOT_FOUND');
      expectError(
        await jsonRequest(t.app, 'POST', path, undefined, { token: shopper }),
        403,
        'FORBIDDEN',
      );
      expectError(await jsonRequest(t.app, 'POST', path), 401, 'UNAUTHORIZED');
    });
  });

  describe('POST /api/admin/orders/:id/cancel', () => {
    it('cancels a PENDING order, releases its stock atomically and emails the shopper once', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.few.id, 2);
      const orderId = placed.body.orderId;
      const cancelled = await t.admin<OrderBody>('POST', `/api/admin/orders/${orderId}/cancel`, {
        reason: 'We cannot ship to this address.',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        id: orderId,
        status: 'CANCELLED',
        failureReason: 'We cannot ship to this address.',
      });
      const product = await jsonRequest<ProductBody>(
        t.app,
        'GET',
        `/api/products/${t.products.few.id}`,
      );
      expect(product.body.stock).toBe(t.products.few.stock);
      expect([...t.mailer.sent.keys()]).toEqual([`${orderId}.cancelled`]);
      expect((await getOrder(t.app, shopper, orderId)).body.status).toBe('CANCELLED');
    });

    it('answers 409 ORDER_NOT_PENDING once the order is final, and changes nothing', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      const path = `/api/admin/orders/${placed.body.orderId}/cancel`;
      expect((await t.admin('POST', path, { reason: 'first' })).status).toBe(200);
      const again = expectError(
        await t.admin('POST', path, { reason: 'second' }),
        409,
        'ORDER_NOT_PENDING',
      );
      expect(again.details).toEqual({ orderId: placed.body.orderId, status: 'CANCELLED' });
      expect(t.mailer.sent.size).toBe(1);
      expect((await getOrder(t.app, shopper, placed.body.orderId)).body.failureReason).toBe(
        'first',
      );
    });

    it('validates the reason, and guards the route like every admin route', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1);
      const path = `/api/admin/orders/${placed.body.orderId}/cancel`;
      for (const body of [{}, { reason: '' }, { reason: 'x', extra: 1 }, { reason: 42 }]) {
        expectError(await t.admin('POST', path, body), 400, 'VALIDATION_FAILED');
      }
      expectError(
        await t.admin('POST', '/api/admin/orders/o_nope/cancel', { reason: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await jsonRequest(t.app, 'POST', path, { reason: 'x' }, { token: shopper }),
        403,
        'FORBIDDEN',
      );
      expectError(await jsonRequest(t.app, 'POST', path, { reason: 'x' }), 401, 'UNAUTHORIZED');
      expect((await getOrder(t.app, shopper, placed.body.orderId)).body.status).toBe('PENDING');
    });
  });
});
