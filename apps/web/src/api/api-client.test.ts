import { aProduct } from '@sellout/core/testing/builders';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiError, createFakeApi, json } from '../test/fake-api';
import { createApiClient, type Fetch, type SchemaOf } from './api-client';
import { ApiError } from './api-error';
import type { Cart } from './response-types';
import { createSessionStore } from './session-store';

const cartSchema: SchemaOf<Cart> = (schemas) => schemas.cartJsonSchema;

const clientFor = (fetch: Fetch) =>
  createApiClient({ sessions: createSessionStore(localStorage), fetch });

const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
};

describe('the API client', () => {
  it('turns the contract error shape into an ApiError with code, details and status', async () => {
    const client = clientFor(async () =>
      apiError(409, 'OUT_OF_STOCK', {
        items: [{ productId: 'p_1', requested: 3, available: 2 }],
      }),
    );
    const error = await failureOf(client.json(() => z.unknown(), { path: '/api/products/p_1' }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.status).toBe(409);
    expect(error.shortfalls).toEqual([{ productId: 'p_1', requested: 3, available: 2 }]);
  });

  it('reads how long to wait from Retry-After', async () => {
    const client = clientFor(async () =>
      apiError(429, 'RATE_LIMITED', { retryAfterSeconds: 1 }, { 'Retry-After': '7' }),
    );
    const error = await failureOf(
      client.json(() => z.unknown(), { path: '/api/cart', method: 'POST' }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('calls a failure without an answer NETWORK', async () => {
    const client = clientFor(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failureOf(client.json(() => z.unknown(), { path: '/api/products' }));
    expect(error.code).toBe('NETWORK');
    expect(error.status).toBe(0);
  });

  it('judges a proxy error page by its status', async () => {
    const client = clientFor(async () => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await failureOf(client.json(() => z.unknown(), { path: '/api/products' }));
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('refuses a 2xx answer that breaks the contract', async () => {
    const client = clientFor(async () => json(200, { items: 'not a list' }));
    const error = await failureOf(client.json((s) => s.cartJsonSchema, { path: '/api/cart' }));
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('creates one guest session for concurrent first calls and keeps it in localStorage', async () => {
    const fake = createFakeApi();
    const client = clientFor(fake.fetch);

    await Promise.all([
      client.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true }),
      client.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true }),
    ]);

    expect(fake.calls('POST', '/api/session')).toHaveLength(1);
    const stored = JSON.parse(localStorage.getItem('sellout.session') ?? 'null');
    expect(stored.token).toBe('token-1');
    for (const call of fake.calls('GET', '/api/cart')) {
      expect(call.headers.get('Authorization')).toBe('Bearer token-1');
    }

    // A reload (a new client) reuses the stored session instead of starting over.
    await clientFor(fake.fetch).json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true });
    expect(fake.calls('POST', '/api/session')).toHaveLength(1);
  });

  it('does not create a session for public endpoints', async () => {
    const fake = createFakeApi();
    await clientFor(fake.fetch).json(() => z.unknown(), { path: '/api/products' });
    expect(fake.calls('POST', '/api/session')).toHaveLength(0);
    expect(fake.requests[0]?.headers.has('Authorization')).toBe(false);
  });

  it('starts a new session once when the server refuses the token, and retries the call', async () => {
    const fake = createFakeApi();
    localStorage.setItem('sellout.session', JSON.stringify({ token: 'stale', userId: 'u_old' }));
    const client = clientFor(fake.fetch);

    const cart = await client.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true });

    expect(cart.items).toEqual([]);
    expect(fake.calls('GET', '/api/cart').map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer stale',
      'Bearer token-1',
    ]);
    expect(client.session.current()?.token).toBe('token-1');
    expect(client.session.replacedCount()).toBe(1);
  });

  it('does not count the first session as a replaced one', async () => {
    const fake = createFakeApi();
    const client = clientFor(fake.fetch);
    await client.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true });
    expect(client.session.current()?.token).toBe('token-1');
    expect(client.session.replacedCount()).toBe(0);
  });

  it.each([
    ['POST', '/api/checkout'],
    ['POST', '/api/orders'],
    ['POST', '/api/cart'],
    ['PUT', '/api/cart/items/p_1'],
    ['DELETE', '/api/cart/items/p_1'],
  ] as const)(
    'never resends a refused %s %s under the new session: it says so instead',
    async (method, path) => {
      const fake = createFakeApi();
      localStorage.setItem('sellout.session', JSON.stringify({ token: 'stale', userId: 'u_old' }));
      const client = clientFor(fake.fetch);
      let told = 0;
      client.session.subscribe(() => {
        told += 1;
      });

      const error = await failureOf(
        client.json(() => z.unknown(), {
          method,
          path,
          body: method === 'DELETE' ? undefined : { quantity: 1 },
          headers: { 'Idempotency-Key': 'attempt-1' },
          auth: true,
        }),
      );

      expect(error.code).toBe('SESSION_REPLACED');
      expect(fake.calls(method, path).map((r) => r.headers.get('Authorization'))).toEqual([
        'Bearer stale',
      ]);
      // The new session is there for the next try, and the layout can tell the shopper.
      expect(fake.calls('POST', '/api/session')).toHaveLength(1);
      expect(client.session.current()?.token).toBe('token-1');
      expect(client.session.replacedCount()).toBe(1);
      expect(told).toBeGreaterThan(0);
    },
  );

  it('carries the cart it last showed into the new session, once, before any call sees it', async () => {
    const fake = createFakeApi({
      products: [aProduct({ id: 'p_a', name: 'A' }), aProduct({ id: 'p_b', name: 'B' })],
    });
    fake.seedCart('old', [
      { productId: 'p_b', quantity: 3 },
      { productId: 'p_a', quantity: 1 },
    ]);
    localStorage.setItem('sellout.session', JSON.stringify({ token: 'old', userId: 'u_old' }));
    const client = clientFor(fake.fetch);
    await client.json(cartSchema, { path: '/api/cart', auth: true });
    fake.expireSessions();

    // Three calls refused at once: one new session, one carry-over, and all see the cart.
    const carts = await Promise.all(
      [1, 2, 3].map(() => client.json(cartSchema, { path: '/api/cart', auth: true })),
    );

    expect(fake.calls('POST', '/api/session')).toHaveLength(1);
    expect(fake.calls('POST', '/api/cart').map((r) => r.body)).toEqual([
      { productId: 'p_b', quantity: 3 },
      { productId: 'p_a', quantity: 1 },
    ]);
    for (const cart of carts) expect(cart.items.map((i) => i.productId)).toEqual(['p_b', 'p_a']);
    expect(client.session.replacement()).toEqual({
      count: 1,
      cartSeen: true,
      carried: ['B', 'A'],
      lost: [],
    });
  });

  it('carries nothing it never showed, and keeps a pending carry-over when the new session fails', async () => {
    const fake = createFakeApi({ products: [aProduct({ id: 'p_a', name: 'A' })] });
    fake.seedCart('old', [{ productId: 'p_a', quantity: 2 }]);
    localStorage.setItem('sellout.session', JSON.stringify({ token: 'old', userId: 'u_old' }));
    const client = clientFor(fake.fetch);
    await client.json(cartSchema, { path: '/api/cart', auth: true });
    fake.expireSessions();
    fake.override((request) =>
      request.path === '/api/session' && fake.calls('POST', '/api/session').length === 1
        ? apiError(503, 'UNAVAILABLE')
        : undefined,
    );

    const failed = await failureOf(client.json(cartSchema, { path: '/api/cart', auth: true }));
    expect(failed.code).toBe('UNAVAILABLE');
    expect(client.session.replacement().count).toBe(0);

    const cart = await client.json(cartSchema, { path: '/api/cart', auth: true });
    expect(cart.itemCount).toBe(2);
    expect(client.session.replacement()).toMatchObject({ count: 1, carried: ['A'] });

    // A page opened on an expired session never showed a cart: nothing to carry, and it says so.
    const fresh = createFakeApi();
    fresh.seedCart('gone', [{ productId: 'p_a', quantity: 1 }]);
    fresh.expireSessions();
    localStorage.setItem('sellout.session', JSON.stringify({ token: 'gone', userId: 'u_gone' }));
    const another = clientFor(fresh.fetch);
    await another.json(cartSchema, { path: '/api/cart', auth: true });
    expect(fresh.calls('POST', '/api/cart')).toHaveLength(0);
    expect(another.session.replacement()).toEqual({
      count: 1,
      cartSeen: false,
      carried: [],
      lost: [],
    });
  });

  it('gives up with UNAUTHORIZED when the new session is refused too', async () => {
    const fake = createFakeApi();
    fake.override((request) =>
      request.path === '/api/cart' ? apiError(401, 'UNAUTHORIZED') : undefined,
    );
    const client = clientFor(fake.fetch);

    const error = await failureOf(
      client.json((s) => s.cartJsonSchema, { path: '/api/cart', auth: true }),
    );

    expect(error.code).toBe('UNAUTHORIZED');
    expect(fake.calls('GET', '/api/cart')).toHaveLength(2);
    expect(fake.calls('POST', '/api/session')).toHaveLength(2);
  });

  it('sends JSON bodies and the headers it is given, such as Idempotency-Key', async () => {
    const fake = createFakeApi();
    const client = clientFor(fake.fetch);
    await failureOf(
      client.json(() => z.unknown(), {
        method: 'POST',
        path: '/api/orders',
        body: { email: 'ana@example.com' },
        headers: { 'Idempotency-Key': 'attempt-1' },
        auth: true,
      }),
    );
    const [call] = fake.calls('POST', '/api/orders');
    expect(call?.headers.get('Idempotency-Key')).toBe('attempt-1');
    expect(call?.headers.get('Content-Type')).toBe('application/json');
    expect(call?.body).toEqual({ email: 'ana@example.com' });
  });
});
