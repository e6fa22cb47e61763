import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderBody, PageBody, PlacedBody, ProductBody, SessionBody } from './testing/test-app';
import { buyNowBody } from './testing/test-app';

/**
 * `npm start` without the storefront build: `node --import tsx apps/api/src/main-node.ts` from the
 * repo root, on a free port, with an empty DATA_DIR and no secrets in the environment.
 */
describe('the Node server (main-node.ts) as `npm start` runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-main-node-'));
  let server: SpawnedServer;

  beforeAll(async () => {
    // The loosest umask there is, inherited by the server: its files must be private anyway.
    const previousUmask = process.umask(0);
    server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        // Empty counts as unset: the server must generate its own secrets and seed the demo.
        ADMIN_TOKEN: '',
        SESSION_SECRET: '',
        SEED: '',
        RATE_LIMIT: 'on',
        LOG_LEVEL: 'warn',
      },
      timeoutMs: 30_000,
    }).finally(() => process.umask(previousUmask));
  }, 40_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(path: string, init: RequestInit = {}, token?: string) => {
    const response = await fetch(`${server.url}/api${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...init.headers,
      },
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (isJson ? JSON.parse(text) : null) as T,
    };
  };

  it('answers /api/health and says where it is open', async () => {
    const health = await api<{ status: string }>('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(server.output()).toContain(`Sellout is open at ${server.url}`);
  });

  it('seeds the demo catalog into the empty store', async () => {
    const products: ProductBody[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await api<PageBody<ProductBody>>(`/products?limit=100${query}`);
      expect(response.status).toBe(200);
      products.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (cursor === null) break;
    }
    expect(products.length).toBeGreaterThanOrEqual(24);
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(4);
    expect(products.some((p) => p.maxPerOrder !== null)).toBe(true);
    expect(products.some((p) => p.imageUrl.startsWith('/images/'))).toBe(true);
    expect(products.every((p) => p.currency === 'USD' && p.stock >= 0)).toBe(true);
  });

  it('keeps its generated secrets and its database in DATA_DIR, and the admin token works', async () => {
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'sellout.db'))).toBe(true);
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
      adminToken: string;
    };
    expect(secrets.adminToken.length).toBeGreaterThanOrEqual(16);
    const orders = await api('/admin/orders', {}, secrets.adminToken);
    expect(orders.status).toBe(200);
    const forged = await api('/admin/orders', {}, `${secrets.adminToken}x`);
    expect(forged.status).toBe(401);
  });

  it('takes an order over HTTP and its in-process worker processes it', async () => {
    const session = await api<SessionBody>('/session', { method: 'POST' });
    expect(session.status).toBe(201);
    const token = session.body.token;
    const catalog = await api<PageBody<ProductBody>>('/products?limit=100');
    const product = catalog.body.items.find((p) => p.stock > 5 && p.maxPerOrder === null)!;
    const placed = await api<PlacedBody>(
      '/checkout',
      {
        method: 'POST',
        body: JSON.stringify(buyNowBody(product.id, 1)),
        headers: { 'Idempotency-Key': 'spawn-1' },
      },
      token,
    );
    expect(placed.status).toBe(201);
    let order: OrderBody | null = null;
    for (let poll = 0; poll < 150; poll++) {
      order = (await api<OrderBody>(`/orders/${placed.body.orderId}`, {}, token)).body;
      if (order.status !== 'PENDING') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(order?.status).toBe('PROCESSED');
    const invoice = await api(`/orders/${placed.body.orderId}/invoice`, {}, token);
    expect(invoice.status).toBe(200);
    expect(invoice.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(invoice.text).toContain(placed.body.orderId);
  }, 30_000);

  it('keeps every data file for its owner only: database, secrets, mail, invoices', () => {
    const modes = Object.fromEntries(
      readdirSync(dataDir, { recursive: true, withFileTypes: true }).map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dataDir, path), (statSync(path).mode & 0o777).toString(8)];
      }),
    );
    const expected = (path: string) =>
      statSync(join(dataDir, path)).isDirectory() ? '700' : '600';
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(['sellout.db', 'secrets.json', 'mail', 'invoices', 'tmp']),
    );
    expect(Object.keys(modes).some((path) => path.startsWith('mail/'))).toBe(true);
    expect(Object.keys(modes).some((path) => path.startsWith('invoices/'))).toBe(true);
    expect(modes).toEqual(
      Object.fromEntries(Object.keys(modes).map((path) => [path, expected(path)])),
    );
  });

  it('refuses a body over 64 KiB on a real socket with 413, and stays up', async () => {
    const session = await api<SessionBody>('/session', { method: 'POST' });
    const tooBig = await api<{ error: { code: string } }>(
      '/cart',
      {
        method: 'POST',
        body: JSON.stringify({ productId: 'p_1', quantity: 1, pad: 'x'.repeat(70_000) }),
      },
      session.body.token,
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api('/health')).status).toBe(200);
  });

  it('exits with code 0 within 15 s of SIGTERM', async () => {
    server.child.kill('SIGTERM');
    const code = await Promise.race([
      server.exited,
      new Promise((resolve) =>
        setTimeout(() => resolve('still running after 15 s'), 15_000).unref(),
      ),
    ]);
    expect(code, server.output()).toBe(0);
  }, 20_000);
});
