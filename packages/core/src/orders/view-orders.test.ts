import { describe, expect, it } from 'vitest';
import { decodeCursor } from '../shared/pagination';
import { anOrder, aProduct } from '../testing/builders';
import { createInMemoryStore } from '../testing/in-memory-store';
import type { Order } from './order';
import { getOwnOrder, listAllOrders, listOwnOrders } from './view-orders';

const setup = async () => {
  const store = createInMemoryStore();
  const product = aProduct({ stock: 100 });
  await store.catalog.create(product);
  const place = async (userId: string, id: string) => {
    const order = anOrder(userId, [{ productId: product.id, quantity: 1 }], { id });
    await store.orders.place({
      order,
      idempotency: null,
      clearPurchasedFromCart: false,
      customerLimits: [],
      purchases: [],
    });
    return order;
  };
  return { deps: { orders: store.orders }, store, place };
};

const idsOf = (orders: Order[]) => orders.map((o) => o.id);

describe('getOwnOrder', () => {
  it("answers the shopper's own order", async () => {
    const { deps, place } = await setup();
    const order = await place('u_1', 'o_0000000001');
    expect(await getOwnOrder(deps, 'u_1', order.id)).toEqual({ ok: true, value: order });
  });

  it("answers NOT_FOUND for another shopper's order, exactly as for an unknown one", async () => {
    const { deps, place } = await setup();
    await place('u_1', 'o_0000000001');
    const someoneElses = await getOwnOrder(deps, 'u_2', 'o_0000000001');
    const unknown = await getOwnOrder(deps, 'u_2', 'o_0000000002');
    expect(someoneElses).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'No order with id o_0000000001.',
        details: { orderId: 'o_0000000001' },
      },
    });
    expect(!unknown.ok && unknown.error.message).toBe('No order with id o_0000000002.');
  });
});

describe('listOwnOrders', () => {
  it("lists only the shopper's orders, newest first, page by page", async () => {
    const { deps, place } = await setup();
    for (const n of [1, 2, 3, 4, 5]) await place('u_1', `o_000000000${n}`);
    await place('u_2', 'o_0000000006');

    const first = await listOwnOrders(deps, 'u_1', { after: null, limit: 2 });
    expect(idsOf(first.items)).toEqual(['o_0000000005', 'o_0000000004']);
    expect(first.nextCursor).not.toBeNull();
    expect(first.nextCursor).not.toContain('o_');

    const second = await listOwnOrders(deps, 'u_1', {
      after: decodeCursor(first.nextCursor!),
      limit: 2,
    });
    expect(idsOf(second.items)).toEqual(['o_0000000003', 'o_0000000002']);

    const third = await listOwnOrders(deps, 'u_1', {
      after: decodeCursor(second.nextCursor!),
      limit: 2,
    });
    expect(third).toEqual({
      items: [expect.objectContaining({ id: 'o_0000000001' })],
      nextCursor: null,
    });
  });

  it('answers an empty page for a shopper with no orders', async () => {
    const { deps, place } = await setup();
    await place('u_1', 'o_0000000001');
    expect(await listOwnOrders(deps, 'u_2', { after: null, limit: 20 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

describe('listAllOrders', () => {
  it("lists every shopper's orders newest first, optionally of one status", async () => {
    const { deps, store, place } = await setup();
    await place('u_1', 'o_0000000001');
    await place('u_2', 'o_0000000002');
    await place('u_1', 'o_0000000003');
    await store.orders.cancel('o_0000000002', { by: 'payment', reason: 'Your card was declined.' });

    const all = await listAllOrders(deps, { after: null, limit: 20, status: null });
    expect(idsOf(all.items)).toEqual(['o_0000000003', 'o_0000000002', 'o_0000000001']);
    const cancelled = await listAllOrders(deps, { after: null, limit: 20, status: 'CANCELLED' });
    expect(idsOf(cancelled.items)).toEqual(['o_0000000002']);
    expect(cancelled.nextCursor).toBeNull();
  });

  it('finds one order by its number, within the status asked for', async () => {
    const { deps, store, place } = await setup();
    const order = await place('u_1', 'o_0000000001');
    await place('u_2', 'o_0000000002');
    const search = (status: Order['status'] | null, number: string) =>
      listAllOrders(deps, { after: null, limit: 20, status, number });
    expect(await search(null, order.number)).toEqual({ items: [order], nextCursor: null });
    expect((await search('PENDING', order.number)).items).toEqual([order]);
    expect((await search('PROCESSED', order.number)).items).toEqual([]);
    expect((await search(null, 'ZZZZ-ZZZZ')).items).toEqual([]);
    await store.orders.cancel(order.id, { by: 'shop', reason: 'Out of reach' });
    expect((await search('CANCELLED', order.number)).items).toMatchObject([{ id: order.id }]);
  });

  it("lists one customer's orders by email, typed in any case and with spaces", async () => {
    const { deps, store } = await setup();
    const product = aProduct({ stock: 10 });
    await store.catalog.create(product);
    const placed: Order[] = [];
    for (const [id, email] of [
      ['o_0000000001', 'Ana@Example.com'],
      ['o_0000000002', 'bo@example.com'],
      ['o_0000000003', 'ana@example.com'],
    ] as const) {
      const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], { id, email });
      await store.orders.place({
        order,
        idempotency: null,
        clearPurchasedFromCart: false,
        customerLimits: [],
        purchases: [],
      });
      placed.push(order);
    }
    const page = await listAllOrders(deps, {
      after: null,
      limit: 20,
      status: null,
      email: '  ANA@example.COM ',
    });
    expect(idsOf(page.items)).toEqual(['o_0000000003', 'o_0000000001']);
  });
});
