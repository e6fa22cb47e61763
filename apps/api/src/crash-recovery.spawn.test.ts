import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import {
  createStoreClient,
  type StoreClient,
  TEST_ADMIN_TOKEN,
} from '@sellout/tools/testing/store-client';
import { afterAll, describe, expect, it } from 'vitest';

const BUYERS = 240;

type Attempt = {
  token: string;
  key: string;
  productId: string;
  quantity: number;
  orderId?: string;
};

describe('a server killed with SIGKILL in the middle of a rush', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-crash-'));
  const env = {
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT: 'off',
    // Orders claimed by the killed process come back after this, instead of the default 30 s.
    WORKER_VISIBILITY_MS: '2000',
  };
  const servers: SpawnedServer[] = [];
  afterAll(() => {
    for (const server of servers) server.child.kill('SIGKILL');
  });

  /** One checkout; the order id, or null when the server died under it. */
  const buy = async (store: StoreClient, attempt: Attempt) => {
    try {
      const response = await store.buyNow(attempt.token, attempt);
      expect(response.status).toBe(201);
      return ((await response.json()) as { orderId: string }).orderId;
    } catch {
      return null;
    }
  };

  it('loses no acknowledged order, duplicates no side effect, and keeps the stock exact', {
    timeout: 120_000,
  }, async () => {
    const first = await spawnServer({ env });
    servers.push(first);
    const before = createStoreClient(first.url);
    const products = [];
    for (let i = 0; i < 3; i++)
      products.push(await before.createProduct({ sku: `CRASH-${i}`, stock: 150 }));
    const attempts: Attempt[] = [];
    for (let i = 0; i < BUYERS; i++) {
      attempts.push({
        token: await before.newShopper(),
        key: `crash-${i}`,
        productId: products[i % 3]!.id,
        quantity: 1 + (i % 2),
      });
    }

    // The rush: every buyer at once; the server is killed once a third have been acknowledged.
    let acknowledged = 0;
    await Promise.all(
      attempts.map(async (attempt) => {
        const orderId = await buy(before, attempt);
        if (!orderId) return;
        attempt.orderId = orderId;
        if (++acknowledged === BUYERS / 3) first.child.kill('SIGKILL');
      }),
    );
    expect(await first.exited).toBe('SIGKILL');
    const acknowledgedBeforeCrash = attempts.filter((a) => a.orderId).map((a) => ({ ...a }));
    expect(acknowledgedBeforeCrash.length).toBeGreaterThanOrEqual(BUYERS / 3);
    expect(acknowledgedBeforeCrash.length).toBeLessThan(BUYERS);

    const second = await spawnServer({ env });
    servers.push(second);
    const after = createStoreClient(second.url);

    // Buyers whose request died with the server retry with the same key: each gets one order.
    for (const attempt of attempts.filter((a) => !a.orderId))
      attempt.orderId = (await buy(after, attempt)) ?? undefined;
    // Buyers who were answered before the crash replay theirs and get the very same order.
    for (const attempt of acknowledgedBeforeCrash.slice(0, 20))
      expect(await buy(after, attempt)).toBe(attempt.orderId);

    // Every order reaches PROCESSED: the killed worker's claims expire and are redelivered.
    const statusOf = async (attempt: Attempt) =>
      (
        await after.json<{ status: string }>(
          after.request(`/orders/${attempt.orderId}`, {}, attempt.token),
        )
      ).status;
    await expect
      .poll(async () => new Set(await Promise.all(attempts.map(statusOf))), {
        timeout: 60_000,
        interval: 250,
      })
      .toEqual(new Set(['PROCESSED']));

    // Exactly one order per buyer: a key never made two, and nothing was lost.
    const all = await after.allOrders<{
      id: string;
      lines: { productId: string; quantity: number }[];
    }>();
    expect(all.map((o) => o.id).sort()).toEqual(attempts.map((a) => a.orderId).sort());

    for (const product of products) {
      const now = await after.json<{ stock: number }>(after.request(`/products/${product.id}`));
      const sold = all
        .flatMap((o) => o.lines)
        .filter((l) => l.productId === product.id)
        .reduce((sum, l) => sum + l.quantity, 0);
      expect(now.stock + sold).toBe(product.stock);
    }

    // One invoice and one confirmation email per order, whatever was retried.
    const ids = all.map((o) => o.id).sort();
    expect(readdirSync(join(dataDir, 'invoices')).sort()).toEqual(ids.map((id) => `${id}.txt`));
    expect(readdirSync(join(dataDir, 'mail')).sort()).toEqual(
      ids.map((id) => `${id}.confirmation.eml`),
    );
    // What the killed server was writing waited in tmp/, and the restart cleared it.
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
