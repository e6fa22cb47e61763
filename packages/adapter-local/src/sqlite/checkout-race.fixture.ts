/**
 * One buyer process for the cross-process race test: opens its own connection to the store
 * file (as `npm start` and `npm run worker` each do), says "ready", waits for "go" on stdin,
 * then tries to buy until told how many attempts, and prints what it got as JSON.
 *
 * Usage: node --import tsx checkout-race.fixture.ts <file> <productId> <attempts> <buyer>
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import { anOrder } from '@sellout/core/testing/builders';
import { createSqliteStore } from './sqlite-store';

const [file, productId, attempts, buyer] = process.argv.slice(2);
if (!file || !productId || !attempts || !buyer)
  throw new Error('usage: <file> <productId> <attempts> <buyer>');

const store = createSqliteStore({ file, clock: systemClock, guestDataTtlMs: 30 * DAY_MS });
const ids = createSystemIds();
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const placed: { orderId: string; quantity: number }[] = [];
let refused = 0;
for (let i = 0; i < Number(attempts); i++) {
  // Checkouts arrive over the network with gaps between them. Back-to-back in a tight loop,
  // one process would re-take the lock before the other's busy handler (sleep and retry, no
  // queue) woke up, and would sell out alone: no race at all.
  await sleep(1);
  const quantity = 1 + (i % 3);
  const order = anOrder(`u_${buyer}_${i}`, [{ productId, quantity }], {
    id: ids.newId('o'),
    number: ids.newOrderNumber(),
  });
  const outcome = await store.orders.place({
    order,
    idempotency: null,
    clearPurchasedFromCart: false,
    customerLimits: [],
    purchases: [],
  });
  if (outcome.kind === 'placed') placed.push({ orderId: order.id, quantity });
  else if (outcome.kind === 'out-of-stock') refused += 1;
  else throw new Error(`unexpected outcome ${outcome.kind}`);
}
store.close();
process.stdout.write(`${JSON.stringify({ placed, refused })}\n`);
process.stdin.destroy();
