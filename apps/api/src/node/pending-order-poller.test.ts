import type { OrderDelivery } from '@sellout/core/orders/handle-delivery';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { placeCommand } from '@sellout/core/testing/checkout-rules.contract';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { createInMemoryStore } from '@sellout/core/testing/in-memory-store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPendingOrderPoller } from './pending-order-poller';

const quiet = { info: () => {}, warn: () => {} };
const fastRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 };

const setup = async (orderCount: number) => {
  const store = createInMemoryStore();
  const clock = createFakeClock();
  const product = aProduct({ stock: 100 });
  await store.catalog.create(product);
  const orders = [];
  for (let i = 0; i < orderCount; i++) {
    const order = anOrder(`u_${i}`, [{ productId: product.id, quantity: 1 }]);
    await store.orders.place(placeCommand({ order }));
    orders.push(order);
  }
  return { store, clock, orders };
};

describe('pending order poller', () => {
  let stop: () => Promise<void> = async () => {};
  afterEach(() => stop());

  it('delivers each PENDING order once and leaves it alone once processed', async () => {
    const { store, clock, orders } = await setup(3);
    const deliveries: OrderDelivery[] = [];
    const poller = createPendingOrderPoller({
      orders: store.orders,
      handle: async (delivery) => {
        deliveries.push(delivery);
        await store.orders.markProcessed(delivery.orderId, {
          processedAt: clock.now().toISOString(),
          invoiceKey: `invoices/${delivery.orderId}.txt`,
        });
        return 'processed';
      },
      log: quiet,
      clock,
      pollIntervalMs: 5,
      retry: fastRetry,
    });
    stop = poller.stop;
    poller.start();
    await vi.waitFor(() => expect(deliveries).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries.map((d) => d.orderId).sort()).toEqual(orders.map((o) => o.id).sort());
    expect(deliveries.every((d) => d.attempt === 1 && !d.lastAttempt)).toBe(true);
  });

  it('retries a failing order with growing attempts, flags the last, then stops; resend starts over', async () => {
    const { store, clock, orders } = await setup(1);
    const attempts: OrderDelivery[] = [];
    const poller = createPendingOrderPoller({
      orders: store.orders,
      handle: async (delivery) => {
        attempts.push(delivery);
        if (delivery.lastAttempt) {
          await store.orders.markStuck(delivery.orderId, clock.now().toISOString(), 'Gave up');
        }
        throw new Error('gateway down');
      },
      log: quiet,
      clock,
      pollIntervalMs: 5,
      retry: fastRetry,
    });
    stop = poller.stop;
    poller.start();
    await vi.waitFor(() => expect(attempts).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attempts.map((a) => [a.attempt, a.lastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    // The admin's retry: sent again, the mark cleared, and a fresh set of attempts.
    poller.resend(orders[0]!.id);
    await store.orders.clearStuck(orders[0]!.id);
    await vi.waitFor(() => expect(attempts.length).toBeGreaterThanOrEqual(4));
    expect(attempts[3]).toMatchObject({ attempt: 1, lastAttempt: false });
  });

  it('processes at most `concurrency` orders at once', async () => {
    const { store, clock } = await setup(6);
    let running = 0;
    let most = 0;
    let done = 0;
    const poller = createPendingOrderPoller({
      orders: store.orders,
      handle: async (delivery) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await store.orders.markProcessed(delivery.orderId, {
          processedAt: clock.now().toISOString(),
          invoiceKey: 'k',
        });
        running -= 1;
        done += 1;
        return 'processed';
      },
      log: quiet,
      clock,
      concurrency: 2,
      pollIntervalMs: 5,
    });
    stop = poller.stop;
    poller.start();
    await vi.waitFor(() => expect(done).toBe(6));
    expect(most).toBe(2);
  });
});
