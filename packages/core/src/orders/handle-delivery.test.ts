import { describe, expect, it } from 'vitest';
import { createSimulatedPaymentGateway } from '../payments/simulated-payment-gateway';
import { anOrder, aProduct } from '../testing/builders';
import { placeCommand } from '../testing/checkout-rules.contract';
import { createFakeClock, createRecordingLiveUpdates } from '../testing/fake-system';
import { createInMemoryBlobStore, createRecordingMailer } from '../testing/in-memory-side-effects';
import { createInMemoryStore } from '../testing/in-memory-store';
import { type DeliveryDeps, handleOrderDelivery, stuckOrderReason } from './handle-delivery';

const setup = async (paymentToken: string, ownerEmail: string | null = 'owner@shop.example') => {
  const clock = createFakeClock();
  const store = createInMemoryStore();
  const product = aProduct({ stock: 5 });
  await store.catalog.create(product);
  const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], { paymentToken });
  await store.orders.place(placeCommand({ order }));
  const mailer = createRecordingMailer();
  const deps: DeliveryDeps = {
    orders: store.orders,
    payments: createSimulatedPaymentGateway(),
    blobs: createInMemoryBlobStore(),
    mailer,
    live: createRecordingLiveUpdates(),
    clock,
    shop: { name: 'Sellout' },
    ownerEmail,
  };
  return { deps, store, order, mailer, clock };
};

describe('handleOrderDelivery', () => {
  it('processes the order and answers how it ended', async () => {
    const { deps, order, store } = await setup('tok_visa');
    expect(
      await handleOrderDelivery(deps, { orderId: order.id, attempt: 1, lastAttempt: false }),
    ).toBe('processed');
    expect((await store.orders.get(order.id))?.status).toBe('PROCESSED');
  });

  it('throws a failure back for a later delivery, leaving the order as it was', async () => {
    const { deps, order, store, mailer } = await setup('tok_error');
    await expect(
      handleOrderDelivery(deps, { orderId: order.id, attempt: 3, lastAttempt: false }),
    ).rejects.toThrow();
    expect(await store.orders.get(order.id)).toMatchObject({
      status: 'PENDING',
      stuckAt: null,
      failureReason: null,
    });
    expect(mailer.sent.size).toBe(0);
  });

  it('on the last attempt marks the order stuck, tells the owner once, and still throws', async () => {
    const { deps, order, store, mailer, clock } = await setup('tok_error');
    const last = { orderId: order.id, attempt: 8, lastAttempt: true };
    await expect(handleOrderDelivery(deps, last)).rejects.toThrow();
    expect(await store.orders.get(order.id)).toMatchObject({
      status: 'PENDING',
      stuckAt: clock.now().toISOString(),
      failureReason: stuckOrderReason(8),
    });
    expect([...mailer.sent.keys()]).toEqual([`${order.id}.stuck-alert`]);
    const alert = mailer.sent.get(`${order.id}.stuck-alert`)!;
    expect(alert.to).toBe('owner@shop.example');
    expect(alert.text).toContain('PaymentGatewayUnavailableError');
    // A redelivered last attempt (the runtime could not bury the message) alerts nobody again.
    await expect(handleOrderDelivery(deps, last)).rejects.toThrow();
    expect(mailer.sent.size).toBe(1);
  });

  it('marks the order stuck but emails nobody when no owner address is set', async () => {
    const { deps, order, store, mailer } = await setup('tok_error', null);
    await expect(
      handleOrderDelivery(deps, { orderId: order.id, attempt: 8, lastAttempt: true }),
    ).rejects.toThrow();
    expect((await store.orders.get(order.id))?.stuckAt).not.toBeNull();
    expect(mailer.sent.size).toBe(0);
  });
});
