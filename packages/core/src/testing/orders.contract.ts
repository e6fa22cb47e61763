import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import type { Order } from '../orders/order';
import type { Orders, PlaceOrderCommand } from '../orders/orders-port';
import { anOrder, aProduct } from './builders';
import {
  describeCheckoutRulesCases,
  expectStockIfKnown,
  placeCommand,
} from './checkout-rules.contract';
import { createFakeClock } from './fake-system';
import { CONTRACT_STORE_OPTIONS, type ContractStores, type StoreFactory } from './store-factory';

const claim = (key: string, requestHash = `hash-of-${key}`) => ({ key, requestHash });

/** Every order in the store, page by page, through the admin listing. */
const allOrders = async (orders: Orders) => {
  const all: Order[] = [];
  let after: string | null = null;
  do {
    const page = await orders.listAll({ status: null, after, limit: 100 });
    all.push(...page.items);
    after = page.next;
  } while (after !== null);
  return all;
};

/** Units of `productId` held by orders that still count against stock (PENDING, PROCESSED). */
const unitsHeld = (orders: Order[], productId: string) =>
  orders
    .filter((o) => o.status !== 'CANCELLED')
    .flatMap((o) => o.lines)
    .filter((l) => l.productId === productId)
    .reduce((sum, l) => sum + l.quantity, 0);

const declined = { by: 'payment' as const, reason: 'Card declined' };

/** What every Orders adapter must do: above all, never sell a unit that is not there. */
export const describeOrdersContract = (name: string, makeStores: StoreFactory) =>
  describe(`Orders contract: ${name}`, () => {
    let opened: ContractStores[] = [];
    const open = async () => {
      const stores = await makeStores(createFakeClock(), CONTRACT_STORE_OPTIONS);
      opened.push(stores);
      return stores;
    };
    const withProduct = async (overrides: Partial<Product> = {}) => {
      const stores = await open();
      const product = aProduct(overrides);
      await stores.catalog.create(product);
      return { ...stores, product };
    };
    const place = (orders: Orders, command: Partial<PlaceOrderCommand> & { order: Order }) =>
      orders.place(placeCommand(command));
    afterEach(async () => {
      for (const stores of opened) await stores.close?.();
      opened = [];
    });

    describe('place', () => {
      it('stores the order, decrements stock and bumps the version', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 5, version: 1 });
        const order = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
        const outcome = await place(orders, { order });
        expect(outcome).toMatchObject({ kind: 'placed', order });
        expectStockIfKnown(outcome, [{ productId: product.id, stock: 3, version: 2 }]);
        expect(await orders.get(order.id)).toEqual(order);
        expect(await catalog.get(product.id)).toMatchObject({ stock: 3, version: 2 });
      });

      it('sells the very last unit, then refuses the next', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 1 });
        expect(
          await place(orders, { order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]) }),
        ).toMatchObject({
          kind: 'placed',
        });
        const late = anOrder('u_2', [{ productId: product.id, quantity: 1 }]);
        expect(await place(orders, { order: late })).toEqual({
          kind: 'out-of-stock',
          lines: [{ productId: product.id, requested: 1, available: 0 }],
        });
        expect(await orders.get(late.id)).toBeNull();
        expect(await catalog.get(product.id)).toMatchObject({ stock: 0 });
      });

      it('changes nothing at all when one line is short, and names every short line', async () => {
        const { catalog, carts, orders, product } = await withProduct({ stock: 5 });
        const scarce = aProduct({ stock: 1 });
        const gone = aProduct({ stock: 0 });
        await catalog.create(scarce);
        await catalog.create(gone);
        await carts.addItem('u_1', product.id, 2);
        const order = anOrder('u_1', [
          { productId: product.id, quantity: 2 },
          { productId: scarce.id, quantity: 2 },
          { productId: gone.id, quantity: 1 },
        ]);
        const outcome = await place(orders, {
          order,
          idempotency: claim('k1'),
          clearPurchasedFromCart: true,
        });
        expect(outcome.kind).toBe('out-of-stock');
        expect(outcome.kind === 'out-of-stock' && outcome.lines).toEqual(
          expect.arrayContaining([
            { productId: scarce.id, requested: 2, available: 1 },
            { productId: gone.id, requested: 1, available: 0 },
          ]),
        );
        expect(outcome.kind === 'out-of-stock' && outcome.lines).toHaveLength(2);
        expect(await catalog.get(product.id)).toEqual(product);
        expect(await catalog.get(scarce.id)).toEqual(scarce);
        expect(await orders.get(order.id)).toBeNull();
        expect(await orders.findByIdempotencyKey('u_1', 'k1')).toBeNull();
        expect(await carts.get('u_1')).toEqual([{ productId: product.id, quantity: 2 }]);
      });

      it('refuses a product that does not exist', async () => {
        const { orders } = await open();
        const outcome = await place(orders, {
          order: anOrder('u_1', [{ productId: 'p_ghost', quantity: 1 }]),
        });
        expect(outcome).toEqual({
          kind: 'out-of-stock',
          lines: [{ productId: 'p_ghost', requested: 1, available: 0 }],
        });
      });

      it('merges lines of one product before checking stock', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 3 });
        const twoLines = anOrder('u_1', [
          { productId: product.id, quantity: 2 },
          { productId: product.id, quantity: 2 },
        ]);
        expect(await place(orders, { order: twoLines })).toEqual({
          kind: 'out-of-stock',
          lines: [{ productId: product.id, requested: 4, available: 3 }],
        });
        expect(await catalog.get(product.id)).toMatchObject({ stock: 3 });

        await catalog.restock(product.id, 1);
        const outcome = await place(orders, { order: twoLines });
        expect(outcome.kind).toBe('placed');
        expect((await orders.get(twoLines.id))?.lines).toEqual([
          { ...twoLines.lines[0], quantity: 4 },
        ]);
        expect(await catalog.get(product.id)).toMatchObject({ stock: 0 });
      });

      it('removes the purchased units from the cart on cart checkout, and only those', async () => {
        const { catalog, carts, orders, product } = await withProduct({ stock: 10 });
        const other = aProduct();
        await catalog.create(other);
        await carts.addItem('u_1', product.id, 5);
        await carts.addItem('u_1', other.id, 1);
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 3 }]),
          clearPurchasedFromCart: true,
        });
        expect(await carts.get('u_1')).toEqual([
          { productId: product.id, quantity: 2 },
          { productId: other.id, quantity: 1 },
        ]);
        await place(orders, {
          order: anOrder('u_1', [{ productId: other.id, quantity: 1 }]),
          clearPurchasedFromCart: true,
        });
        expect(await carts.get('u_1')).toEqual([{ productId: product.id, quantity: 2 }]);
      });

      it('leaves the cart alone on buy now', async () => {
        const { carts, orders, product } = await withProduct();
        await carts.addItem('u_1', product.id, 1);
        await place(orders, { order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]) });
        expect(await carts.get('u_1')).toEqual([{ productId: product.id, quantity: 1 }]);
      });
    });

    describe('idempotency', () => {
      it('replays the original order for the same key and request, selling nothing more', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 5 });
        const first = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order: first, idempotency: claim('k') });
        const retry = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        expect(await place(orders, { order: retry, idempotency: claim('k') })).toEqual({
          kind: 'replayed',
          order: first,
        });
        expect(await orders.get(retry.id)).toBeNull();
        expect(await catalog.get(product.id)).toMatchObject({ stock: 4 });
        expect(await orders.findByIdempotencyKey('u_1', 'k')).toEqual({
          order: first,
          requestHash: 'hash-of-k',
        });
      });

      it('replays even when the product has sold out since', async () => {
        const { orders, product } = await withProduct({ stock: 1 });
        const first = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order: first, idempotency: claim('k') });
        const retry = await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]),
          idempotency: claim('k'),
        });
        expect(retry).toEqual({ kind: 'replayed', order: first });
      });

      it('refuses the same key with a different request', async () => {
        const { orders, product } = await withProduct();
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]),
          idempotency: claim('k', 'h1'),
        });
        const other = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
        expect(await place(orders, { order: other, idempotency: claim('k', 'h2') })).toEqual({
          kind: 'key-reused',
        });
        expect(await orders.get(other.id)).toBeNull();
      });

      it('scopes keys to the shopper', async () => {
        const { orders, product } = await withProduct();
        await place(orders, {
          order: anOrder('u_1', [{ productId: product.id, quantity: 1 }]),
          idempotency: claim('k'),
        });
        const theirs = anOrder('u_2', [{ productId: product.id, quantity: 1 }]);
        expect(await place(orders, { order: theirs, idempotency: claim('k') })).toMatchObject({
          kind: 'placed',
        });
        expect(await orders.findByIdempotencyKey('u_3', 'k')).toBeNull();
      });

      it('creates exactly one order from 20 parallel requests with one key', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 100 });
        const attempts = Array.from({ length: 20 }, () =>
          anOrder('u_1', [{ productId: product.id, quantity: 2 }]),
        );
        const outcomes = await Promise.all(
          attempts.map((order) => place(orders, { order, idempotency: claim('same') })),
        );
        const placed = outcomes.filter((o) => o.kind === 'placed');
        expect(placed).toHaveLength(1);
        const winner = placed[0]!.order;
        for (const outcome of outcomes) {
          expect(outcome.kind === 'placed' || outcome.kind === 'replayed').toBe(true);
          if (outcome.kind === 'replayed') expect(outcome.order.id).toBe(winner.id);
        }
        expect(await catalog.get(product.id)).toMatchObject({ stock: 98 });
        expect(await allOrders(orders)).toHaveLength(1);
      });
    });

    describe('under a rush', () => {
      it('never oversells: 200 buyers of 1–3 units race for 50', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 50 });
        const requests = Array.from({ length: 200 }, (_, i) =>
          anOrder(`u_${i}`, [{ productId: product.id, quantity: 1 + (i % 3) }]),
        );
        const outcomes = await Promise.all(requests.map((order) => place(orders, { order })));
        const sold = requests
          .filter((_, i) => outcomes[i]!.kind === 'placed')
          .reduce((sum, o) => sum + o.lines[0]!.quantity, 0);
        const refused = requests
          .filter((_, i) => outcomes[i]!.kind === 'out-of-stock')
          .map((o) => o.lines[0]!.quantity);
        const left = (await catalog.get(product.id))!.stock;
        expect(outcomes.every((o) => o.kind === 'placed' || o.kind === 'out-of-stock')).toBe(true);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(sold + left).toBe(50);
        // Fewer than 50 sold only if what is left is smaller than every refused request.
        expect(left).toBeLessThan(Math.min(...refused));
        expect(unitsHeld(await allOrders(orders), product.id)).toBe(sold);
      });

      it('never oversells the last units across several products in one order', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 10 });
        const second = aProduct({ stock: 10 });
        await catalog.create(second);
        const requests = Array.from({ length: 40 }, (_, i) =>
          anOrder(`u_${i}`, [
            { productId: product.id, quantity: 1 },
            { productId: second.id, quantity: 1 + (i % 2) },
          ]),
        );
        await Promise.all(requests.map((order) => place(orders, { order })));
        const stored = await allOrders(orders);
        for (const p of [product, second]) {
          const left = (await catalog.get(p.id))!.stock;
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left + unitsHeld(stored, p.id)).toBe(10);
        }
      });

      it('counts a restock that lands in the middle of a rush', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 10 });
        const buys = Array.from({ length: 100 }, (_, i) =>
          anOrder(`u_${i}`, [{ productId: product.id, quantity: 1 }]),
        );
        const work: Promise<unknown>[] = buys.map((order) => place(orders, { order }));
        for (let i = 0; i < 5; i++) work.splice(20 * i, 0, catalog.restock(product.id, 10));
        await Promise.all(work);
        const left = (await catalog.get(product.id))!.stock;
        const sold = unitsHeld(await allOrders(orders), product.id);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left + sold).toBe(10 + 50);
      });
    });

    describe('best sellers', () => {
      it('ranks in-stock products by units in orders that were not cancelled, then newest', async () => {
        const {
          catalog,
          orders,
          product: old,
        } = await withProduct({ stock: 50, category: 'audio' });
        const hit = aProduct({ stock: 50, category: 'audio' });
        const soldOut = aProduct({ stock: 3, category: 'audio' });
        const newest = aProduct({ stock: 5, category: 'home' });
        for (const p of [hit, soldOut, newest]) await catalog.create(p);
        await place(orders, { order: anOrder('u_1', [{ productId: hit.id, quantity: 4 }]) });
        await place(orders, { order: anOrder('u_2', [{ productId: soldOut.id, quantity: 3 }]) });
        const cancelled = anOrder('u_3', [{ productId: old.id, quantity: 10 }]);
        await place(orders, { order: cancelled });
        await orders.cancel(cancelled.id, declined);
        await place(orders, { order: anOrder('u_4', [{ productId: old.id, quantity: 1 }]) });

        const ranked = await catalog.bestSellers({ category: null, limit: 10 });
        expect(ranked.map((p) => p.id)).toEqual([hit.id, old.id, newest.id]);
        expect(
          (await catalog.bestSellers({ category: 'audio', limit: 1 })).map((p) => p.id),
        ).toEqual([hit.id]);
        expect(await catalog.bestSellers({ category: 'none', limit: 5 })).toEqual([]);
      });
    });

    describe('reading', () => {
      it("lists a shopper's orders newest first, page by page, and only theirs", async () => {
        const { orders, product } = await withProduct({ stock: 100 });
        const mine = [];
        for (let i = 0; i < 5; i++) {
          const order = anOrder('u_me', [{ productId: product.id, quantity: 1 }]);
          await place(orders, { order });
          mine.push(order.id);
          await place(orders, {
            order: anOrder('u_other', [{ productId: product.id, quantity: 1 }]),
          });
        }
        const first = await orders.listByUser('u_me', { after: null, limit: 3 });
        expect(first.items.map((o) => o.id)).toEqual(mine.slice(2).reverse());
        const second = await orders.listByUser('u_me', { after: first.next, limit: 3 });
        expect(second.items.map((o) => o.id)).toEqual(mine.slice(0, 2).reverse());
        expect(second.next).toBeNull();
      });

      it('lists all orders by status for the admin', async () => {
        const { orders, product } = await withProduct({ stock: 100 });
        const a = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        const b = anOrder('u_2', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order: a });
        await place(orders, { order: b });
        await orders.markProcessed(a.id, {
          processedAt: '2026-01-01T00:01:00.000Z',
          invoiceKey: `invoices/${a.id}.txt`,
        });
        expect(
          (await orders.listAll({ status: 'PROCESSED', after: null, limit: 10 })).items.map(
            (o) => o.id,
          ),
        ).toEqual([a.id]);
        expect(
          (await orders.listAll({ status: 'PENDING', after: null, limit: 10 })).items.map(
            (o) => o.id,
          ),
        ).toEqual([b.id]);
        expect(
          (await orders.listAll({ status: null, after: null, limit: 10 })).items.map((o) => o.id),
        ).toEqual([b.id, a.id]);
      });
      it('finds an order by its number, and nothing for a number no order has', async () => {
        const { orders, product } = await withProduct({ stock: 10 });
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order });
        await place(orders, { order: anOrder('u_2', [{ productId: product.id, quantity: 1 }]) });
        expect(await orders.findByNumber(order.number)).toEqual(order);
        expect(await orders.findByNumber('ZZZZ-ZZZZ')).toBeNull();
      });

      it('lists the orders of one email, however it was typed, newest first, by status', async () => {
        const { orders, product } = await withProduct({ stock: 100 });
        const ana: Order[] = [];
        for (const email of ['ana@example.com', ' Ana@Example.COM ', 'ANA@example.com']) {
          const order = anOrder(`u_${ana.length}`, [{ productId: product.id, quantity: 1 }], {
            email,
          });
          await place(orders, { order });
          ana.push(order);
          await place(orders, {
            order: anOrder('u_bo', [{ productId: product.id, quantity: 1 }], {
              email: 'bo@example.com',
            }),
          });
        }
        await orders.cancel(ana[1]!.id, declined);
        const ids = (page: { items: Order[] }) => page.items.map((o) => o.id);
        const first = await orders.listByEmail({
          email: 'ana@example.com',
          status: null,
          after: null,
          limit: 2,
        });
        expect(ids(first)).toEqual([ana[2]!.id, ana[1]!.id]);
        const second = await orders.listByEmail({
          email: 'ana@example.com',
          status: null,
          after: first.next,
          limit: 2,
        });
        expect(ids(second)).toEqual([ana[0]!.id]);
        expect(second.next).toBeNull();
        expect(second.items[0]).toEqual(ana[0]);
        const pending = await orders.listByEmail({
          email: 'ana@example.com',
          status: 'PENDING',
          after: null,
          limit: 1,
        });
        expect(ids(pending)).toEqual([ana[2]!.id]);
        const nextPending = await orders.listByEmail({
          email: 'ana@example.com',
          status: 'PENDING',
          after: pending.next,
          limit: 1,
        });
        expect(ids(nextPending)).toEqual([ana[0]!.id]);
        expect(
          ids(
            await orders.listByEmail({
              email: 'nobody@example.com',
              status: null,
              after: null,
              limit: 10,
            }),
          ),
        ).toEqual([]);
      });
    });

    describe('status changes', () => {
      it('marks a PENDING order processed exactly once', async () => {
        const { orders, product } = await withProduct();
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order });
        const patch = {
          processedAt: '2026-01-01T00:01:00.000Z',
          invoiceKey: `invoices/${order.id}.txt`,
        };
        const processed = { ...order, status: 'PROCESSED' as const, ...patch };
        expect(await orders.markProcessed(order.id, patch)).toEqual({
          kind: 'transitioned',
          order: processed,
        });
        expect(
          await orders.markProcessed(order.id, {
            ...patch,
            processedAt: '2026-01-02T00:00:00.000Z',
          }),
        ).toEqual({
          kind: 'unchanged',
          order: processed,
        });
        expect(await orders.get(order.id)).toEqual(processed);
        expect(await orders.markProcessed('o_unknown', patch)).toEqual({ kind: 'not-found' });
      });

      it('marks a PENDING order stuck once, clears it on retry, and never touches a final one', async () => {
        const { orders, product } = await withProduct();
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order });
        const at = '2026-01-01T00:05:00.000Z';
        expect(await orders.markStuck(order.id, at, 'Gave up after 8 attempts')).toBe(true);
        expect(await orders.markStuck(order.id, at, 'again')).toBe(false);
        expect(await orders.get(order.id)).toMatchObject({
          status: 'PENDING',
          stuckAt: at,
          failureReason: 'Gave up after 8 attempts',
        });
        expect(await orders.clearStuck(order.id)).toBe(true);
        expect(await orders.clearStuck(order.id)).toBe(false);
        expect(await orders.get(order.id)).toMatchObject({ stuckAt: null, failureReason: null });
        expect(await orders.markStuck(order.id, at, 'stuck again')).toBe(true);
        await orders.markProcessed(order.id, { processedAt: order.createdAt, invoiceKey: 'k' });
        expect(await orders.get(order.id)).toMatchObject({
          status: 'PROCESSED',
          stuckAt: null,
          failureReason: null,
        });
        expect(await orders.markStuck(order.id, at, 'late')).toBe(false);
        expect(await orders.get(order.id)).toMatchObject({ stuckAt: null, failureReason: null });
        const gone = anOrder('u_1', [{ productId: product.id, quantity: 1 }]);
        await place(orders, { order: gone });
        await orders.cancel(gone.id, declined);
        expect(await orders.markStuck(gone.id, at, 'late')).toBe(false);
        expect(await orders.clearStuck(gone.id)).toBe(false);
        expect(await orders.get(gone.id)).toMatchObject({
          failureReason: 'Card declined',
          stuckAt: null,
        });
        expect(await orders.markStuck('o_unknown', at, 'x')).toBe(false);
      });

      it('lists stalled orders: PENDING, not stuck, created before the instant, oldest first', async () => {
        const { orders, product } = await withProduct({ stock: 100 });
        const at = (minute: number) => `2026-01-01T00:0${minute}:00.000Z`;
        const made: Order[] = [];
        for (let minute = 0; minute < 5; minute++) {
          const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], {
            createdAt: at(minute),
          });
          await place(orders, { order });
          made.push(order);
        }
        await orders.markProcessed(made[1]!.id, { processedAt: at(6), invoiceKey: 'k' });
        await orders.cancel(made[2]!.id, declined);
        await orders.markStuck(made[3]!.id, at(6), 'Gave up');
        expect(
          (await orders.listStalled({ createdBefore: at(4), limit: 10 })).map((o) => o.id),
        ).toEqual([made[0]!.id]);
        await orders.clearStuck(made[3]!.id);
        expect(
          (await orders.listStalled({ createdBefore: at(5), limit: 10 })).map((o) => o.id),
        ).toEqual([made[0]!.id, made[3]!.id, made[4]!.id]);
        expect(
          (await orders.listStalled({ createdBefore: at(5), limit: 1 })).map((o) => o.id),
        ).toEqual([made[0]!.id]);
      });

      it('cancels a PENDING order and releases its stock, once, however often it is asked', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 5, version: 1 });
        const order = anOrder('u_1', [{ productId: product.id, quantity: 3 }]);
        await place(orders, { order });
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, () => orders.cancel(order.id, declined)),
        );
        const cancelled = outcomes.filter((o) => o.kind === 'cancelled');
        expect(cancelled).toHaveLength(1);
        expect(cancelled[0]).toMatchObject({
          kind: 'cancelled',
          order: {
            ...order,
            status: 'CANCELLED',
            failureReason: 'Card declined',
            cancelledBy: 'payment',
          },
        });
        expectStockIfKnown(cancelled[0]!, [{ productId: product.id, stock: 5, version: 3 }]);
        expect(outcomes.filter((o) => o.kind === 'unchanged')).toHaveLength(9);
        expect(await catalog.get(product.id)).toMatchObject({ stock: 5, version: 3 });
        expect(await orders.cancel('o_unknown', declined)).toEqual({ kind: 'not-found' });
      });

      it('lets exactly one of a racing cancel and process win', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 5 });
        const order = anOrder('u_1', [{ productId: product.id, quantity: 2 }]);
        await place(orders, { order });
        const [processed, cancelled] = await Promise.all([
          orders.markProcessed(order.id, {
            processedAt: '2026-01-01T00:01:00.000Z',
            invoiceKey: 'invoices/x.txt',
          }),
          orders.cancel(order.id, declined),
        ]);
        const winners = [processed.kind, cancelled.kind].filter((kind) => kind !== 'unchanged');
        expect(winners).toHaveLength(1);
        const final = (await orders.get(order.id))!;
        expect((await catalog.get(product.id))!.stock).toBe(final.status === 'CANCELLED' ? 5 : 3);
      });

      it('keeps stock + units held equal to initial + restocks through sales, cancels and restocks', async () => {
        const { catalog, orders, product } = await withProduct({ stock: 20 });
        const placed: Order[] = [];
        for (let i = 0; i < 8; i++) {
          const order = anOrder(`u_${i}`, [{ productId: product.id, quantity: 1 + (i % 3) }]);
          if ((await place(orders, { order })).kind === 'placed') placed.push(order);
        }
        await Promise.all([
          ...placed.filter((_, i) => i % 2 === 0).map((o) => orders.cancel(o.id, declined)),
          catalog.restock(product.id, 7),
          ...placed
            .filter((_, i) => i % 2 === 1)
            .map((o) => orders.markProcessed(o.id, { processedAt: o.createdAt, invoiceKey: 'k' })),
        ]);
        const left = (await catalog.get(product.id))!.stock;
        expect(left + unitsHeld(await allOrders(orders), product.id)).toBe(27);
      });
    });

    describeCheckoutRulesCases(open);
  });
