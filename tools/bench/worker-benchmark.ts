import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { fmt, mapWithConcurrency, percentile } from './stats';

/**
 * Worker benchmark (not a test): a burst of orders through the real server, then how fast the
 * in-process worker takes them to PROCESSED (payment, invoice file, MIME email, status).
 * Placement and processing rates are measured side by side in the same run, so the ratio says
 * whether the worker keeps up with a rush on this machine, however noisy the machine is.
 *
 *   npm run bench:worker -- --orders 1000 --clients 50 [--concurrency 32] [--split]
 */
const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '50' },
    /** WORKER_CONCURRENCY; the shop's own default when not given. */
    concurrency: { type: 'string' },
    /** Run the worker as its own process (`npm run worker`) instead of inside the server. */
    split: { type: 'boolean', default: false },
  },
});
const ORDERS = Number(values.orders);
const concurrency: Record<string, string> = values.concurrency
  ? { WORKER_CONCURRENCY: values.concurrency }
  : {};
const CLIENTS = Number(values.clients);

const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-worker-'));
const server = await spawnServer({
  env: {
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT: 'off',
    SEED: 'none',
    ...concurrency,
    WORKER: values.split ? 'off' : 'inline',
  },
});
const worker = values.split
  ? await spawnServer({
      entry: 'apps/api/src/main-worker.ts',
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...concurrency },
      readyWhen: (output) => output.includes('order worker started'),
    })
  : null;
const store = createStoreClient(server.url);

try {
  const product = await store.createProduct({ sku: 'BENCH-1', stock: ORDERS * 2 });
  const tokens = await mapWithConcurrency(
    Array.from({ length: CLIENTS }),
    CLIENTS,
    store.newShopper,
  );

  const burstStart = performance.now();
  await mapWithConcurrency(Array.from({ length: ORDERS }), CLIENTS, (_, i) =>
    store.json(
      store.buyNow(tokens[i % CLIENTS]!, { productId: product.id, quantity: 1, key: `bench-${i}` }),
    ),
  );
  const placedMs = performance.now() - burstStart;

  type Order = { status: string; createdAt: string; processedAt: string | null };
  let orders = await store.allOrders<Order>();
  for (let i = 0; i < 600 && orders.some((o) => o.status !== 'PROCESSED'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    orders = await store.allOrders<Order>();
  }
  const processed = orders.filter((o) => o.processedAt);
  if (processed.length !== ORDERS)
    throw new Error(`only ${processed.length} of ${ORDERS} orders were processed`);

  const created = processed.map((o) => Date.parse(o.createdAt));
  const done = processed.map((o) => Date.parse(o.processedAt!));
  const latencies = processed.map((_, i) => done[i]! - created[i]!);
  const processingSeconds = (Math.max(...done) - Math.min(...created)) / 1000;
  const placementRate = ORDERS / (placedMs / 1000);
  const processingRate = ORDERS / processingSeconds;

  console.log(
    `\nWorker benchmark: ${ORDERS} orders, ${CLIENTS} concurrent clients, worker concurrency ${values.concurrency ?? 'default'}, worker ${values.split ? 'in its own process' : 'inside the server'}`,
  );
  console.log(
    `  placed (HTTP 201)        ${fmt(placementRate)} orders/s  (${fmt(placedMs / 1000, 2)} s)`,
  );
  console.log(
    `  processed (→ PROCESSED)  ${fmt(processingRate)} orders/s  (${fmt(processingSeconds, 2)} s from first placement to last PROCESSED)`,
  );
  console.log(
    `  placement → PROCESSED    p50 ${percentile(latencies, 50)} ms   p99 ${percentile(latencies, 99)} ms   max ${Math.max(...latencies)} ms`,
  );
  console.log(
    `  ratio processed/placed   ${fmt(processingRate / placementRate, 2)}  (≥ 1: the worker keeps up with the rush)\n`,
  );
} finally {
  await worker?.stop();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
