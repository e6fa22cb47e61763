import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnServer } from '../testing/spawn-server';
import { fmt, mapWithConcurrency, percentile } from './stats';

/**
 * Worker benchmark (not a test): a burst of orders through the real server, then how fast the
 * in-process worker takes them to PROCESSED (payment, invoice file, MIME email, status).
 * Placement and processing rates are measured side by side in the same run, so the ratio says
 * whether the worker keeps up with a rush on this machine, however noisy the machine is.
 *
 *   npm run bench:worker -- --orders 1000 --clients 50
 */
const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
  },
});
const ORDERS = Number(values.orders);
const CLIENTS = Number(values.clients);
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SHIPPING = {
  name: 'Ana Lima',
  line1: '1 Market St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-worker-'));
const server = await spawnServer({
  env: {
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    RATE_LIMIT: 'off',
    SEED: 'none',
    WORKER_CONCURRENCY: values.concurrency!,
  },
});
const call = async (path: string, init: RequestInit = {}, token = ADMIN_TOKEN) => {
  const response = await fetch(`${server.url}/api${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...init.headers,
    },
  });
  if (!response.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`,
    );
  return response.json() as Promise<Record<string, unknown>>;
};

try {
  const product = await call('/admin/products', {
    method: 'POST',
    body: JSON.stringify({
      sku: 'BENCH-1',
      name: 'Benchmark item',
      description: 'Bought a thousand times a second.',
      category: 'bench',
      priceCents: 1999,
      stock: ORDERS * 2,
      imageUrl: '/images/products/bench.svg',
    }),
  });
  const tokens = await mapWithConcurrency(Array.from({ length: CLIENTS }), CLIENTS, async () =>
    String((await call('/session', { method: 'POST' })).token),
  );

  const burstStart = performance.now();
  await mapWithConcurrency(Array.from({ length: ORDERS }), CLIENTS, (_, i) =>
    call(
      '/checkout',
      {
        method: 'POST',
        headers: { 'idempotency-key': `bench-${i}` },
        body: JSON.stringify({
          productId: product.id,
          quantity: 1,
          email: 'bench@example.com',
          shipping: SHIPPING,
        }),
      },
      tokens[i % CLIENTS],
    ),
  );
  const placedMs = performance.now() - burstStart;

  type Order = { status: string; createdAt: string; processedAt: string | null };
  const allOrders = async () => {
    const orders: Order[] = [];
    let cursor: string | null = null;
    do {
      const page = (await call(
        `/admin/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      )) as unknown as {
        items: Order[];
        nextCursor: string | null;
      };
      orders.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return orders;
  };
  let orders = await allOrders();
  for (let i = 0; i < 600 && orders.some((o) => o.status !== 'PROCESSED'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    orders = await allOrders();
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
    `\nWorker benchmark: ${ORDERS} orders, ${CLIENTS} concurrent clients, worker concurrency ${values.concurrency}`,
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
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
