import { describe, expect, it } from 'vitest';
import type { StockLevel } from '../catalog/product';
import type { Order } from '../orders/order';
import type { Orders, PlaceOrderCommand } from '../orders/orders-port';
import { anOrder, aProduct } from './builders';
import type { ContractStores } from './store-factory';

/** A place command with nothing optional switched on, unless the test says so. */
export const placeCommand = (
  command: Partial<PlaceOrderCommand> & { order: Order },
): PlaceOrderCommand => ({
  idempotency: null,
  clearPurchasedFromCart: false,
  customerLimits: [],
  purchases: [],
  ...command,
});

/** Stores that know the stock levels after a change must report them right; others may not. */
export const expectStockIfKnown = (outcome: object, expected: StockLevel[]) => {
  const { stock } = outcome as { stock?: StockLevel[] };
  if (stock !== undefined) expect(stock).toEqual(expected);
};

const OPENS = '2026-12-12T12:00:00.000Z';
const justBefore = '2026-12-12T11:59:59.999Z';
const justAfter = '2026-12-12T12:00:00.001Z';

/**
 * The checks of DESIGN §12 and §13 that `place` makes inside its atomic step: a drop opens at
 * an exact instant, a customer never holds more than `maxPerCustomer` however many requests
 * race, order numbers never repeat. Run by `describeOrdersContract` for every store.
 */
export const describeCheckoutRulesCases = (open: () => Promise<ContractStores>) => {
  const withProduct = async (overrides: Parameters<typeof aProduct>[0]) => {
    const stores = await open();
    const product = aProduct(overrides);
    await stores.catalog.create(product);
    return { ...stores, product };
  };
  const place = (orders: Orders, command: Partial<PlaceOrderCommand> & { order: Order }) =>
    orders.place(placeCommand(command));
  const limitOf = (productId: string, limit: number) => [{ productId, limit }];

  describe('scheduled drops', () => {
    it('refuses an order one millisecond before the drop and changes nothing', async () => {
      const { catalog, carts, orders, product } = await withProduct({
        stock: 5,
        saleStartsAt: OPENS,
      });
      await carts.addItem('u_1', product.id, 1);
      const early = anOrder('u_1', [{ productId: product.id, quantity: 1 }], {
        createdAt: justBefore,
      });
      const outcome = await place(orders, {
        order: early,
        idempotency: { key: 'k', requestHash: 'h' },
        clearPurchasedFromCart: true,
      });
      expect(outcome).toEqual({
        kind: 'not-on-sale',
        lines: [{ productId: product.id, saleStartsAt: OPENS }],
      });
      expect(await catalog.get(product.id)).toEqual(product);
      expect(await orders.get(early.id)).toBeNull();
      expect(await orders.findByIdempotencyKey('u_1', 'k')).toBeNull();
      expect(await carts.get('u_1')).toEqual([{ productId: product.id, quantity: 1 }]);
    });

    it('serves an order at the very instant the drop opens, and just after', async () => {
      const { catalog, orders, product } = await withProduct({ stock: 5, saleStartsAt: OPENS });
      for (const createdAt of [OPENS, justAfter]) {
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], { createdAt });
        expect(await place(orders, { order })).toMatchObject({ kind: 'placed' });
      }
      expect(await catalog.get(product.id)).toMatchObject({ stock: 3 });
    });

    it('answers a closed drop before a short line of another product', async () => {
      const { catalog, orders, product } = await withProduct({ stock: 5, saleStartsAt: OPENS });
      const gone = aProduct({ stock: 0 });
      await catalog.create(gone);
      const order = anOrder(
        'u_1',
        [
          { productId: gone.id, quantity: 1 },
          { productId: product.id, quantity: 1 },
        ],
        { createdAt: justBefore },
      );
      expect(await place(orders, { order })).toMatchObject({ kind: 'not-on-sale' });
    });
  });

  describe('purchase limits per customer', () => {
    it('lets one shopper hold exactly the limit, whatever the number of racing checkouts', async () => {
      const { catalog, orders, product } = await withProduct({ stock: 100, maxPerCustomer: 2 });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          place(orders, {
            order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]),
            customerLimits: limitOf(product.id, 2),
          }),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'placed')).toHaveLength(2);
      const refused = outcomes.filter((o) => o.kind !== 'placed');
      expect(refused).toHaveLength(18);
      for (const outcome of refused) {
        expect(outcome).toEqual({
          kind: 'over-customer-limit',
          lines: [{ productId: product.id, requested: 1, limit: 2, remaining: 0 }],
        });
      }
      expect(await catalog.get(product.id)).toMatchObject({ stock: 98 });
    });

    it('counts the email across guest sessions, trimmed and in any case', async () => {
      const { orders, product } = await withProduct({ stock: 100, maxPerCustomer: 2 });
      const customerLimits = limitOf(product.id, 2);
      await place(orders, {
        order: anOrder('u_1', [{ productId: product.id, quantity: 2 }], {
          email: 'ana@example.com',
        }),
        customerLimits,
      });
      const again = anOrder('u_2', [{ productId: product.id, quantity: 1 }], {
        email: '  Ana@Example.COM ',
      });
      expect(await place(orders, { order: again, customerLimits })).toEqual({
        kind: 'over-customer-limit',
        lines: [{ productId: product.id, requested: 1, limit: 2, remaining: 0 }],
      });
      expect(await orders.get(again.id)).toBeNull();
      const stranger = anOrder('u_3', [{ productId: product.id, quantity: 2 }], {
        email: 'bo@example.com',
      });
      expect(await place(orders, { order: stranger, customerLimits })).toMatchObject({
        kind: 'placed',
      });
    });

    it('says how many are left, and gives a cancelled order its units back', async () => {
      const { orders, product } = await withProduct({ stock: 100, maxPerCustomer: 3 });
      const customerLimits = limitOf(product.id, 3);
      const first = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
      await place(orders, { order: first, customerLimits });
      expect(
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 2 }]),
          customerLimits,
        }),
      ).toEqual({
        kind: 'over-customer-limit',
        lines: [{ productId: product.id, requested: 2, limit: 3, remaining: 1 }],
      });
      await orders.cancel(first.id, { by: 'payment', reason: 'Card declined' });
      expect(
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 3 }]),
          customerLimits,
        }),
      ).toMatchObject({ kind: 'placed' });
    });

    it('answers a short line before a limit, and checks only the limits it is given', async () => {
      const { catalog, orders, product } = await withProduct({ stock: 1, maxPerCustomer: 1 });
      const free = aProduct({ stock: 10 });
      await catalog.create(free);
      expect(
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 2 }]),
          customerLimits: limitOf(product.id, 1),
        }),
      ).toMatchObject({ kind: 'out-of-stock' });
      for (let i = 0; i < 3; i++) {
        const order = anOrder('u_1', [{ productId: free.id, quantity: 2 }]);
        expect(await place(orders, { order, customerLimits: [] })).toMatchObject({
          kind: 'placed',
        });
      }
    });
  });

  describe('order numbers', () => {
    it('refuses a number another order has, and changes nothing', async () => {
      const { catalog, orders, product } = await withProduct({ stock: 5 });
      const first = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
      await place(orders, { order: first });
      const clash = anOrder('u_2', [{ productId: product.id, quantity: 1 }], {
        number: first.number,
      });
      expect(
        await place(orders, { order: clash, idempotency: { key: 'k', requestHash: 'h' } }),
      ).toEqual({ kind: 'number-taken' });
      expect(await orders.get(clash.id)).toBeNull();
      expect(await orders.findByIdempotencyKey('u_2', 'k')).toBeNull();
      expect(await catalog.get(product.id)).toMatchObject({ stock: 4 });
    });
  });

  describe('purchases', () => {
    it('records what was bought for "recommended for you" by the time place answers', async () => {
      const { interactions, orders, product } = await withProduct({
        stock: 5,
        category: 'audio',
      });
      const order = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
      await place(orders, {
        order,
        purchases: [
          {
            userId: 'u_1',
            productId: product.id,
            category: 'audio',
            eventType: 'purchase',
            at: order.createdAt,
          },
        ],
      });
      expect(await interactions.categoryScores('u_1')).toEqual([
        { category: 'audio', score: 5, lastAt: order.createdAt },
      ]);
    });
  });
};
