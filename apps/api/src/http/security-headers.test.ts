import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountStaticSite } from '../node/static-site';
import { addToCart, buyNow, newShopper, openTestApp, type TestApp } from '../testing/test-app';

/** The API with a storefront build mounted beside it, as `npm start` serves them. */
const openShop = async () => {
  const t = await openTestApp({ store: 'memory' });
  const dist = mkdtempSync(join(tmpdir(), 'sellout-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  expect(mountStaticSite(t.app, dist)).toBe(true);
  return t;
};

const get = (t: TestApp, path: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { Host: 'shop.example:3000', ...headers } });

/** The CSP's directives by name. */
const policyOf = (response: Response) =>
  new Map(
    (response.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );

const expectEverywhereHeaders = (response: Response) => {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
};

describe('the storefront page', () => {
  it('has a strict CSP: no inline or eval script, no framing, its live socket allowed', async () => {
    const t = await openShop();
    for (const path of ['/', '/products/p_1', '/orders/o_1']) {
      const page = await get(t, path);
      expect(page.status).toBe(200);
      expectEverywhereHeaders(page);
      const policy = policyOf(page);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'https:']);
      expect(policy.get('connect-src')).toEqual([
        "'self'",
        'ws://shop.example:3000',
        'wss://shop.example:3000',
      ]);
      expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe|\*/);
      expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('names no socket from a Host header that is not a host', async () => {
    const t = await openShop();
    const page = await get(t, '/', { Host: "evil; script-src 'unsafe-inline'" });
    expect(policyOf(page).get('connect-src')).toEqual(["'self'"]);
    expect(policyOf(page).get('script-src')).toEqual(["'self'"]);
  });

  it('sends the same protections with its files', async () => {
    const t = await openShop();
    const asset = await get(t, '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expectEverywhereHeaders(asset);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('API answers', () => {
  it('are never stored when they carry a token, a cart, an order, an invoice or admin data', async () => {
    const t = await openShop();
    const session = await t.app.request('/api/session', { method: 'POST' });
    expect(session.status).toBe(201);
    const token = ((await session.json()) as { token: string }).token;
    const shopper = { Authorization: `Bearer ${token}` };
    await addToCart(t.app, token, t.products.plenty.id);
    const placed = await buyNow(t.app, token, t.products.plenty.id);
    const orderId = placed.body.orderId;
    await t.blobs.put(`invoices/${orderId}.txt`, 'INVOICE', 'text/plain; charset=utf-8');
    await t.deps.orders.markProcessed(orderId, {
      processedAt: '2026-01-01T00:00:09.000Z',
      invoiceKey: `invoices/${orderId}.txt`,
    });
    const answers = {
      session,
      cart: await get(t, '/api/cart', shopper),
      orders: await get(t, '/api/orders', shopper),
      order: await get(t, `/api/orders/${orderId}`, shopper),
      invoice: await get(t, `/api/orders/${orderId}/invoice`, shopper),
      recommendations: await get(t, '/api/recommendations', shopper),
      admin: await get(t, '/api/admin/orders', { Authorization: `Bearer ${t.adminToken}` }),
      health: await get(t, '/api/health'),
      'an error': await get(t, '/api/products/p_nope'),
    };
    for (const [name, response] of Object.entries(answers)) {
      expect(response.status, name).toBeLessThan(500);
      expect(response.headers.get('cache-control'), name).toBe('no-store');
      expectEverywhereHeaders(response);
      expect(response.headers.get('content-security-policy'), name).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    expect(answers.invoice.status).toBe(200);
  });

  it('let public catalog answers be cached only to be revalidated (stock is live)', async () => {
    const t = await openShop();
    for (const path of [
      '/api/products',
      `/api/products/${t.products.few.id}`,
      '/api/openapi.json',
    ]) {
      const response = await get(t, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expectEverywhereHeaders(response);
    }
  });
});

describe('401 answers', () => {
  it.each([
    ['no token', {}, 'Bearer realm="sellout"'],
    ['another scheme', { Authorization: 'Basic YTpi' }, 'Bearer realm="sellout"'],
    [
      'a forged token',
      { Authorization: 'Bearer v1.u_1.forged' },
      'Bearer realm="sellout", error="invalid_token"',
    ],
    [
      'a malformed token',
      { Authorization: 'Bearer a b c' },
      'Bearer realm="sellout", error="invalid_token"',
    ],
  ])('to %s challenge for a bearer token (RFC 6750)', async (_, headers, challenge) => {
    const t = await openShop();
    for (const path of ['/api/cart', '/api/admin/orders']) {
      const response = await get(t, path, headers);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate'), path).toBe(challenge);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expectEverywhereHeaders(response);
    }
  });

  it('are not sent to a shopper on an admin route: that is a 403 without a challenge', async () => {
    const t = await openShop();
    const token = await newShopper(t.app);
    const response = await get(t, '/api/admin/orders', { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBeNull();
  });
});
