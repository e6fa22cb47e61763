import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeliveryDeps, handleOrderDelivery } from '@sellout/core/orders/handle-delivery';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '@sellout/core/orders/redelivery-policy';
import { createSimulatedPaymentGateway } from '@sellout/core/payments/simulated-payment-gateway';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { createFakeClock, createRecordingLiveUpdates } from '@sellout/core/testing/fake-system';
import {
  createInMemoryBlobStore,
  createRecordingMailer,
} from '@sellout/core/testing/in-memory-side-effects';
import { CONTRACT_STORE_OPTIONS } from '@sellout/core/testing/store-factory';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../sqlite/sqlite-store';
import { createOutboxWorker, type WorkerLog } from './outbox-worker';

const opened: SqliteStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const quietLog = (): WorkerLog & { lines: { fields: object; message: string }[] } => {
  const lines: { fields: object; message: string }[] = [];
  const record = (fields: object, message: string) => void lines.push({ fields, message });
  return { lines, info: record, warn: record, error: record };
};

const setup = async (paymentTokens: string[]) => {
  const clock = createFakeClock();
  const store = createSqliteStore({
    file: join(mkdtempSync(join(tmpdir(), 'sellout-worker-')), 'db.sqlite'),
    clock,
    ...CONTRACT_STORE_OPTIONS,
  });
  opened.push(store);
  const product = aProduct({ stock: 100 });
  await store.catalog.create(product);
  const orders = [];
  for (const paymentToken of paymentTokens) {
    const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], { paymentToken });
    await store.orders.place({
      order,
      idempotency: null,
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });
    orders.push(order);
  }
  const mailer = createRecordingMailer();
  const blobs = createInMemoryBlobStore();
  const deps: DeliveryDeps = {
    orders: store.orders,
    payments: createSimulatedPaymentGateway(),
    blobs,
    mailer,
    live: createRecordingLiveUpdates(),
    clock,
    shop: { name: 'Sellout' },
    ownerEmail: 'owner@shop.example',
  };
  const log = quietLog();
  const worker = createOutboxWorker({
    queue: store.outbox,
    handle: (delivery) => handleOrderDelivery(deps, delivery),
    log,
    random: () => 0.5,
  });
  return { clock, store, orders, worker, mailer, blobs, log, deps };
};

describe('outbox worker', () => {
  it('processes every placed order once and acknowledges it', async () => {
    const { store, orders, worker, mailer, clock } = await setup([
      'tok_visa',
      'tok_declined',
      'tok_visa',
    ]);
    expect(await worker.runOnce()).toBe(3);
    expect((await store.orders.get(orders[0]!.id))?.status).toBe('PROCESSED');
    expect((await store.orders.get(orders[1]!.id))?.status).toBe('CANCELLED');
    expect(mailer.sent.size).toBe(3);
    clock.advance(10 * 60_000);
    expect(await worker.runOnce()).toBe(0);
  });

  it('retries a gateway error with growing, jittered delays, keeps the order PENDING, then dead-letters it', async () => {
    const { store, orders, worker, clock, log, mailer } = await setup(['tok_error']);
    const id = orders[0]!.id;
    for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt++) {
      expect(await worker.runOnce()).toBe(1);
      expect((await store.orders.get(id))?.status).toBe('PENDING');
      const delay = retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => 0.5);
      clock.advance(delay - 1);
      expect(await worker.runOnce()).toBe(0);
      clock.advance(1);
    }
    expect((await store.orders.get(id))?.stuckAt).toBeNull();
    expect(await worker.runOnce()).toBe(1);
    clock.advance(24 * 60 * 60_000);
    expect(await worker.runOnce()).toBe(0);
    expect(await store.orders.get(id)).toMatchObject({
      status: 'PENDING',
      stuckAt: expect.any(String),
    });
    expect([...mailer.sent.keys()]).toEqual([`${id}.stuck-alert`]);

    const retries = log.lines.filter((l) => l.message === 'order failed; will retry');
    expect(retries.map((l) => (l.fields as { delayMs: number }).delayMs)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((attempt) =>
        retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => 0.5),
      ),
    );
    expect(retries.map((l) => (l.fields as { attempt: number }).attempt)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);

    expect(await store.outbox.requeue(id)).toBe(true);
    expect(await worker.runOnce()).toBe(1);
    expect(log.lines.at(-1)?.fields).toMatchObject({ orderId: id, attempt: 1, outcome: 'retry' });
  });

  it('tells the handler which delivery is the last one', async () => {
    const { store, log } = await setup(['tok_error']);
    const seen: { attempt: number; lastAttempt: boolean }[] = [];
    const worker = createOutboxWorker({
      queue: store.outbox,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      log,
      handle: async ({ attempt, lastAttempt }) => {
        seen.push({ attempt, lastAttempt });
        throw new Error('gateway down');
      },
    });
    await worker.runOnce();
    await worker.runOnce();
    expect(await worker.runOnce()).toBe(0);
    expect(seen).toEqual([
      { attempt: 1, lastAttempt: false },
      { attempt: 2, lastAttempt: true },
    ]);
  });

  it('does not bury an order whose delivery another worker has since re-claimed', async () => {
    const { store, orders, clock, log } = await setup(['tok_error']);
    let reclaim = () => {};
    const slowWorker = createOutboxWorker({
      queue: store.outbox,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      log,
      handle: async () => {
        // While this worker is stuck, its lease runs out and another worker takes the order.
        clock.advance(30_000);
        reclaim();
        throw new Error('gateway down');
      },
    });
    let fresh: Awaited<ReturnType<typeof store.outbox.claimDue>> = [];
    reclaim = () => {
      void store.outbox.claimDue(10, 30_000).then((claimed) => {
        fresh = claimed;
      });
    };
    expect(await slowWorker.runOnce()).toBe(1);
    expect(fresh).toMatchObject([{ orderId: orders[0]!.id, attempt: 2 }]);
    // The newer delivery is still the current one: it can be retried, not found buried.
    await store.outbox.retryLater(fresh[0]!, 0, 'still down');
    expect(await store.outbox.claimDue(10, 30_000)).toMatchObject([
      { orderId: orders[0]!.id, attempt: 3 },
    ]);
  });

  it('redelivers an order whose worker died mid-way once the visibility timeout passes', async () => {
    const { store, orders, worker, clock, mailer } = await setup(['tok_visa']);
    const claimed = await store.outbox.claimDue(10, 30_000);
    expect(claimed).toHaveLength(1);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(30_000);
    expect(await worker.runOnce()).toBe(1);
    expect((await store.orders.get(orders[0]!.id))?.status).toBe('PROCESSED');
    expect(mailer.sent.size).toBe(1);
  });

  it('never runs more orders at once than its concurrency', async () => {
    const { store } = await setup(Array.from({ length: 12 }, () => 'tok_visa'));
    let running = 0;
    let peak = 0;
    let handled = 0;
    const worker = createOutboxWorker({
      queue: store.outbox,
      concurrency: 3,
      pollIntervalMs: 5,
      log: quietLog(),
      handle: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        handled++;
        return 'processed';
      },
    });
    worker.start();
    for (let i = 0; i < 400 && handled < 12; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(peak).toBe(3);
    expect(handled).toBe(12);
    expect(await store.outbox.claimDue(100, 30_000)).toEqual([]);
  });
  it("gives an order's slot to the next order while its acknowledgement is still on its way", async () => {
    const { store, orders, deps } = await setup(['tok_visa', 'tok_visa']);
    const held: (() => void)[] = [];
    const worker = createOutboxWorker({
      // Every ack waits until the test lets it through, like a commit behind a slow disk.
      queue: {
        ...store.outbox,
        ack: (message) =>
          new Promise<void>((resolve) => held.push(resolve)).then(() => store.outbox.ack(message)),
      },
      concurrency: 1,
      pollIntervalMs: 5,
      log: quietLog(),
      handle: (delivery) => handleOrderDelivery(deps, delivery),
    });
    worker.start();
    for (let i = 0; i < 200 && held.length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    // Both orders are processed, one at a time, though neither ack has been committed.
    for (const order of orders)
      expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
    for (const release of held) release();
    await worker.stop();
    expect(await store.outbox.claimDue(100, 30_000)).toEqual([]);
  });

  it('redelivers an order whose ack was lost after its status committed, without a second email', async () => {
    const { store, orders, deps, mailer, blobs, clock } = await setup(['tok_visa']);
    const log = quietLog();
    // The process dies between the order's PROCESSED commit and the ack's.
    const crashing = createOutboxWorker({
      queue: { ...store.outbox, ack: async () => Promise.reject(new Error('killed')) },
      log,
      handle: (delivery) => handleOrderDelivery(deps, delivery),
    });
    expect(await crashing.runOnce()).toBe(1);
    expect(log.lines.map((line) => line.message)).toContain('could not settle message');
    expect((await store.orders.get(orders[0]!.id))?.status).toBe('PROCESSED');

    // The redelivery sends nothing and writes nothing: not even an attempt the mailer dedupes.
    const sideEffects: string[] = [];
    const restarted = createOutboxWorker({
      queue: store.outbox,
      log: quietLog(),
      handle: (delivery) =>
        handleOrderDelivery(
          {
            ...deps,
            mailer: {
              send: (...args) => {
                sideEffects.push('email');
                return mailer.send(...args);
              },
            },
            blobs: {
              ...blobs,
              put: (...args) => {
                sideEffects.push('invoice');
                return blobs.put(...args);
              },
            },
          },
          delivery,
        ),
    });
    expect(await restarted.runOnce()).toBe(0);
    clock.advance(30_000);
    expect(await restarted.runOnce()).toBe(1);
    expect(await restarted.runOnce()).toBe(0);
    expect(sideEffects).toEqual([]);
    expect(mailer.sent.size).toBe(1);
  });
});
