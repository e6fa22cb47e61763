import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SpawnedServer, spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { mapWithConcurrency, percentile } from './stats';

/** A burst of orders and how the order worker followed it. */
export type WorkerBurst = {
  orders: number;
  clients: number;
  /** WORKER_CONCURRENCY, or null for the shop's default. */
  concurrency: string | null;
  split: boolean;
  placedSeconds: number;
  placedRate: number;
  /** From the first order's placement to the last one's PROCESSED. */
  processingSeconds: number;
  processedRate: number;
  /** ≥ 1: the worker kept up with the burst. */
  ratio: number;
  latencyMs: { p50: number; p99: number; max: number };
};

/**
 * Places `orders` buy-now orders through a fresh server as fast as `clients` concurrent clients
 * can, then waits until every one is PROCESSED (payment, invoice file, MIME email, status) and
 * measures placement and processing side by side, so the ratio says whether the worker keeps up
 * with a rush whatever the machine's noise. The server runs as `npm start` does (the worker in
 * process) or, with `split`, beside `npm run worker`.
 */
export const runWorkerBurst = async (options: {
  orders: number;
  clients: number;
  concurrency?: string;
  split?: boolean;
  /** Pin the server (and the separate worker) to this core. */
  cpu?: number;
}): Promise<WorkerBurst> => {
  const { orders: count, clients } = options;
  const split = options.split === true;
  const workerEnv: Record<string, string> = options.concurrency
    ? { WORKER_CONCURRENCY: options.concurrency }
    : {};
  const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-worker-'));
  const started: SpawnedServer[] = [];
  try {
    const server = await spawnServer({
      cpu: options.cpu,
      env: {
        DATA_DIR: dataDir,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        RATE_LIMIT: 'off',
        SEED: 'none',
        WORKER: split ? 'off' : 'inline',
        ...workerEnv,
      },
    });
    started.push(server);
    if (split) {
      started.push(
        await spawnServer({
          entry: 'apps/api/src/main-worker.ts',
          cpu: options.cpu,
          env: { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...workerEnv },
          readyWhen: (output) => output.includes('order worker started'),
        }),
      );
    }
    const store = createStoreClient(server.url);
    const product = await store.createProduct({ sku: 'BENCH-BURST', stock: count * 2 });
    const tokens = await mapWithConcurrency(
      Array.from({ length: clients }),
      clients,
      store.newShopper,
    );

    const burstStart = performance.now();
    await mapWithConcurrency(Array.from({ length: count }), clients, (_, i) =>
      store.json(
        store.buyNow(tokens[i % clients]!, {
          productId: product.id,
          quantity: 1,
          key: `burst-${i}`,
        }),
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
    if (processed.length !== count)
      throw new Error(`only ${processed.length} of ${count} orders were processed`);

    const created = processed.map((o) => Date.parse(o.createdAt));
    const done = processed.map((o) => Date.parse(o.processedAt!));
    const latencies = processed.map((_, i) => done[i]! - created[i]!);
    const processingSeconds = (Math.max(...done) - Math.min(...created)) / 1000;
    const placedRate = count / (placedMs / 1000);
    const processedRate = count / processingSeconds;
    return {
      orders: count,
      clients,
      concurrency: options.concurrency ?? null,
      split,
      placedSeconds: placedMs / 1000,
      placedRate,
      processingSeconds,
      processedRate,
      ratio: processedRate / placedRate,
      latencyMs: {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
      },
    };
  } finally {
    for (const process of started.reverse()) await process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
