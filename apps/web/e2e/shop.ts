import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '@sellout/tools/testing/store-client';

export type NewProduct = {
  name: string;
  stock: number;
  category?: string;
  priceCents?: number;
  maxPerOrder?: number | null;
  saleStartsAt?: string | null;
  imageUrl?: string;
  description?: string;
};

let skus = 0;

/**
 * The real server (`npm start`'s entry point: API, live socket, in-process worker and the built
 * storefront) on a free port, over a fresh DATA_DIR seeded with the demo catalog, with the few
 * API calls the browser tests make around what the shopper does.
 */
export const startShop = async (env: Record<string, string> = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-e2e-'));
  let server: SpawnedServer;
  try {
    server = await spawnServer({
      env: {
        DATA_DIR: dataDir,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        RATE_LIMIT: 'off',
        SEED: 'demo',
        ...env,
      },
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const store = createStoreClient(server.url);

  return {
    url: server.url,
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    store,
    /** The server's clock (DESIGN §12): what a drop opens by. */
    serverTime: async () =>
      Date.parse((await store.json<{ time: string }>(store.request('/health'))).time),
    /** A product of its own for one test, so no test depends on the demo catalog's order. */
    createProduct: (product: NewProduct) =>
      store.createProduct({
        sku: `E2E-${process.pid}-${++skus}`,
        category: 'e2e',
        priceCents: 2500,
        imageUrl: '/images/products/brass-desk-lamp.svg',
        ...product,
      }),
    /** Another shopper, through the API: a new guest session that buys `quantity` now. */
    buyAsAnotherShopper: async (productId: string, quantity: number, paymentToken?: string) => {
      const token = await store.newShopper();
      return store.json<{ orderId: string; order: { number: string; createdAt: string } }>(
        store.buyNow(token, {
          productId,
          quantity,
          key: `other-${++skus}`,
          ...(paymentToken ? { paymentToken } : {}),
        }),
      );
    },
    product: (productId: string) =>
      store.json<{ id: string; stock: number }>(store.request(`/products/${productId}`)),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
};

export type Shop = Awaited<ReturnType<typeof startShop>>;
