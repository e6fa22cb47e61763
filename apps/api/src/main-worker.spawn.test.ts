import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '@sellout/tools/testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '@sellout/tools/testing/store-client';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

describe('npm run worker: the order worker as its own process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-worker-'));
  const env = { DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, SEED: 'none' };
  const processes: SpawnedServer[] = [];
  afterAll(() => {
    for (const p of processes) p.child.kill('SIGKILL');
  });

  it('processes the orders a server with WORKER=off stored, relays live updates, and stops on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const server = await spawnServer({ env: { ...env, WORKER: 'off' } });
    processes.push(server);
    const store = createStoreClient(server.url);
    const product = await store.createProduct({ sku: 'WORKER-1', stock: 10 });
    const token = await store.newShopper();
    const orderIds: string[] = [];
    for (const [i, paymentToken] of ['tok_visa', 'tok_visa', 'tok_declined'].entries()) {
      const placed = await store.json<{ orderId: string }>(
        store.buyNow(token, { productId: product.id, quantity: 1, key: `w-${i}`, paymentToken }),
      );
      orderIds.push(placed.orderId);
    }
    const statuses = () =>
      Promise.all(
        orderIds.map(
          async (id) =>
            (await store.json<{ status: string }>(store.request(`/orders/${id}`, {}, token)))
              .status,
        ),
      );
    // The server alone does not process them: its worker is off.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statuses()).toEqual(['PENDING', 'PENDING', 'PENDING']);

    // A shopper watching live: the worker's updates reach the server's sockets via the database.
    const live = new WebSocket(`${server.url.replace('http', 'ws')}/api/live?token=${token}`);
    const messages: { type: string; orderId?: string; status?: string }[] = [];
    live.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => live.once('open', resolve).once('error', reject));

    const worker = await spawnServer({
      entry: 'apps/api/src/main-worker.ts',
      env: { ...env, LOG_LEVEL: 'info' },
      readyWhen: (output) => output.includes('order worker started'),
    });
    processes.push(worker);
    await expect
      .poll(statuses, { timeout: 30_000, interval: 200 })
      .toEqual(['PROCESSED', 'PROCESSED', 'CANCELLED']);
    expect(
      (await store.json<{ stock: number }>(store.request(`/products/${product.id}`))).stock,
    ).toBe(8);
    expect(readdirSync(join(dataDir, 'mail')).sort()).toEqual(
      [
        `${orderIds[0]}.confirmation.eml`,
        `${orderIds[1]}.confirmation.eml`,
        `${orderIds[2]}.declined.eml`,
      ].sort(),
    );
    expect(worker.output()).toMatch(/"step":"payment","outcome":"approved"/);
    await expect
      .poll(
        () =>
          messages
            .filter((m) => m.type === 'order')
            .map((m) => `${m.orderId} ${m.status}`)
            .sort(),
        {
          timeout: 10_000,
        },
      )
      .toEqual(
        [`${orderIds[0]} PROCESSED`, `${orderIds[1]} PROCESSED`, `${orderIds[2]} CANCELLED`].sort(),
      );
    expect(messages).toContainEqual(
      expect.objectContaining({ type: 'stock', productId: product.id, stock: 8 }),
    );
    live.close();

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
