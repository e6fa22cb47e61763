import { describe, expect, it } from 'vitest';
import { createSimulatedPaymentGateway } from '../payments/simulated-payment-gateway';
import { anOrder, aProduct } from '../testing/builders';
import { placeCommand } from '../testing/checkout-rules.contract';
import { createFakeClock, createRecordingLiveUpdates } from '../testing/fake-system';
import { createInMemoryBlobStore, createRecordingMailer } from '../testing/in-memory-side-effects';
import { createInMemoryStore } from '../testing/in-memory-store';
import { cancelOrderByShop } from './cancel-order';
import { processOrder } from './process-order';

const setup = async () => {
  const clock = createFakeClock();
  const store = createInMemoryStore();
  const product = aProduct({ stock: 5 });
  await store.catalog.create(product);
  const order = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
  await store.orders.place(placeCommand({ order }));
  const mailer = createRecordingMailer();
  const live = createRecordingLiveUpdates();
  const deps = { orders: store.orders, mailer, live, shop: { name: 'Sellout' } };
  return { deps, store, product, order, mailer, live, clock };
};

describe('cancelOrderByShop', () => {
  it('cancels a PENDING order, releases its stock and emails the shopper why, once', async () => {
    const { deps, store, product, order, mailer, live } = await setup();
    const result = await cancelOrderByShop(deps, order.id, 'We cannot ship to this address.');
    expect(result).toMatchObject({
      ok: true,
      value: {
        status: 'CANCELLED',
        cancelledBy: 'shop',
        failureReason: 'We cannot ship to this address.',
      },
    });
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 5 });
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.cancelled`]);
    expect(mailer.sent.get(`${order.id}.cancelled`)?.text).toContain(
      'We cannot ship to this address.',
    );
    expect(live.events).toContainEqual({
      type: 'order',
      orderId: order.id,
      userId: 'u_1',
      status: 'CANCELLED',
    });
  });

  it('refuses an order that is no longer PENDING and changes nothing', async () => {
    const { deps, store, product, order, mailer } = await setup();
    await store.orders.markProcessed(order.id, { processedAt: order.createdAt, invoiceKey: 'k' });
    expect(await cancelOrderByShop(deps, order.id, 'too late')).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_PENDING', details: { orderId: order.id, status: 'PROCESSED' } },
    });
    expect(await cancelOrderByShop(deps, 'o_nope', 'x')).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await store.catalog.get(product.id)).toMatchObject({ stock: 3 });
    expect(mailer.sent.size).toBe(0);
  });

  it('is refused the second time, and the worker that finds the order sends no other email', async () => {
    const { deps, store, order, mailer, live, clock } = await setup();
    await cancelOrderByShop(deps, order.id, 'Out of stock at the warehouse.');
    expect(await cancelOrderByShop(deps, order.id, 'again')).toMatchObject({
      error: { code: 'ORDER_NOT_PENDING' },
    });
    const processing = {
      orders: store.orders,
      payments: createSimulatedPaymentGateway(),
      blobs: createInMemoryBlobStore(),
      mailer,
      live,
      clock,
      shop: { name: 'Sellout' },
    };
    expect(await processOrder(processing, order.id)).toBe('cancelled');
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.cancelled`]);
  });
});
