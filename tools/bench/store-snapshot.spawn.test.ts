import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { checkInvariants } from './invariants';
import { readStoreSnapshot } from './store-snapshot';
import { orderIdIn } from './workloads';

describe("the benchmark's books, read from a real shop", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-books-'));
  let server: SpawnedServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('balance after sales, a decline and a restock, and show a lost 201 and an unrecorded restock', {
    timeout: 60_000,
  }, async () => {
    server = await spawnServer({
      env: { DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, SEED: 'none', RATE_LIMIT: 'off' },
    });
    const store = createStoreClient(server.url);
    const drop = await store.createProduct({ sku: 'BOOKS-DROP', stock: 3 });
    const calm = await store.createProduct({ sku: 'BOOKS-CALM', stock: 50 });
    const unitsPutIn = new Map([
      [drop.id, 3],
      [calm.id, 50],
    ]);
    const token = await store.newShopper();
    const acknowledged: string[] = [];
    const buy = async (productId: string, key: string, paymentToken?: string) => {
      const answer = await store.buyNow(token, { productId, quantity: 1, key, paymentToken });
      const body = await answer.text();
      if (answer.status === 201) acknowledged.push(orderIdIn(body)!);
      return answer.status;
    };
    // A declined payment first: the worker cancels the order and puts its unit back.
    expect(await buy(drop.id, 'k-0', 'tok_declined')).toBe(201);
    const declined = acknowledged[0]!;
    let status = '';
    for (let i = 0; i < 100 && status !== 'CANCELLED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (
        await store.json<{ status: string }>(store.request(`/orders/${declined}`, {}, token))
      ).status;
    }
    expect(status).toBe('CANCELLED');
    const statuses = [
      await buy(drop.id, 'k-1'),
      await buy(drop.id, 'k-2'),
      await buy(drop.id, 'k-3'),
      await buy(drop.id, 'k-4'),
      await buy(calm.id, 'k-5'),
    ];
    expect(statuses).toEqual([201, 201, 201, 409, 201]);
    await store.json(
      store.admin(`/admin/products/${calm.id}/restock`, {
        method: 'POST',
        body: JSON.stringify({ quantity: 5 }),
      }),
    );
    unitsPutIn.set(calm.id, 55);

    const snapshot = await readStoreSnapshot(store);
    const report = checkInvariants({ unitsPutIn, ...snapshot, acknowledged });
    expect(report.violations).toEqual([]);
    expect(report.checked).toEqual({ products: 2, orders: 5, acknowledged: 5, unitsHeld: 4 });

    const wrong = checkInvariants({
      unitsPutIn: new Map([...unitsPutIn, [calm.id, 50]]),
      ...snapshot,
      acknowledged: [...acknowledged, 'o_never'],
    });
    expect(wrong.violations).toEqual([
      { kind: 'stock-mismatch', productId: calm.id, stock: 54, held: 1, putIn: 50 },
      { kind: 'lost-order', orderId: 'o_never' },
    ]);
  });
});
