// Throwaway: CPU per processed order with the real local runtime (no HTTP).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buyNow } from '@sellout/core/orders/buy-now';
import { aProduct, aShippingAddress } from '@sellout/core/testing/builders';
import { pino } from 'pino';
import { loadConfig } from './config';
import { openLocalRuntime } from './node/local-runtime';
import { buildAppDeps } from './wiring/build-deps';

const N = Number(process.env.N ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'wproc-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, WORKER: 'inline', SEED: 'none' });
const logger = pino(
  { level: config.LOG_LEVEL },
  pino.destination({ dest: '/dev/null', sync: true }),
);
const runtime = openLocalRuntime(config, logger, 'server');
const deps = buildAppDeps({ ...runtime.parts, secrets: runtime.secrets, clientAddress: () => 'x' });
const product = aProduct({ stock: N * 2 });
await deps.catalog.create(product);
const t0 = performance.now();
for (let i = 0; i < N; i += 50) {
  await Promise.all(
    Array.from({ length: 50 }, (_, j) =>
      buyNow(deps, {
        userId: `u_u${(i + j) % 100}`,
        details: {
          productId: product.id,
          quantity: 1,
          email: 'a@example.com',
          shipping: aShippingAddress(),
        },
        idempotency: null,
      }),
    ),
  );
}
const placedMs = performance.now() - t0;
const threads = () =>
  Object.fromEntries(
    readdirSync('/proc/self/task').map((t) => {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [`${t}:${comm}`, (Number(f[11]) + Number(f[12])) * 10];
    }),
  );
const th0 = threads();
const cpu0 = process.cpuUsage();
const t1 = performance.now();
runtime.worker.start();
for (;;) {
  const page = await deps.orders.listAll({ status: 'PENDING', after: null, limit: 1 });
  if (page.items.length === 0) break;
  await new Promise((r) => setTimeout(r, 20));
}
const ms = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
console.log(
  `placed ${N} in ${placedMs.toFixed(0)} ms; processed in ${ms.toFixed(0)} ms = ${(N / (ms / 1000)).toFixed(0)}/s; cpu ${((cpu.user + cpu.system) / N).toFixed(0)} µs/order (user ${(cpu.user / N).toFixed(0)}, sys ${(cpu.system / N).toFixed(0)})`,
);
const th1 = threads();
const byComm: Record<string, number> = {};
for (const [k, v] of Object.entries(th1)) {
  const comm = k;
  byComm[comm] = (byComm[comm] ?? 0) + v - (th0[k] ?? 0);
}
console.log('thread ms', JSON.stringify(byComm));
await runtime.close();
