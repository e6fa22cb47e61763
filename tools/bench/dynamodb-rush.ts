import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { deleteTables } from '@sellout/adapter-aws/dynamodb/create-tables';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { startDynamoDbLocal } from '@sellout/adapter-aws/dynamodb/dynamodb-local';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { fmt, mapWithConcurrency, percentile } from './stats';

/**
 * A flash sale on DynamoDB Local through HTTP (not a test): the real server (`STORE=dynamodb`,
 * order worker in process) on a fresh DynamoDB Local, all buyers at once for one product, once
 * per shard count. Correctness figures — DynamoDB Local is a slow single-node stand-in, so the
 * rates say nothing about the cloud.
 *
 *   npm run bench:dynamodb-rush -- --buyers 400 --stock 50 --shards 1,8
 */
const { values } = parseArgs({
  options: {
    buyers: { type: 'string', default: '400' },
    stock: { type: 'string', default: '50' },
    shards: { type: 'string', default: '1,8' },
  },
});
const BUYERS = Number(values.buyers);
const STOCK = Number(values.stock);
const SHARD_COUNTS = values.shards.split(',').map(Number);

type OrderBody = { id: string; lines: { productId: string; quantity: number }[] };

const local = await startDynamoDbLocal();
const client = createDynamoDbClient({
  region: 'us-east-1',
  endpoint: local.endpoint,
  credentials: LOCAL_CREDENTIALS,
});
try {
  console.log(
    `\nFlash sale on DynamoDB Local (${local.endpoint}): ${BUYERS} buyers, ${STOCK} units`,
  );
  for (const shards of SHARD_COUNTS) {
    const prefix = `rush-${shards}-`;
    const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-dynamo-'));
    const server = await spawnServer({
      env: {
        STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: local.endpoint,
        TABLE_PREFIX: prefix,
        STOCK_SHARDS: String(shards),
        DATA_DIR: dataDir,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        RATE_LIMIT: 'off',
        SEED: 'none',
      },
      timeoutMs: 60_000,
    });
    try {
      const store = createStoreClient(server.url);
      const tokens = await mapWithConcurrency(Array.from({ length: BUYERS }), 16, store.newShopper);
      const drop = await store.createProduct({ sku: `RUSH-${shards}`, stock: STOCK });
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const start = performance.now();
      // Every buyer at once: the rush, not a steady load.
      await Promise.all(
        tokens.map(async (token, i) => {
          const t = performance.now();
          const response = await store.buyNow(token, {
            productId: drop.id,
            quantity: 1,
            key: `rush-${i}`,
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const left = (await store.json<{ stock: number }>(store.request(`/products/${drop.id}`)))
        .stock;
      const held = (await store.allOrders<OrderBody>())
        .flatMap((o) => o.lines)
        .filter((l) => l.productId === drop.id)
        .reduce((sum, l) => sum + l.quantity, 0);
      const sold = statuses.get(201) ?? 0;
      console.log(
        `  STOCK_SHARDS=${shards}: ${sold} sold, ${statuses.get(409) ?? 0} refused, ` +
          `other ${JSON.stringify(Object.fromEntries([...statuses].filter(([s]) => s !== 201 && s !== 409)))}, ` +
          `stock left ${left}, units in orders ${held}, oversold ${Math.max(0, held - STOCK)}`,
      );
      console.log(
        `    ${fmt(sold / seconds)} orders/s, ${fmt(BUYERS / seconds)} answers/s over ${fmt(seconds, 2)} s; ` +
          `p50 ${fmt(percentile(latencies, 50), 0)} ms, p99 ${fmt(percentile(latencies, 99), 0)} ms`,
      );
    } finally {
      await server.stop();
      await deleteTables(client, tableNames(prefix));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  client.destroy();
  await local.stop();
}
