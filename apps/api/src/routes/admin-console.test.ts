import { describe, expect, it } from 'vitest';
import {
  buyNow,
  expectError,
  jsonRequest,
  newShopper,
  type OrderBody,
  openTestApp,
  type PageBody,
  type ProductBody,
  storeState,
  TEST_STORES,
} from '../testing/test-app';

type AdminProductBody = ProductBody & { unitsSold: number };

/** What the admin console reads besides the endpoints of DESIGN §8's first table. */
describe.each(TEST_STORES)('admin console reads (%s store)', (store) => {
  const setup = async () => {
    const t = await openTestApp({ store });
    const admin = <T = unknown>(path: string, token = t.adminToken) =>
      jsonRequest<T>(t.app, 'GET', path, undefined, { token });
    return { ...t, admin };
  };

  describe('GET /api/admin/products', () => {
    it('lists every product in catalog order with its units sold, page by page', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      await buyNow(t.app, shopper, t.products.plenty.id, 3);
      await buyNow(t.app, shopper, t.products.few.id, 1);
      const cancelled = await buyNow(t.app, shopper, t.products.few.id, 2);
      await t.deps.orders.cancel(cancelled.body.orderId, { by: 'shop', reason: 'No' });

      const seen: AdminProductBody[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const response: Awaited<ReturnType<typeof t.admin<PageBody<AdminProductBody>>>> =
          await t.admin(
            `/api/admin/products?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        expect(response.status).toBe(200);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
        if (cursor === null) break;
      }
      const publicList = await jsonRequest<PageBody<ProductBody>>(
        t.app,
        'GET',
        '/api/products?limit=100',
      );
      expect(seen.map(({ unitsSold: _, ...product }) => product)).toEqual(publicList.body.items);
      const sold = Object.fromEntries(seen.map((p) => [p.id, p.unitsSold]));
      expect(sold[t.products.plenty.id]).toBe(3);
      expect(sold[t.products.few.id]).toBe(1);
      expect(sold[t.products.soldOut.id]).toBe(0);
    });

    it('filters by category and refuses a bad limit or cursor', async () => {
      const t = await setup();
      const sneakers = await t.admin<PageBody<AdminProductBody>>(
        '/api/admin/products?category=sneakers',
      );
      expect(sneakers.body.items.map((p) => p.id)).toEqual([t.products.limited.id]);
      expect(sneakers.body.items[0]).toMatchObject({ unitsSold: 0, maxPerOrder: 2 });
      expectError(await t.admin('/api/admin/products?limit=101'), 400, 'VALIDATION_FAILED');
      expectError(await t.admin('/api/admin/products?cursor=nope'), 400, 'VALIDATION_FAILED');
    });

    it('is for the admin only: a shopper gets 403, no token 401', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      expectError(await t.admin('/api/admin/products', shopper), 403, 'FORBIDDEN');
      expectError(await jsonRequest(t.app, 'GET', '/api/admin/products'), 401, 'UNAUTHORIZED');
    });
  });

  describe('GET /api/admin/orders?number= and ?email=', () => {
    const placeFor = async (t: Awaited<ReturnType<typeof setup>>, email: string) => {
      const shopper = await newShopper(t.app);
      const placed = await buyNow(t.app, shopper, t.products.plenty.id, 1, {
        overrides: { email },
      });
      expect(placed.status).toBe(201);
      return placed.body.order;
    };

    it('finds the order with a number, written as people write it', async () => {
      const t = await setup();
      const order = await placeFor(t, 'ana@example.com');
      await placeFor(t, 'bo@example.com');
      for (const written of [order.number, `#${order.number}`, order.number.toLowerCase()]) {
        const found = await t.admin<PageBody<OrderBody>>(
          `/api/admin/orders?number=${encodeURIComponent(written)}`,
        );
        expect(found.status).toBe(200);
        expect(found.body).toEqual({ items: [order], nextCursor: null });
      }
      const processedOnly = await t.admin<PageBody<OrderBody>>(
        `/api/admin/orders?number=${order.number}&status=PROCESSED`,
      );
      expect(processedOnly.body.items).toEqual([]);
      const unknown = await t.admin<PageBody<OrderBody>>('/api/admin/orders?number=ZZZZ-ZZZZ');
      expect(unknown.body).toEqual({ items: [], nextCursor: null });
    });

    it("lists one customer's orders by email, newest first, whatever the case", async () => {
      const t = await setup();
      const first = await placeFor(t, 'Ana@Example.com');
      await placeFor(t, 'bo@example.com');
      const second = await placeFor(t, 'ana@example.com');
      const found = await t.admin<PageBody<OrderBody>>(
        `/api/admin/orders?email=${encodeURIComponent(' ANA@example.COM ')}`,
      );
      expect(found.body.items.map((o) => o.id)).toEqual([second.id, first.id]);
      const page = await t.admin<PageBody<OrderBody>>(
        '/api/admin/orders?email=ana@example.com&limit=1',
      );
      expect(page.body.items.map((o) => o.id)).toEqual([second.id]);
      const next = await t.admin<PageBody<OrderBody>>(
        `/api/admin/orders?email=ana@example.com&limit=1&cursor=${page.body.nextCursor}`,
      );
      expect(next.body.items.map((o) => o.id)).toEqual([first.id]);
      await t.deps.orders.cancel(first.id, { by: 'shop', reason: 'No' });
      const cancelled = await t.admin<PageBody<OrderBody>>(
        '/api/admin/orders?email=ana@example.com&status=CANCELLED',
      );
      expect(cancelled.body.items.map((o) => o.id)).toEqual([first.id]);
    });

    it('refuses a malformed number or email, or both at once, changing nothing', async () => {
      const t = await setup();
      const order = await placeFor(t, 'ana@example.com');
      const before = await storeState(t.deps);
      for (const query of [
        'number=K7M2',
        'number=K7M2-9QXI',
        'email=ana',
        'email=a%40b',
        `number=${order.number}&email=ana@example.com`,
      ]) {
        const refused = expectError(
          await t.admin(`/api/admin/orders?${query}`),
          400,
          'VALIDATION_FAILED',
        );
        expect(refused.details?.issues).toEqual([
          { path: expect.stringMatching(/^(number|email)$/), message: expect.any(String) },
        ]);
      }
      expect(await storeState(t.deps)).toEqual(before);
    });
  });

  describe('GET /api/admin/orders/:id and its invoice', () => {
    it("answers any shopper's order, and its invoice once it is written", async () => {
      const t = await setup();
      const order = await (async () => {
        const shopper = await newShopper(t.app);
        return (await buyNow(t.app, shopper, t.products.few.id, 2)).body.order;
      })();
      const got = await t.admin<OrderBody>(`/api/admin/orders/${order.id}`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(order);
      expectError(await t.admin(`/api/admin/orders/${order.id}/invoice`), 404, 'NOT_FOUND');

      const invoiceKey = `invoices/${order.id}.txt`;
      await t.blobs.put(invoiceKey, `Invoice for ${order.id}\n`, 'text/plain; charset=utf-8');
      await t.deps.orders.markProcessed(order.id, {
        processedAt: '2026-01-01T00:00:05.000Z',
        invoiceKey,
      });
      const invoice = await t.app.request(`/api/admin/orders/${order.id}/invoice`, {
        headers: { Authorization: `Bearer ${t.adminToken}` },
      });
      expect(invoice.status).toBe(200);
      expect(invoice.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await invoice.text()).toBe(`Invoice for ${order.id}\n`);
    });

    it('answers 404 for an unknown order, 403 to a shopper and 401 without a token', async () => {
      const t = await setup();
      const shopper = await newShopper(t.app);
      const order = (await buyNow(t.app, shopper, t.products.few.id, 1)).body.order;
      for (const path of [
        `/api/admin/orders/${order.id}`,
        `/api/admin/orders/${order.id}/invoice`,
      ]) {
        expectError(await t.admin(path, shopper), 403, 'FORBIDDEN');
        expectError(await jsonRequest(t.app, 'GET', path), 401, 'UNAUTHORIZED');
      }
      expectError(await t.admin('/api/admin/orders/o_nope'), 404, 'NOT_FOUND');
      expectError(await t.admin('/api/admin/orders/o_nope/invoice'), 404, 'NOT_FOUND');
    });
  });
});
