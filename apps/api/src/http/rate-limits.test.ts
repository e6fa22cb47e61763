import { describe, expect, it } from 'vitest';
import {
  buyNow,
  type CartBody,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type SessionBody,
  storeState,
  userIdOf,
} from '../testing/test-app';
import { DEFAULT_RATE_LIMITS } from './rate-limits';

/** A small bucket, so a test can exhaust it; the fake clock refills it only when told. */
const small = (
  shopperWrites = { burst: 3, perSecond: 1 },
  sessionsPerAddress = { burst: 2, perSecond: 1 },
) => ({
  shopperWrites,
  sessionsPerAddress,
});

describe('rate limits', () => {
  it("answers 429 RATE_LIMITED with Retry-After once a shopper's write burst is spent", async () => {
    const t = await openTestApp({ store: 'memory', rateLimits: small() });
    const token = await newShopper(t.app);
    const add = () =>
      jsonRequest<CartBody>(
        t.app,
        'POST',
        '/api/cart',
        { productId: t.products.plenty.id, quantity: 1 },
        { token },
      );
    for (let i = 0; i < 3; i++) expect((await add()).status).toBe(200);
    const before = await storeState(t.deps, [userIdOf(token)]);
    const limited = await add();
    const error = expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers.get('Retry-After')).toBe('1');
    expect(error.details).toEqual({ retryAfterSeconds: 1 });
    // The refused write did nothing.
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
  });

  it('counts every kind of write: cart changes and checkouts alike, and creates no order when refused', async () => {
    const t = await openTestApp({ store: 'sqlite', rateLimits: small() });
    const token = await newShopper(t.app);
    const id = t.products.plenty.id;
    expect(
      (await jsonRequest(t.app, 'PUT', `/api/cart/items/${id}`, { quantity: 2 }, { token })).status,
    ).toBe(200);
    expect(
      (await jsonRequest(t.app, 'DELETE', `/api/cart/items/${id}`, undefined, { token })).status,
    ).toBe(200);
    expect((await buyNow(t.app, token, id, 1)).status).toBe(201);
    const before = await storeState(t.deps, [userIdOf(token)]);
    expectError(await buyNow(t.app, token, id, 1), 429, 'RATE_LIMITED');
    expectError(
      await jsonRequest(t.app, 'POST', '/api/orders', {}, { token }),
      429,
      'RATE_LIMITED',
    );
    expect(await storeState(t.deps, [userIdOf(token)])).toEqual(before);
  });

  it('leaves reads and other shoppers alone', async () => {
    const t = await openTestApp({ store: 'memory', rateLimits: small() });
    const noisy = await newShopper(t.app);
    const quiet = await newShopper(t.app);
    const add = (token: string) =>
      jsonRequest(
        t.app,
        'POST',
        '/api/cart',
        { productId: t.products.plenty.id, quantity: 1 },
        { token },
      );
    for (let i = 0; i < 3; i++) await add(noisy);
    expectError(await add(noisy), 429, 'RATE_LIMITED');
    expect((await add(quiet)).status).toBe(200);
    expect((await buyNow(t.app, quiet, t.products.plenty.id, 1)).status).toBe(201);
    for (let i = 0; i < 10; i++) {
      expect(
        (await jsonRequest(t.app, 'GET', '/api/cart', undefined, { token: noisy })).status,
      ).toBe(200);
      expect(
        (await jsonRequest(t.app, 'GET', '/api/orders', undefined, { token: noisy })).status,
      ).toBe(200);
    }
  });

  it('lets the shopper write again once the bucket has refilled', async () => {
    const t = await openTestApp({
      store: 'memory',
      rateLimits: small({ burst: 1, perSecond: 0.5 }),
    });
    const token = await newShopper(t.app);
    const add = () =>
      jsonRequest(
        t.app,
        'POST',
        '/api/cart',
        { productId: t.products.plenty.id, quantity: 1 },
        { token },
      );
    expect((await add()).status).toBe(200);
    const limited = await add();
    expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers.get('Retry-After')).toBe('2');
    t.clock.advance(2_000);
    expect((await add()).status).toBe(200);
  });

  it('limits new sessions per address, not globally', async () => {
    const t = await openTestApp({ store: 'memory', rateLimits: small() });
    const session = (address: string) =>
      jsonRequest<SessionBody>(t.app, 'POST', '/api/session', undefined, {
        headers: { 'X-Test-Client': address },
      });
    expect((await session('10.0.0.1')).status).toBe(201);
    expect((await session('10.0.0.1')).status).toBe(201);
    const limited = await session('10.0.0.1');
    expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers.get('Retry-After')).toMatch(/^[1-9][0-9]*$/);
    expect((await session('10.0.0.2')).status).toBe(201);
    t.clock.advance(1_000);
    expect((await session('10.0.0.1')).status).toBe(201);
  });

  it('does not limit at all when switched off (RATE_LIMIT=off)', async () => {
    const t = await openTestApp({ store: 'memory', rateLimits: null });
    const token = await newShopper(t.app);
    const writes = DEFAULT_RATE_LIMITS.shopperWrites.burst + 10;
    for (let i = 0; i < writes; i++) {
      const quantity = (i % 99) + 1;
      const response = await jsonRequest(
        t.app,
        'PUT',
        `/api/cart/items/${t.products.plenty.id}`,
        { quantity },
        { token },
      );
      expect(response.status).toBe(200);
    }
  });

  it('by default allows a burst of 120 writes per shopper, then limits', async () => {
    const t = await openTestApp({ store: 'memory', rateLimits: DEFAULT_RATE_LIMITS });
    const token = await newShopper(t.app);
    const put = (quantity: number) =>
      jsonRequest(t.app, 'PUT', `/api/cart/items/${t.products.plenty.id}`, { quantity }, { token });
    for (let i = 0; i < 120; i++) expect((await put((i % 99) + 1)).status).toBe(200);
    expectError(await put(1), 429, 'RATE_LIMITED');
    expect((await put(1)).headers.get('Retry-After')).toBe('1');
  });
});
