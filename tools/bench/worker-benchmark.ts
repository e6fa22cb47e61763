import { parseArgs } from 'node:util';
import { fmt } from './stats';
import { runWorkerBurst } from './worker-burst';

/**
 * Worker benchmark (not a test): a burst of orders through the real server, then how fast the
 * order worker takes them to PROCESSED (payment, invoice file, MIME email, status). Placement
 * and processing rates are measured side by side in the same run, so the ratio says whether the
 * worker keeps up with a rush on this machine, however noisy the machine is. `npm run bench`
 * ends with the same burst.
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

const burst = await runWorkerBurst({
  orders: Number(values.orders),
  clients: Number(values.clients),
  concurrency: values.concurrency,
  split: values.split,
});
console.log(
  `\nWorker benchmark: ${burst.orders} orders, ${burst.clients} concurrent clients, worker concurrency ${burst.concurrency ?? 'default'}, worker ${burst.split ? 'in its own process' : 'inside the server'}`,
);
console.log(
  `  placed (HTTP 201)        ${fmt(burst.placedRate)} orders/s  (${fmt(burst.placedSeconds, 2)} s)`,
);
console.log(
  `  processed (→ PROCESSED)  ${fmt(burst.processedRate)} orders/s  (${fmt(burst.processingSeconds, 2)} s from first placement to last PROCESSED)`,
);
console.log(
  `  placement → PROCESSED    p50 ${burst.latencyMs.p50} ms   p99 ${burst.latencyMs.p99} ms   max ${burst.latencyMs.max} ms`,
);
console.log(
  `  ratio processed/placed   ${fmt(burst.ratio, 2)}  (≥ 1: the worker keeps up with the rush)\n`,
);
