import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnServer } from '../testing/spawn-server';
import { createStoreClient, TEST_ADMIN_TOKEN } from '../testing/store-client';
import { fmt, mapWithConcurrency, percentile } from './stats';

/**
 * Checkout benchmark (not a test): buy-now checkouts against the real server, and in the same
 * run the same client against a bare node:http server (its own process too) answering a small
 * JSON body, so the ratio
 * says how much of the machine's HTTP capacity a durable, never-overselling checkout keeps.
 * Then a flash sale: many buyers for few units, checked for oversell.
 *
 *   npm run bench:checkout -- --requests 3000 --clients 32
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    clients: { type: 'string', default: '32' },
  },
});
const REQUESTS = Number(values.requests);
const CLIENTS = Number(values.clients);

/** Runs `count` requests with `CLIENTS` in flight; answers rate and latency percentiles. */
const load = async (count: number, send: (i: number) => Promise<Response>) => {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const start = performance.now();
  await mapWithConcurrency(Array.from({ length: count }), CLIENTS, async (_, i) => {
    const t = performance.now();
    const response = await send(i);
    await response.arrayBuffer();
    latencies.push(performance.now() - t);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  });
  const seconds = (performance.now() - start) / 1000;
  return {
    rate: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
};

const bare = await spawnServer({ entry: 'tools/bench/bare-http-server.ts', env: {} });
const bareUrl = `${bare.url}/api/checkout`;

const dataDir = mkdtempSync(join(tmpdir(), 'sellout-bench-checkout-'));
const server = await spawnServer({
  env: { DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, RATE_LIMIT: 'off', SEED: 'none' },
});
const store = createStoreClient(server.url);
const buy = (productId: string, token: string, key: string) =>
  store.buyNow(token, { productId, quantity: 1, key });
const postToBare = () => fetch(bareUrl, { method: 'POST', body: '{}' });

try {
  const tokens = await mapWithConcurrency(Array.from({ length: 500 }), 16, store.newShopper);
  const plenty = await store.createProduct({ sku: 'BENCH-PLENTY', stock: REQUESTS * 2 });
  // Warm both servers up (JIT, connection pools) before measuring.
  await load(200, postToBare);
  await load(200, (i) => buy(plenty.id, tokens[i % tokens.length]!, `warm-${i}`));

  const baseline = await load(REQUESTS, postToBare);
  const sellout = await load(REQUESTS, (i) =>
    buy(plenty.id, tokens[i % tokens.length]!, `bench-${i}`),
  );

  const drop = await store.createProduct({ sku: 'BENCH-DROP', stock: 50 });
  const rush = await load(500, (i) => buy(drop.id, tokens[i]!, `drop-${i}`));
  const left = (await store.json<{ stock: number }>(store.request(`/products/${drop.id}`))).stock;
  const sold = rush.statuses.get(201) ?? 0;

  console.log(
    `\nCheckout benchmark: ${REQUESTS} requests, ${CLIENTS} concurrent clients, on ${server.url}`,
  );
  console.log(
    `  bare node:http (201 JSON)   ${fmt(baseline.rate)} req/s   p50 ${fmt(baseline.p50, 2)} ms   p99 ${fmt(baseline.p99, 2)} ms`,
  );
  console.log(
    `  POST /api/checkout          ${fmt(sellout.rate)} req/s   p50 ${fmt(sellout.p50, 2)} ms   p99 ${fmt(sellout.p99, 2)} ms   ${JSON.stringify(Object.fromEntries(sellout.statuses))}`,
  );
  console.log(`  ratio checkout/bare         ${fmt(sellout.rate / baseline.rate, 3)}`);
  console.log(
    `  flash sale: 500 buyers, 50 units → ${sold} sold, ${rush.statuses.get(409) ?? 0} refused, stock left ${left} (${sold + left === 50 && left >= 0 ? 'no oversell' : 'OVERSOLD'})\n`,
  );
} finally {
  await server.stop();
  await bare.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
