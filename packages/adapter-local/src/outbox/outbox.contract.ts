import type { Catalog } from '@sellout/core/catalog/catalog-port';
import type { Orders } from '@sellout/core/orders/orders-port';
import type { Clock } from '@sellout/core/shared/system';
import { anOrder, aProduct } from '@sellout/core/testing/builders';
import { createFakeClock } from '@sellout/core/testing/fake-system';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outbox } from './outbox';

/** A store with an outbox, opened fresh for one test. */
export type OutboxStores = {
  catalog: Catalog;
  orders: Orders;
  outbox: Outbox;
  close(): void | Promise<void>;
};

const VISIBILITY_MS = 30_000;

/** What every local outbox must do: deliver each placed order at least once, to one worker at a time. */
export const describeOutboxContract = (
  name: string,
  makeStores: (clock: Clock) => Promise<OutboxStores>,
) =>
  describe(`Outbox contract: ${name}`, () => {
    let opened: OutboxStores[] = [];
    afterEach(async () => {
      for (const stores of opened) await stores.close();
      opened = [];
    });
    /** A store with `count` placed orders; returns their ids in placement order. */
    const withOrders = async (count: number) => {
      const clock = createFakeClock();
      const stores = await makeStores(clock);
      opened.push(stores);
      const product = aProduct({ stock: 1000 });
      await stores.catalog.create(product);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await stores.orders.place({
          order,
          idempotency: null,
          clearPurchasedFromCart: false,
          customerLimits: [],
          purchases: [],
        });
        ids.push(order.id);
        clock.advance(1);
      }
      return { clock, queue: stores.outbox, ids };
    };

    it('delivers every placed order, oldest first, within the limit', async () => {
      const { queue, ids } = await withOrders(3);
      expect(await queue.claimDue(2, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[0], attempt: 1 },
        { orderId: ids[1], attempt: 1 },
      ]);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[2], attempt: 1 },
      ]);
    });

    it('hides a claimed message until its visibility timeout passes, then delivers it again', async () => {
      const { clock, queue, ids } = await withOrders(1);
      await queue.claimDue(10, VISIBILITY_MS);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toEqual([]);
      clock.advance(VISIBILITY_MS - 1);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toEqual([]);
      clock.advance(1);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[0], attempt: 2 },
      ]);
    });

    it('never delivers an acknowledged message again', async () => {
      const { clock, queue } = await withOrders(1);
      const [message] = await queue.claimDue(10, VISIBILITY_MS);
      await queue.ack(message!);
      clock.advance(VISIBILITY_MS * 10);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toEqual([]);
    });

    it('delivers a message retried later only once its delay has passed', async () => {
      const { clock, queue, ids } = await withOrders(1);
      const [message] = await queue.claimDue(10, VISIBILITY_MS);
      await queue.retryLater(message!, 5_000, 'gateway timeout');
      clock.advance(4_999);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toEqual([]);
      clock.advance(1);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[0], attempt: 2 },
      ]);
    });

    it('keeps a dead letter aside until it is requeued, then starts its attempts afresh', async () => {
      const { clock, queue, ids } = await withOrders(2);
      const [message] = await queue.claimDue(1, VISIBILITY_MS);
      expect(await queue.deadLetter(message!, 'gave up')).toBe(true);
      clock.advance(VISIBILITY_MS * 10);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[1], attempt: 1 },
      ]);
      expect(await queue.requeue(ids[1]!)).toBe(false);
      expect(await queue.requeue('o_unknown')).toBe(false);
      expect(await queue.requeue(ids[0]!)).toBe(true);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[0], attempt: 1 },
      ]);
    });

    it('counts the messages due and claimed by no one, up to a limit', async () => {
      const { clock, queue } = await withOrders(5);
      expect(await queue.countDue(3)).toBe(3);
      const [claimed] = await queue.claimDue(2, VISIBILITY_MS);
      await queue.retryLater(claimed!, 5_000, 'gateway timeout');
      expect(await queue.countDue(10)).toBe(3);
      clock.advance(5_000);
      expect(await queue.countDue(10)).toBe(4);
    });

    it('tells a first delivery from every later one: lease expired, retried, or requeued', async () => {
      const { clock, queue, ids } = await withOrders(3);
      const first = await queue.claimDue(10, VISIBILITY_MS);
      expect(first.map((m) => m.firstDelivery)).toEqual([true, true, true]);
      const [expired, retried, buried] = first;
      await queue.retryLater(retried!, 0, 'gateway timeout');
      await queue.deadLetter(buried!, 'gave up');
      await queue.requeue(ids[2]!);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[1], attempt: 2, firstDelivery: false },
        { orderId: ids[2], attempt: 1, firstDelivery: false },
      ]);
      clock.advance(VISIBILITY_MS);
      const later = await queue.claimDue(10, VISIBILITY_MS);
      expect(later.find((m) => m.orderId === expired!.orderId)).toMatchObject({
        attempt: 2,
        firstDelivery: false,
      });
    });

    it('ignores a worker settling a delivery that has since been re-claimed by another', async () => {
      const { clock, queue, ids } = await withOrders(1);
      const [stale] = await queue.claimDue(10, VISIBILITY_MS);
      clock.advance(VISIBILITY_MS);
      const [fresh] = await queue.claimDue(10, VISIBILITY_MS);
      expect(fresh).toMatchObject({ orderId: ids[0], attempt: 2 });
      expect(fresh!.receipt).not.toBe(stale!.receipt);
      await queue.retryLater(stale!, 0, 'late failure');
      expect(await queue.deadLetter(stale!, 'late failure')).toBe(false);
      await queue.ack(stale!);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toEqual([]);
      clock.advance(VISIBILITY_MS);
      expect(await queue.claimDue(10, VISIBILITY_MS)).toMatchObject([
        { orderId: ids[0], attempt: 3 },
      ]);
    });

    it('never hands one message to two parallel claimers', async () => {
      const { queue, ids } = await withOrders(30);
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => queue.claimDue(4, VISIBILITY_MS)),
      );
      const claimed = claims.flat().map((m) => m.orderId);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual([...ids].sort());
    });
  });
