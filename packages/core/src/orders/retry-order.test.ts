import { describe, expect, it } from 'vitest';
import { anOrder, aProduct } from '../testing/builders';
import { placeCommand } from '../testing/checkout-rules.contract';
import { createInMemoryStore } from '../testing/in-memory-store';
import { retryOrder } from './retry-order';

const setup = async () => {
  const store = createInMemoryStore();
  const product = aProduct({ stock: 5 });
  await store.catalog.create(product);
  const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
  await store.orders.place(placeCommand({ order }));
  const resent: string[] = [];
  const deps = {
    orders: store.orders,
    dispatch: { resend: async (id: string) => void resent.push(id) },
  };
  return { deps, store, order, resent };
};

describe('retryOrder', () => {
  it('sends a stuck order to the worker again and clears what the shopper was shown', async () => {
    const { deps, store, order, resent } = await setup();
    await store.orders.markStuck(order.id, order.createdAt, 'We could not process this order.');
    expect(await retryOrder(deps, order.id)).toEqual({
      ok: true,
      value: { orderId: order.id, requeued: true, status: 'PENDING' },
    });
    expect(resent).toEqual([order.id]);
    expect(await store.orders.get(order.id)).toMatchObject({ stuckAt: null, failureReason: null });
  });

  it('leaves an order alone that is on its way or final, and says so', async () => {
    const { deps, store, order, resent } = await setup();
    expect(await retryOrder(deps, order.id)).toMatchObject({ value: { requeued: false } });
    await store.orders.markProcessed(order.id, { processedAt: order.createdAt, invoiceKey: 'k' });
    expect(await retryOrder(deps, order.id)).toEqual({
      ok: true,
      value: { orderId: order.id, requeued: false, status: 'PROCESSED' },
    });
    expect(resent).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown order', async () => {
    const { deps } = await setup();
    expect(await retryOrder(deps, 'o_nope')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps the order marked stuck when it cannot be sent, so the admin can retry again', async () => {
    const { deps, store, order } = await setup();
    await store.orders.markStuck(order.id, order.createdAt, 'stuck');
    const failing = {
      ...deps,
      dispatch: {
        resend: async () => {
          throw new Error('queue down');
        },
      },
    };
    await expect(retryOrder(failing, order.id)).rejects.toThrow('queue down');
    expect((await store.orders.get(order.id))?.stuckAt).not.toBeNull();
  });
});
