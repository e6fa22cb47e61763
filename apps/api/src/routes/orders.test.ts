import { describe, expect, it } from 'vitest';
import {
  addToCart,
  aShipping,
  buyNow,
  type CartBody,
  checkOutCart,
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
  userIdOf,
} from '../testing/test-app';

const ORDER_KEYS = [
  'createdAt',
  'currency',
  'email',
  'failureReason',
  'id',
  'invoiceUrl',
  'lines',
  'number',
  'processedAt',
  'shipping',
  'status',
  'totalCents',
];

type App = Awaited<ReturnType<typeof openTestApp>>['app'];

const stockOf = async (app: App, productId: string) =>
  (await jsonRequest<ProductBody>(app, 'GET', `/api/products/${productId}`)).body.stock;

const cartOf = async (app: App, token: string) =>
  (await jsonRequest<CartBody>(app, 'GET', '/api/cart', undefined, { token })).body;

describe.each(TEST_STORES)('orders (%s store)', (store) => {
  describe('POST /api/checkout (buy now)', () => {
    it('places a PENDING order, takes the units from stock and leaves the cart alone', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      await addToCart(t.app, token, t.products.plenty.id, 5);
      const response = await buyNow(t.app, token, t.products.few.id, 2);
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(['order', 'orderId', 'status']);
      const { order } = response.body;
      expect(response.body.status).toBe('PENDING');
      expect(response.body.orderId).toBe(order.id);
      expect(order.id).toMatch(/^o_/);
      expect(Object.keys(order).sort()).toEqual(ORDER_KEYS);
      expect(order).toMatchObject({
        status: 'PENDING',
        lines: [
          {
            productId: t.products.few.id,
            name: t.products.few.name,
            priceCents: 4999,
            quantity: 2,
            lineTotalCents: 9998,
          },
        ],
        totalCents: 9998,
        currency: 'USD',
        email: 'ana@example.com',
        shipping: aShipping(),
        processedAt: null,
        failureReason: null,
        invoiceUrl: null,
      });
      expect(new Date(order.createdAt).toISOString()).toBe(order.createdAt);
      expect(await stockOf(t.app, t.products.few.id)).toBe(1);
      const cart = await cartOf(t.app, token);
      expect(cart.items).toMatchObject([{ productId: t.products.plenty.id, quantity: 5 }]);
    });

    it('never shows the payment token back', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const response = await buyNow(t.app, token, t.products.plenty.id, 1, {
        overrides: { paymentToken: 'tok_declined' },
      });
      expect(response.status).toBe(201);
      expect(response.text).not.toContain('tok_declined');
    });

    it('keeps the optional second address line', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const shipping = aShipping({ line2: 'Flat 4' });
      const response = await buyNow(t.app, token, t.products.plenty.id, 1, {
        overrides: { shipping },
      });
      expect(response.body.order.shipping).toEqual(shipping);
      const got = await getOrder(t.app, token, response.body.orderId);
      expect(got.body.shipping).toEqual(shipping);
    });

    it('sells the last units, then answers 409 OUT_OF_STOCK with what is left', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      expect((await buyNow(t.app, token, t.products.few.id, 3)).status).toBe(201);
      const before = await storeState(t.deps);
      const refused = await buyNow(t.app, token, t.products.few.id, 1);
      const error = expectError(refused, 409, 'OUT_OF_STOCK');
      expect(error.details).toEqual({
        items: [{ productId: t.products.few.id, requested: 1, available: 0 }],
      });
      expect(await storeState(t.deps)).toEqual(before);
    });

    it('answers 422 PURCHASE_LIMIT_EXCEEDED above maxPerOrder, and sells up to it', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const before = await storeState(t.deps);
      expectError(
        await buyNow(t.app, token, t.products.limited.id, 3),
        422,
        'PURCHASE_LIMIT_EXCEEDED',
      );
      expect(await storeState(t.deps)).toEqual(before);
      expect((await buyNow(t.app, token, t.products.limited.id, 2)).status).toBe(201);
    });

    it('answers 404 NOT_FOUND for a product that does not exist', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      expectError(await buyNow(t.app, token, 'p_nope', 1), 404, 'NOT_FOUND');
    });
  });

  describe('POST /api/orders (cart checkout)', () => {
    it('buys the whole cart at catalog prices and empties it', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      await addToCart(t.app, token, t.products.plenty.id, 4);
      await addToCart(t.app, token, t.products.few.id, 1);
      const response = await checkOutCart(t.app, token);
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('PENDING');
      const { order } = response.body;
      expect(Object.keys(order).sort()).toEqual(ORDER_KEYS);
      expect(order.lines).toEqual([
        {
          productId: t.products.plenty.id,
          name: t.products.plenty.name,
          priceCents: 1250,
          quantity: 4,
          lineTotalCents: 5000,
        },
        {
          productId: t.products.few.id,
          name: t.products.few.name,
          priceCents: 4999,
          quantity: 1,
          lineTotalCents: 4999,
        },
      ]);
      expect(order.totalCents).toBe(9999);
      expect(await cartOf(t.app, token)).toEqual({
        items: [],
        itemCount: 0,
        totalCents: 0,
        currency: 'USD',
      });
      expect(await stockOf(t.app, t.products.plenty.id)).toBe(996);
      expect(await stockOf(t.app, t.products.few.id)).toBe(2);
    });

    it('answers 409 CART_EMPTY for an empty cart', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const before = await storeState(t.deps, [userIdOf(token)]);
      expectError(await checkOutCart(t.app, token), 409, 'CART_EMPTY');
      expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
    });

    it('refuses the whole cart when one line is short, naming it, and changes nothing', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      await addToCart(t.app, token, t.products.plenty.id, 2);
      await addToCart(t.app, token, t.products.few.id, 5);
      await addToCart(t.app, token, t.products.soldOut.id, 1);
      const before = await storeState(t.deps, [userIdOf(token)]);
      const error = expectError(await checkOutCart(t.app, token), 409, 'OUT_OF_STOCK');
      expect(error.details?.items).toEqual(
        expect.arrayContaining([
          { productId: t.products.few.id, requested: 5, available: 3 },
          { productId: t.products.soldOut.id, requested: 1, available: 0 },
        ]),
      );
      expect(
        ((error.details?.items ?? []) as unknown[]).every(
          (item) => (item as { productId: string }).productId !== t.products.plenty.id,
        ),
      ).toBe(true);
      expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
    });

    it('answers 422 PURCHASE_LIMIT_EXCEEDED for a cart line above maxPerOrder', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      await addToCart(t.app, token, t.products.limited.id, 3);
      const before = await storeState(t.deps, [userIdOf(token)]);
      const error = expectError(await checkOutCart(t.app, token), 422, 'PURCHASE_LIMIT_EXCEEDED');
      expect(error.details?.items).toEqual([
        expect.objectContaining({ productId: t.products.limited.id, requested: 3 }),
      ]);
      expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
    });

    it('leaves lines added after the checkout began for the next order', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      await addToCart(t.app, token, t.products.plenty.id, 1);
      expect((await checkOutCart(t.app, token)).status).toBe(201);
      await addToCart(t.app, token, t.products.few.id, 1);
      const second = await checkOutCart(t.app, token);
      expect(second.status).toBe(201);
      expect(second.body.order.lines.map((l) => l.productId)).toEqual([t.products.few.id]);
    });
  });

  describe('GET /api/orders and /api/orders/:id', () => {
    it('lists only your own orders, newest first, through every page', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const other = await newShopper(t.app);
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) {
        mine.push((await buyNow(t.app, token, t.products.plenty.id, 1)).body.orderId);
        await buyNow(t.app, other, t.products.plenty.id, 1);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const path: string = `/api/orders?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await jsonRequest<PageBody<OrderBody>>(t.app, 'GET', path, undefined, {
          token,
        });
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items.map((o) => o.id));
        cursor = response.body.nextCursor;
        if (cursor === null) break;
      }
      expect(cursor).toBeNull();
      expect(seen).toEqual([...mine].reverse());
    });

    it('answers an empty list to a shopper with no orders', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const response = await jsonRequest(t.app, 'GET', '/api/orders', undefined, { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it('gets your order exactly as the checkout answered it', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const placed = await buyNow(t.app, token, t.products.plenty.id, 3);
      const got = await getOrder(t.app, token, placed.body.orderId);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(placed.body.order);
    });

    it("answers 404 for another shopper's order and for an unknown one", async () => {
      const t = await openTestApp({ store });
      const owner = await newShopper(t.app);
      const stranger = await newShopper(t.app);
      const placed = await buyNow(t.app, owner, t.products.plenty.id, 1);
      expectError(
        await jsonRequest(t.app, 'GET', `/api/orders/${placed.body.orderId}`, undefined, {
          token: stranger,
        }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await jsonRequest(t.app, 'GET', '/api/orders/o_nope', undefined, { token: owner }),
        404,
        'NOT_FOUND',
      );
      const list = await jsonRequest<PageBody<OrderBody>>(t.app, 'GET', '/api/orders', undefined, {
        token: stranger,
      });
      expect(list.body.items).toEqual([]);
    });

    it('shows the order as processed, with its invoice link, once the worker is done', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const placed = await buyNow(t.app, token, t.products.plenty.id, 1);
      const processedAt = '2026-01-01T00:00:05.000Z';
      await t.deps.orders.markProcessed(placed.body.orderId, {
        processedAt,
        invoiceKey: `invoices/${placed.body.orderId}.txt`,
      });
      const got = await getOrder(t.app, token, placed.body.orderId);
      expect(got.body).toMatchObject({
        status: 'PROCESSED',
        processedAt,
        invoiceUrl: `/api/orders/${placed.body.orderId}/invoice`,
      });
      expect(got.text).not.toContain('invoices/');
    });
  });

  describe('GET /api/orders/:id/invoice', () => {
    const processWithInvoice = async (
      t: Awaited<ReturnType<typeof openTestApp>>,
      orderId: string,
    ) => {
      const invoiceKey = `invoices/${orderId}.txt`;
      await t.blobs.put(
        invoiceKey,
        `Sellout invoice for ${orderId}\nTotal: 12.50 USD\n`,
        'text/plain; charset=utf-8',
      );
      await t.deps.orders.markProcessed(orderId, {
        processedAt: '2026-01-01T00:00:09.000Z',
        invoiceKey,
      });
    };

    it('answers 404 until the order is processed, then the invoice as text/plain', async () => {
      const t = await openTestApp({ store });
      const token = await newShopper(t.app);
      const placed = await buyNow(t.app, token, t.products.plenty.id, 1);
      const path = `/api/orders/${placed.body.orderId}/invoice`;
      expectError(await jsonRequest(t.app, 'GET', path, undefined, { token }), 404, 'NOT_FOUND');
      await processWithInvoice(t, placed.body.orderId);
      const response = await t.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain(`Sellout invoice for ${placed.body.orderId}`);
    });

    it('redirects (302) to the download link of a store that offers one, to the owner only', async () => {
      const t = await openTestApp({ store });
      const links: string[] = [];
      // The S3 store's capability, played by the in-memory one: a link per request.
      Object.assign(t.blobs, {
        downloadUrl: async (key: string, { filename }: { filename: string }) => {
          links.push(key);
          return `https://invoices.example/${key}?as=${filename}&signature=x`;
        },
      });
      const owner = await newShopper(t.app);
      const stranger = await newShopper(t.app);
      const placed = await buyNow(t.app, owner, t.products.plenty.id, 1);
      const path = `/api/orders/${placed.body.orderId}/invoice`;
      expectError(
        await jsonRequest(t.app, 'GET', path, undefined, { token: owner }),
        404,
        'NOT_FOUND',
      );
      await processWithInvoice(t, placed.body.orderId);
      const response = await t.app.request(path, { headers: { Authorization: `Bearer ${owner}` } });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(
        `https://invoices.example/invoices/${placed.body.orderId}.txt?as=invoice-${placed.body.orderId}.txt&signature=x`,
      );
      // A link is a capability: never cached, never handed to another shopper.
      expect(response.headers.get('cache-control')).toBe('no-store');
      expectError(
        await jsonRequest(t.app, 'GET', path, undefined, { token: stranger }),
        404,
        'NOT_FOUND',
      );
      expect(links).toEqual([`invoices/${placed.body.orderId}.txt`]);
    });

    it("keeps an invoice from anyone but the order's shopper", async () => {
      const t = await openTestApp({ store });
      const owner = await newShopper(t.app);
      const stranger = await newShopper(t.app);
      const placed = await buyNow(t.app, owner, t.products.plenty.id, 1);
      await processWithInvoice(t, placed.body.orderId);
      const path = `/api/orders/${placed.body.orderId}/invoice`;
      const theirs = await jsonRequest(t.app, 'GET', path, undefined, { token: stranger });
      expectError(theirs, 404, 'NOT_FOUND');
      expect(theirs.text).not.toContain('Sellout invoice');
      expectError(await jsonRequest(t.app, 'GET', path), 401, 'UNAUTHORIZED');
      expectError(
        await jsonRequest(t.app, 'GET', '/api/orders/o_nope/invoice', undefined, { token: owner }),
        404,
        'NOT_FOUND',
      );
    });
  });
});
