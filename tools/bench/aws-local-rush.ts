import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { fmt, mapWithConcurrency, percentile } from './stats';

/**
 * A flash sale through `npm run start:aws-local` (not a test): every buyer at once for one
 * product, then the wait until the stream relay, the SQS poller and the worker handler have
 * processed every order. Placement → PROCESSED is the order's own `processedAt − createdAt`
 * (one clock, the shop's). DynamoDB Local and fauxqs are single-node stand-ins, so the figures
 * say nothing about the cloud; the oversold count is what matters.
 *
 *   npm run bench:aws-local-rush -- --buyers 400 --stock 50
 */
const { values } = parseArgs({
  options: {
    buyers: { type: 'string', default: '400' },
    stock: { type: 'string', default: '50' },
    shards: { type: 'string', default: '1' },
    'settle-timeout-s': { type: 'string', default: '300' },
  },
});
const BUYERS = Number(values.buyers);
const STOCK = Number(values.stock);
const SETTLE_TIMEOUT_MS = Number(values['settle-timeout-s']) * 1000;

type OrderBody = {
  id: string;
  status: string;
  createdAt: string;
  processedAt: string | null;
  lines: { productId: string; quantity: number }[];
};

const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-aws-local-'));
const server = await spawnServer({
  entry: 'apps/api/src/main-aws-local.ts',
  env: {
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT: 'off',
    SEED: 'none',
    STOCK_SHARDS: values.shards,
  },
  ownProcessGroup: true,
  timeoutMs: 180_000,
});
try {
  const store = createStoreClient(server.url);
  console.log(
    `\nFlash sale through start:aws-local (${server.url}): ${BUYERS} buyers, ${STOCK} units`,
  );
  const tokens = await mapWithConcurrency(Array.from({ length: BUYERS }), 16, store.newShopper);
  const drop = await store.createProduct({ sku: 'AWS-LOCAL-RUSH', stock: STOCK });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const start = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      const t = performance.now();
      const response = await store.buyNow(token, {
        productId: drop.id,
        quantity: 1,
        key: `aws-rush-${i}`,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }),
  );
  const placedSeconds = (performance.now() - start) / 1000;
  const sold = statuses.get(201) ?? 0;

  // Bounded wait for the pipeline: stream poller → SQS → worker handler.
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let orders: OrderBody[] = [];
  do {
    orders = (await store.allOrders<OrderBody>()).filter((o) =>
      o.lines.some((l) => l.productId === drop.id),
    );
    if (orders.length >= sold && orders.every((o) => o.status !== 'PENDING')) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while (Date.now() < deadline);
  const settledSeconds = (performance.now() - start) / 1000;

  const left = (await store.json<{ stock: number }>(store.request(`/products/${drop.id}`))).stock;
  const held = orders
    .flatMap((o) => o.lines)
    .filter((l) => l.productId === drop.id)
    .reduce((sum, l) => sum + l.quantity, 0);
  const processed = orders.filter((o) => o.status === 'PROCESSED' && o.processedAt);
  const pipeline = processed.map((o) => Date.parse(o.processedAt ?? '') - Date.parse(o.createdAt));
  const byStatus = Object.fromEntries(
    [...new Set(orders.map((o) => o.status))].map((s) => [
      s,
      orders.filter((o) => o.status === s).length,
    ]),
  );
  console.log(
    `  ${sold} sold, ${statuses.get(409) ?? 0} refused, ` +
      `other ${JSON.stringify(Object.fromEntries([...statuses].filter(([s]) => s !== 201 && s !== 409)))}, ` +
      `stock left ${left}, units in orders ${held}, oversold ${Math.max(0, held - STOCK)}`,
  );
  console.log(
    `  placement: ${fmt(placedSeconds, 2)} s for all answers; ` +
      `p50 ${fmt(percentile(latencies, 50), 0)} ms, p99 ${fmt(percentile(latencies, 99), 0)} ms`,
  );
  console.log(
    `  orders ${JSON.stringify(byStatus)} after ${fmt(settledSeconds, 1)} s; ` +
      `placement → PROCESSED p50 ${fmt(percentile(pipeline, 50), 0)} ms, ` +
      `p99 ${fmt(percentile(pipeline, 99), 0)} ms, max ${fmt(Math.max(0, ...pipeline), 0)} ms`,
  );
  if (orders.some((o) => o.status === 'PENDING'))
    console.log(`  NOT SETTLED within ${values['settle-timeout-s']} s`);
} finally {
  // SIGTERM to the whole group (start:aws-local and its stand-ins), as Ctrl-C would.
  if (server.child.pid && server.child.exitCode === null) {
    process.kill(-server.child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (server.child.pid) process.kill(-server.child.pid, 'SIGKILL');
    }, 15_000);
    await server.exited;
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
