import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

export const SHIPPING = {
  name: 'Ana Lima',
  line1: '1 Market St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

export type ShopProduct = {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  stock: number;
};

export type NewProduct = {
  name: string;
  stock: number;
  category?: string;
  priceCents?: number;
  maxPerOrder?: number | null;
};

export type Shop = {
  url: string;
  /** A product of its own for one test, so no test depends on the demo catalog's order. */
  createProduct(product: NewProduct): Promise<ShopProduct>;
  /** Another shopper, through the API: a new guest session that buys `quantity` now. */
  buyAsAnotherShopper(productId: string, quantity: number): Promise<void>;
  product(productId: string): Promise<ShopProduct>;
  stop(): Promise<void>;
};

let skus = 0;

/**
 * The real server (`npm start`'s entry point: API, live socket, in-process worker and the built
 * storefront) on a free port, over a fresh DATA_DIR seeded with the demo catalog.
 */
export const startShop = async (): Promise<Shop> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-e2e-'));
  let server: SpawnedServer;
  try {
    server = await spawnServer({
      env: { DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMIT: 'off', SEED: 'demo' },
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const call = async <T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; expect?: number } = {},
  ): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' && path === '/api/checkout'
          ? { 'idempotency-key': randomUUID() }
          : {}),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
    const text = await response.text();
    if (response.status !== (options.expect ?? 200)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  };

  return {
    url: server.url,
    createProduct: async (product) => {
      skus += 1;
      return call<ShopProduct>('POST', '/api/admin/products', {
        token: ADMIN_TOKEN,
        expect: 201,
        body: {
          sku: `E2E-${process.pid}-${skus}`,
          description: 'Made for one end-to-end test.',
          category: 'e2e',
          priceCents: 2500,
          imageUrl: '/images/products/brass-desk-lamp.svg',
          ...product,
        },
      });
    },
    buyAsAnotherShopper: async (productId, quantity) => {
      const { token } = await call<{ token: string }>('POST', '/api/session', { expect: 201 });
      await call('POST', '/api/checkout', {
        token,
        expect: 201,
        body: { productId, quantity, email: 'other@example.com', shipping: SHIPPING },
      });
    },
    product: (productId) => call<ShopProduct>('GET', `/api/products/${productId}`),
    stop: async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        const stopped = await Promise.race([
          server.exited,
          new Promise((resolve) => setTimeout(resolve, 10_000, null)),
        ]);
        if (stopped === null) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
};
