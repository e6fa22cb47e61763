import type { ErrorCode } from '@sellout/core/shared/error-codes';
import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import {
  addToCart,
  buyNow,
  buyNowBody,
  checkOutCart,
  expectError,
  type JsonResponse,
  jsonRequest,
  newShopper,
  openTestApp,
} from '../testing/test-app';
import { statusOf } from './errors';

type TestApp = Awaited<ReturnType<typeof openTestApp>>;
type Trigger = (t: TestApp) => Promise<JsonResponse<unknown>>;

/** Something a client does today that answers each code. A new code without one does not compile. */
const triggers = {
  VALIDATION_FAILED: async (t) =>
    jsonRequest(t.app, 'POST', '/api/cart', { productId: 42 }, { token: await newShopper(t.app) }),
  UNAUTHORIZED: async (t) => jsonRequest(t.app, 'GET', '/api/cart'),
  FORBIDDEN: async (t) =>
    jsonRequest(t.app, 'GET', '/api/admin/orders', undefined, { token: await newShopper(t.app) }),
  NOT_FOUND: async (t) => jsonRequest(t.app, 'GET', '/api/products/p_nope'),
  OUT_OF_STOCK: async (t) => buyNow(t.app, await newShopper(t.app), t.products.few.id, 4),
  CART_EMPTY: async (t) => checkOutCart(t.app, await newShopper(t.app)),
  NOT_ON_SALE: async (t) => {
    const drop = await t.seed({ sku: 'T-DROP', saleStartsAt: '2099-01-01T00:00:00.000Z' });
    return buyNow(t.app, await newShopper(t.app), drop.id, 1);
  },
  ORDER_NOT_PENDING: async (t) => {
    const placed = await buyNow(t.app, await newShopper(t.app), t.products.plenty.id, 1);
    await t.deps.orders.cancel(placed.body.orderId, { by: 'payment', reason: 'declined' });
    return jsonRequest(
      t.app,
      'POST',
      `/api/admin/orders/${placed.body.orderId}/cancel`,
      { reason: 'Too late' },
      { token: t.adminToken },
    );
  },
  PAYLOAD_TOO_LARGE: async (t) =>
    jsonRequest(
      t.app,
      'POST',
      '/api/cart',
      { productId: t.products.plenty.id, quantity: 1, padding: 'x'.repeat(70_000) },
      { token: await newShopper(t.app) },
    ),
  UNSUPPORTED_MEDIA_TYPE: async (t) =>
    jsonRequest(t.app, 'POST', '/api/cart', undefined, {
      token: await newShopper(t.app),
      raw: 'productId=p_1&quantity=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  PURCHASE_LIMIT_EXCEEDED: async (t) =>
    buyNow(t.app, await newShopper(t.app), t.products.limited.id, 3),
  IDEMPOTENCY_KEY_REUSED: async (t) => {
    const token = await newShopper(t.app);
    await buyNow(t.app, token, t.products.plenty.id, 1, { key: 'attempt-1' });
    return buyNow(t.app, token, t.products.plenty.id, 2, { key: 'attempt-1' });
  },
  RATE_LIMITED: async () => {
    const t = await openTestApp({
      store: 'memory',
      rateLimits: {
        shopperWrites: { burst: 1, perSecond: 1 },
        sessionsPerAddress: { burst: 100, perSecond: 1 },
      },
    });
    const token = await newShopper(t.app);
    await addToCart(t.app, token, t.products.plenty.id, 1);
    return jsonRequest(
      t.app,
      'POST',
      '/api/cart',
      { productId: t.products.plenty.id, quantity: 1 },
      { token },
    );
  },
  UNAVAILABLE: async (t) => {
    const busy = createApp({
      ...t.deps,
      catalog: {
        ...t.deps.catalog,
        list: async () => {
          throw new StoreUnavailableError('SQLITE_BUSY: database is locked');
        },
      },
    });
    return jsonRequest(busy, 'GET', '/api/products');
  },
  INTERNAL: async (t) => {
    const broken = createApp({
      ...t.deps,
      orders: {
        ...t.deps.orders,
        place: async () => {
          throw new Error('connection to db.internal:5432 failed; password=hunter2');
        },
      },
    });
    return jsonRequest(broken, 'POST', '/api/checkout', buyNowBody(t.products.plenty.id), {
      token: await newShopper(broken),
    });
  },
} satisfies Record<ErrorCode, Trigger>;

describe('the error table of §8', () => {
  for (const [code, trigger] of Object.entries(triggers) as [ErrorCode, Trigger][]) {
    it(`${code} answers ${statusOf[code]} with {"error":{"code","message",…}}`, async () => {
      const t = await openTestApp({ store: 'sqlite' });
      expectError(await trigger(t), statusOf[code], code);
    });
  }

  it('VALIDATION_FAILED lists the problems as details.issues [{path, message}]', async () => {
    const t = await openTestApp({ store: 'memory' });
    const error = expectError(await triggers.VALIDATION_FAILED(t), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual({
      issues: expect.arrayContaining([
        { path: 'productId', message: expect.any(String) },
        { path: 'quantity', message: expect.any(String) },
      ]),
    });
  });

  it('OUT_OF_STOCK names each short line as details.items [{productId, requested, available}]', async () => {
    const t = await openTestApp({ store: 'memory' });
    const error = expectError(await triggers.OUT_OF_STOCK(t), 409, 'OUT_OF_STOCK');
    expect(error.details).toEqual({
      items: [{ productId: t.products.few.id, requested: 4, available: 3 }],
    });
  });

  it('PURCHASE_LIMIT_EXCEEDED names the product and its limit', async () => {
    const t = await openTestApp({ store: 'memory' });
    const error = expectError(
      await triggers.PURCHASE_LIMIT_EXCEEDED(t),
      422,
      'PURCHASE_LIMIT_EXCEEDED',
    );
    expect(error.details?.items).toEqual([
      expect.objectContaining({ productId: t.products.limited.id, requested: 3 }),
    ]);
  });

  it('RATE_LIMITED and UNAVAILABLE say when to retry, in whole seconds', async () => {
    const t = await openTestApp({ store: 'memory' });
    for (const response of [await triggers.RATE_LIMITED(), await triggers.UNAVAILABLE(t)]) {
      expect(response.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
    }
  });

  it('INTERNAL carries only a request id, and nothing of the error', async () => {
    const t = await openTestApp({ store: 'memory' });
    const response = await triggers.INTERNAL(t);
    const error = expectError(response, 500, 'INTERNAL');
    const requestId = response.headers.get('X-Request-Id');
    expect(requestId).toBeTruthy();
    expect(error.details).toEqual({ requestId });
    for (const secret of ['db.internal', '5432', 'hunter2', 'password', 'Error', 'at ']) {
      expect(response.text).not.toContain(secret);
    }
  });

  it('a store that throws on any route gives 500 INTERNAL, never a crash or a stack', async () => {
    const t = await openTestApp({ store: 'memory' });
    const broken = createApp({
      ...t.deps,
      carts: {
        ...t.deps.carts,
        get: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'lines')");
        },
      },
    });
    const response = await jsonRequest(broken, 'GET', '/api/cart', undefined, {
      token: await newShopper(broken),
    });
    expectError(response, 500, 'INTERNAL');
    expect(response.text).not.toContain('Cannot read');
  });

  it('NOT_FOUND also answers unknown routes and unknown methods under /api', async () => {
    const t = await openTestApp({ store: 'memory' });
    expectError(await jsonRequest(t.app, 'GET', '/api/nothing-here'), 404, 'NOT_FOUND');
    expectError(await jsonRequest(t.app, 'PATCH', '/api/products'), 404, 'NOT_FOUND');
    expectError(await jsonRequest(t.app, 'GET', '/api/orders/o_1/nothing'), 404, 'NOT_FOUND');
  });

  it('every answer carries a request id', async () => {
    const t = await openTestApp({ store: 'memory' });
    const ok = await jsonRequest(t.app, 'GET', '/api/health');
    const failed = await jsonRequest(t.app, 'GET', '/api/cart');
    expect(ok.headers.get('X-Request-Id')).toBeTruthy();
    expect(failed.headers.get('X-Request-Id')).toBeTruthy();
    expect(ok.headers.get('X-Request-Id')).not.toBe(failed.headers.get('X-Request-Id'));
  });

  it("a caller's own request id is kept when it is a plain token, replaced when it is not", async () => {
    const t = await openTestApp({ store: 'memory' });
    const idOf = async (sent: string) =>
      (
        await jsonRequest(t.app, 'GET', '/api/cart', undefined, {
          headers: { 'X-Request-Id': sent },
        })
      ).headers.get('X-Request-Id');
    expect(await idOf('trace-42_a=')).toBe('trace-42_a=');
    for (const odd of ['a b', 'x'.repeat(256), '<script>', 'id;rm']) {
      expect(await idOf(odd)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    }
  });
});
