import type { SpawnedServer } from '@sellout/tools/testing/spawn-server';
import { createStoreClient, type StoreClient } from '@sellout/tools/testing/store-client';
import { expect } from 'vitest';

type Attempt = {
  token: string;
  key: string;
  productId: string;
  quantity: number;
  orderId?: string;
};

export type CrashedRush = {
  /** The server started again on the same DATA_DIR, still running. */
  second: SpawnedServer;
  after: StoreClient;
  /** Every order in the store once all were processed. */
  orders: { id: string; number: string; lines: { productId: string; quantity: number }[] }[];
};

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

/**
 * The crash test's story, for every runtime that promises to lose no order: a rush of `buyers`
 * over three products, the server killed with SIGKILL (by `kill`: the process, or its whole
 * group) once a third of them were acknowledged, and started again on the same DATA_DIR. Then
 * the buyers whose requests died retry with their Idempotency-Key, some who were answered
 * replay theirs, and it asserts that every order is PROCESSED, each buyer has exactly one, and
 * the stock adds up. The runtime's own side effects are left to the caller, with `orders`.
 */
export const crashInTheMiddleOfARush = async (options: {
  start: () => Promise<SpawnedServer>;
  kill: (server: SpawnedServer) => void;
  buyers: number;
  processedWithinMs: number;
}): Promise<CrashedRush> => {
  const first = await options.start();
  const before = createStoreClient(first.url);
  const products = [];
  for (let i = 0; i < 3; i++)
    products.push(await before.createProduct({ sku: `CRASH-${i}`, stock: options.buyers }));
  const attempts: Attempt[] = [];
  for (let i = 0; i < options.buyers; i++) {
    attempts.push({
      token: await before.newShopper(),
      key: `crash-${i}`,
      productId: products[i % 3]!.id,
      quantity: 1 + (i % 2),
    });
  }

  // The rush: every buyer at once; the server is killed once a third have been acknowledged.
  let acknowledged = 0;
  const third = Math.floor(options.buyers / 3);
  await Promise.all(
    attempts.map(async (attempt) => {
      const orderId = await buy(before, attempt);
      if (!orderId) return;
      attempt.orderId = orderId;
      if (++acknowledged === third) options.kill(first);
    }),
  );
  expect(await first.exited).toBe('SIGKILL');
  const acknowledgedBeforeCrash = attempts.filter((a) => a.orderId).map((a) => ({ ...a }));
  expect(acknowledgedBeforeCrash.length).toBeGreaterThanOrEqual(third);
  expect(acknowledgedBeforeCrash.length).toBeLessThan(options.buyers);

  const second = await options.start();
  const after = createStoreClient(second.url);

  // Buyers whose request died with the server retry with the same key: each gets one order.
  for (const attempt of attempts.filter((a) => !a.orderId))
    attempt.orderId = (await buy(after, attempt)) ?? undefined;
  // Buyers who were answered before the crash replay theirs and get the very same order.
  for (const attempt of acknowledgedBeforeCrash.slice(0, 20))
    expect(await buy(after, attempt)).toBe(attempt.orderId);

  // Every order reaches PROCESSED, whatever the killed server was doing with it.
  const statusOf = async (attempt: Attempt) =>
    (
      await after.json<{ status: string }>(
        after.request(`/orders/${attempt.orderId}`, {}, attempt.token),
      )
    ).status;
  await expect
    .poll(async () => new Set(await Promise.all(attempts.map(statusOf))), {
      timeout: options.processedWithinMs,
      interval: 500,
    })
    .toEqual(new Set(['PROCESSED']));

  // Exactly one order per buyer: a key never made two, and nothing was lost.
  const orders = await after.allOrders<CrashedRush['orders'][number]>();
  expect(orders.map((o) => o.id).sort()).toEqual(attempts.map((a) => a.orderId).sort());

  for (const product of products) {
    const now = await after.json<{ stock: number }>(after.request(`/products/${product.id}`));
    const sold = orders
      .flatMap((o) => o.lines)
      .filter((l) => l.productId === product.id)
      .reduce((sum, l) => sum + l.quantity, 0);
    expect(now.stock + sold).toBe(product.stock);
  }
  return { second, after, orders };
};
