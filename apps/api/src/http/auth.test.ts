import { describe, expect, it } from 'vitest';
import {
  addToCart,
  buyNow,
  buyNowBody,
  checkoutDetails,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type ProductBody,
  storeState,
  TEST_TTLS,
  userIdOf,
} from '../testing/test-app';
import { createSessionTokens } from './session-tokens';

type TestApp = Awaited<ReturnType<typeof openTestApp>>;

/** Every shopper endpoint of §8 that exists now, with a body that would otherwise succeed. */
const shopperEndpoints = (t: TestApp) =>
  [
    ['GET', '/api/cart', undefined],
    ['POST', '/api/cart', { productId: t.products.plenty.id, quantity: 1 }],
    ['PUT', `/api/cart/items/${t.products.plenty.id}`, { quantity: 2 }],
    ['DELETE', `/api/cart/items/${t.products.plenty.id}`, undefined],
    ['POST', '/api/orders', checkoutDetails()],
    ['POST', '/api/checkout', buyNowBody(t.products.plenty.id)],
    ['GET', '/api/orders', undefined],
    ['GET', '/api/orders/o_0000000001', undefined],
    ['GET', '/api/orders/o_0000000001/invoice', undefined],
    ['POST', '/api/events', { productId: t.products.plenty.id, eventType: 'product-view' }],
    ['GET', '/api/recommendations', undefined],
  ] as const;

const adminEndpoints = (t: TestApp) =>
  [
    [
      'POST',
      '/api/admin/products',
      {
        sku: 'AUTH-1',
        name: 'n',
        description: 'd',
        category: 'c',
        priceCents: 1,
        stock: 1,
        imageUrl: '/i.png',
      },
    ],
    ['PATCH', `/api/admin/products/${t.products.plenty.id}`, { name: 'Stolen' }],
    ['POST', `/api/admin/products/${t.products.plenty.id}/restock`, { quantity: 5 }],
    ['GET', '/api/admin/orders', undefined],
    ['POST', '/api/admin/orders/o_0000000001/retry', undefined],
  ] as const;

/** Tokens that must never pass as a shopper's. */
const forgedTokens = async (t: TestApp) => {
  const genuine = await newShopper(t.app);
  const [version, userId, issuedAt, signature] = genuine.split('.') as [
    string,
    string,
    string,
    string,
  ];
  const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
  const otherSecret = createSessionTokens({
    secret: 'another-secret-that-is-long-enough-0123456789',
    clock: t.clock,
    ttlMs: TEST_TTLS.sessionTtlMs,
  });
  return {
    'a tampered signature': `${version}.${userId}.${issuedAt}.${flipped}`,
    'another user id under a genuine signature': `${version}.u_0000009999.${issuedAt}.${signature}`,
    'a later issue time under a genuine signature': `${version}.${userId}.${Number(issuedAt) + 86_400}.${signature}`,
    'a token signed with another secret': otherSecret.issue(userId),
    'no signature': `${version}.${userId}.${issuedAt}.`,
    'no issue time': `${version}.${userId}.${signature}`,
    'an extra segment': `${genuine}.x`,
    'another version': `v3.${userId}.${issuedAt}.${signature}`,
    'the old version under the new signature': `v1.${userId}.${signature}`,
    garbage: 'garbage',
    'the admin token (it is not a shopper)': t.adminToken,
  };
};

describe('authentication', () => {
  it('answers 401 UNAUTHORIZED on every shopper endpoint without a token', async () => {
    const t = await openTestApp({ store: 'memory' });
    const before = await storeState(t.deps);
    for (const [method, path, body] of shopperEndpoints(t)) {
      expectError(await jsonRequest(t.app, method, path, body), 401, 'UNAUTHORIZED');
    }
    expect(await storeState(t.deps)).toEqual(before);
  });

  it('answers 401 UNAUTHORIZED to forged tokens on every shopper endpoint', async () => {
    const t = await openTestApp({ store: 'memory' });
    const before = await storeState(t.deps);
    for (const [label, token] of Object.entries(await forgedTokens(t))) {
      for (const [method, path, body] of shopperEndpoints(t)) {
        const response = await jsonRequest(t.app, method, path, body, { token });
        expect(response.status, `${label} on ${method} ${path}`).toBe(401);
        expectError(response, 401, 'UNAUTHORIZED');
      }
    }
    expect(await storeState(t.deps)).toEqual(before);
  });

  it('answers 401 saying the session expired once a token is SESSION_TTL_DAYS old', async () => {
    const t = await openTestApp({ store: 'sqlite' });
    const token = await newShopper(t.app);
    await addToCart(t.app, token, t.products.plenty.id, 2);
    t.clock.advance(TEST_TTLS.sessionTtlMs - 1000);
    expect((await jsonRequest(t.app, 'GET', '/api/cart', undefined, { token })).status).toBe(200);
    t.clock.advance(1000);
    const before = await storeState(t.deps, [userIdOf(token)]);
    for (const [method, path, body] of shopperEndpoints(t)) {
      const response = await jsonRequest(t.app, method, path, body, { token });
      const error = expectError(response, 401, 'UNAUTHORIZED');
      expect(error.message, `${method} ${path}`).toMatch(/session expired/);
      expect(response.headers.get('WWW-Authenticate')).toBe(
        'Bearer realm="sellout", error="invalid_token", error_description="The session expired"',
      );
    }
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
    // A new session works at once.
    expect((await addToCart(t.app, await newShopper(t.app), t.products.plenty.id)).itemCount).toBe(
      1,
    );
  });

  it('answers 401 to malformed Authorization headers', async () => {
    const t = await openTestApp({ store: 'memory' });
    const token = await newShopper(t.app);
    for (const authorization of [
      token,
      `Basic ${token}`,
      `bearer ${token}`,
      `Bearer  ${token}`,
      'Bearer',
      'Bearer ',
      `Bearer ${token} extra`,
      `Bearer ${'x'.repeat(600)}`,
    ]) {
      const response = await jsonRequest(t.app, 'GET', '/api/cart', undefined, {
        headers: { Authorization: authorization },
      });
      expect(response.status, authorization.slice(0, 40)).toBe(401);
      expectError(response, 401, 'UNAUTHORIZED');
    }
  });

  it('checks the token before the body: no token and a bad body is still 401', async () => {
    const t = await openTestApp({ store: 'memory' });
    const json = { 'Content-Type': 'application/json' };
    expectError(
      await jsonRequest(t.app, 'POST', '/api/cart', undefined, { raw: '{"broken', headers: json }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await jsonRequest(t.app, 'POST', '/api/checkout', undefined, {
        raw: 'hello',
        headers: { 'Content-Type': 'text/plain' },
      }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await jsonRequest(t.app, 'POST', '/api/orders', { unknown: true }),
      401,
      'UNAUTHORIZED',
    );
    expectError(
      await jsonRequest(t.app, 'PATCH', `/api/admin/products/${t.products.plenty.id}`, {
        stock: 'lots',
      }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('keeps a token valid for the same shopper across requests', async () => {
    const t = await openTestApp({ store: 'sqlite' });
    const token = await newShopper(t.app);
    const placed = await buyNow(t.app, token, t.products.plenty.id, 1);
    expect(placed.status).toBe(201);
    const order = await jsonRequest(t.app, 'GET', `/api/orders/${placed.body.orderId}`, undefined, {
      token,
    });
    expect(order.status).toBe(200);
    const stored = await t.deps.orders.get(placed.body.orderId);
    expect(stored?.userId).toBe(userIdOf(token));
  });

  it("hides another shopper's order as 404 NOT_FOUND", async () => {
    const t = await openTestApp({ store: 'sqlite' });
    const owner = await newShopper(t.app);
    const stranger = await newShopper(t.app);
    const placed = await buyNow(t.app, owner, t.products.plenty.id, 1);
    const response = await jsonRequest(
      t.app,
      'GET',
      `/api/orders/${placed.body.orderId}`,
      undefined,
      { token: stranger },
    );
    const error = expectError(response, 404, 'NOT_FOUND');
    expect(error.message).not.toContain('ana@example.com');
    expect(response.text).not.toContain(userIdOf(owner));
  });

  describe('admin endpoints', () => {
    it('answer 401 without a token and with forged ones, 403 to a shopper', async () => {
      const t = await openTestApp({ store: 'memory' });
      const shopper = await newShopper(t.app);
      const nearly = `${t.adminToken.slice(0, -1)}${t.adminToken.endsWith('x') ? 'y' : 'x'}`;
      const before = await storeState(t.deps);
      for (const [method, path, body] of adminEndpoints(t)) {
        const where = `${method} ${path}`;
        const none = await jsonRequest(t.app, method, path, body);
        expect(none.status, where).toBe(401);
        expectError(none, 401, 'UNAUTHORIZED');
        for (const token of [nearly, `${t.adminToken}x`, 'garbage']) {
          const forged = await jsonRequest(t.app, method, path, body, { token });
          expect(forged.status, where).toBe(401);
          expectError(forged, 401, 'UNAUTHORIZED');
        }
        const asShopper = await jsonRequest(t.app, method, path, body, { token: shopper });
        expect(asShopper.status, where).toBe(403);
        expectError(asShopper, 403, 'FORBIDDEN');
      }
      t.clock.advance(TEST_TTLS.sessionTtlMs);
      for (const [method, path, body] of adminEndpoints(t)) {
        const expired = await jsonRequest(t.app, method, path, body, { token: shopper });
        expectError(expired, 401, 'UNAUTHORIZED');
      }
      expect(await storeState(t.deps)).toEqual(before);
    });

    it('work with the admin token', async () => {
      const t = await openTestApp({ store: 'memory' });
      const [, path, body] = adminEndpoints(t)[1];
      const response = await jsonRequest<ProductBody>(t.app, 'PATCH', path, body, {
        token: t.adminToken,
      });
      expect(response.status).toBe(200);
      expect(response.body.name).toBe('Stolen');
    });
  });
});
