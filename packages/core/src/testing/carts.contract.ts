import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '../carts/cart';
import { anOrder, aProduct } from './builders';
import { placeCommand } from './checkout-rules.contract';
import { createFakeClock } from './fake-system';
import { CONTRACT_STORE_OPTIONS, type ContractStores, type StoreFactory } from './store-factory';

const TTL = CONTRACT_STORE_OPTIONS.guestDataTtlMs;

/** Runs the sweep the way a runtime does, batch after batch, and says how much it deleted. */
export const sweepAll = async (
  store: { removeIdle(options: { limit: number }): Promise<number> },
  limit = 2,
) => {
  let total = 0;
  for (let batch = 0; batch < 100; batch++) {
    const removed = await store.removeIdle({ limit });
    expect(removed).toBeGreaterThanOrEqual(0);
    expect(removed).toBeLessThanOrEqual(limit);
    total += removed;
    if (removed < limit) return total;
  }
  throw new Error('removeIdle never ran out of idle data');
};

/** What every Carts adapter must do. Carts hold product ids; they do not check the catalog. */
export const describeCartsContract = (name: string, makeStores: StoreFactory) =>
  describe(`Carts contract: ${name}`, () => {
    let opened: ContractStores[] = [];
    const openStores = async () => {
      const clock = createFakeClock();
      const stores = await makeStores(clock, CONTRACT_STORE_OPTIONS);
      opened.push(stores);
      return { ...stores, clock };
    };
    const open = async () => (await openStores()).carts;
    afterEach(async () => {
      for (const stores of opened) await stores.close?.();
      opened = [];
    });

    it('starts empty', async () => {
      const carts = await open();
      expect(await carts.get('u_new')).toEqual([]);
    });

    it('adds units to a line and keeps lines in the order first added', async () => {
      const carts = await open();
      await carts.addItem('u_1', 'p_b', 1);
      await carts.addItem('u_1', 'p_a', 2);
      const change = await carts.addItem('u_1', 'p_b', 3);
      expect(change).toEqual({
        kind: 'changed',
        lines: [
          { productId: 'p_b', quantity: 4 },
          { productId: 'p_a', quantity: 2 },
        ],
      });
      expect(await carts.get('u_1')).toEqual(change.kind === 'changed' ? change.lines : []);
    });

    it('refuses to grow a line past the limit and leaves it unchanged', async () => {
      const carts = await open();
      await carts.addItem('u_1', 'p_a', MAX_LINE_QUANTITY - 1);
      expect(await carts.addItem('u_1', 'p_a', 2)).toEqual({
        kind: 'line-full',
        quantity: MAX_LINE_QUANTITY - 1,
      });
      expect(await carts.setQuantity('u_1', 'p_a', MAX_LINE_QUANTITY + 1)).toMatchObject({
        kind: 'line-full',
      });
      expect(await carts.get('u_1')).toEqual([
        { productId: 'p_a', quantity: MAX_LINE_QUANTITY - 1 },
      ]);
    });

    it('refuses a new line past the line limit, but still grows existing lines', async () => {
      const carts = await open();
      for (let i = 0; i < MAX_CART_LINES; i++) await carts.addItem('u_1', `p_${i}`, 1);
      expect(await carts.addItem('u_1', 'p_extra', 1)).toEqual({ kind: 'cart-full' });
      expect(await carts.setQuantity('u_1', 'p_extra', 1)).toEqual({ kind: 'cart-full' });
      expect(await carts.addItem('u_1', 'p_0', 1)).toMatchObject({ kind: 'changed' });
      expect(await carts.get('u_1')).toHaveLength(MAX_CART_LINES);
    });

    it('sets quantities, creating a line, and removes a line set to 0', async () => {
      const carts = await open();
      await carts.setQuantity('u_1', 'p_a', 5);
      await carts.setQuantity('u_1', 'p_b', 1);
      await carts.setQuantity('u_1', 'p_a', 2);
      expect(await carts.get('u_1')).toEqual([
        { productId: 'p_a', quantity: 2 },
        { productId: 'p_b', quantity: 1 },
      ]);
      expect(await carts.setQuantity('u_1', 'p_a', 0)).toEqual({
        kind: 'changed',
        lines: [{ productId: 'p_b', quantity: 1 }],
      });
      expect(await carts.setQuantity('u_1', 'p_never', 0)).toMatchObject({ kind: 'changed' });
    });

    it('removes a line, and removing a missing line is harmless', async () => {
      const carts = await open();
      await carts.addItem('u_1', 'p_a', 1);
      await carts.addItem('u_1', 'p_b', 1);
      expect(await carts.removeItem('u_1', 'p_a')).toEqual([{ productId: 'p_b', quantity: 1 }]);
      expect(await carts.removeItem('u_1', 'p_a')).toEqual([{ productId: 'p_b', quantity: 1 }]);
    });

    it('keeps each shopper to their own cart', async () => {
      const carts = await open();
      await carts.addItem('u_1', 'p_a', 1);
      await carts.addItem('u_2', 'p_b', 2);
      await carts.removeItem('u_1', 'p_a');
      expect(await carts.get('u_1')).toEqual([]);
      expect(await carts.get('u_2')).toEqual([{ productId: 'p_b', quantity: 2 }]);
    });

    it('counts every one of many parallel adds', async () => {
      const carts = await open();
      await Promise.all(Array.from({ length: 30 }, () => carts.addItem('u_1', 'p_a', 1)));
      expect(await carts.get('u_1')).toEqual([{ productId: 'p_a', quantity: 30 }]);
    });

    describe('time to live', () => {
      it('keeps a cart changed within the time to live, and answers one idle for it as empty', async () => {
        const { carts, clock } = await openStores();
        await carts.addItem('u_1', 'p_a', 2);
        clock.advance(TTL - 1);
        expect(await carts.get('u_1')).toEqual([{ productId: 'p_a', quantity: 2 }]);
        clock.advance(1);
        expect(await carts.get('u_1')).toEqual([]);
      });

      it('counts the idle time from the last change of any kind', async () => {
        const { carts, clock } = await openStores();
        await carts.addItem('u_1', 'p_a', 1);
        await carts.addItem('u_1', 'p_b', 1);
        for (const change of [
          () => carts.setQuantity('u_1', 'p_a', 3),
          () => carts.removeItem('u_1', 'p_b'),
          () => carts.addItem('u_1', 'p_c', 1),
        ]) {
          clock.advance(TTL - 1);
          await change();
        }
        clock.advance(TTL - 1);
        expect(await carts.get('u_1')).toEqual([
          { productId: 'p_a', quantity: 3 },
          { productId: 'p_c', quantity: 1 },
        ]);
      });

      it('starts an idle cart afresh on its next change, swept or not', async () => {
        const { carts, clock } = await openStores();
        await carts.addItem('u_1', 'p_a', 5);
        await carts.addItem('u_1', 'p_b', 1);
        clock.advance(TTL);
        expect(await carts.addItem('u_1', 'p_a', 1)).toEqual({
          kind: 'changed',
          lines: [{ productId: 'p_a', quantity: 1 }],
        });
        clock.advance(TTL);
        expect(await carts.setQuantity('u_1', 'p_c', 2)).toEqual({
          kind: 'changed',
          lines: [{ productId: 'p_c', quantity: 2 }],
        });
        clock.advance(TTL);
        expect(await carts.removeItem('u_1', 'p_zzz')).toEqual([]);
        expect(await carts.get('u_1')).toEqual([]);
      });

      it('sweeps idle carts in batches and leaves the others alone', async () => {
        const { carts, clock } = await openStores();
        for (let i = 1; i <= 5; i++) await carts.addItem(`u_${i}`, 'p_a', i);
        clock.advance(TTL / 2);
        await carts.addItem('u_fresh', 'p_b', 1);
        clock.advance(TTL / 2);
        // A store whose database expires items itself (DynamoDB TTL) may delete none here.
        expect([0, 5]).toContain(await sweepAll(carts));
        for (let i = 1; i <= 5; i++) expect(await carts.get(`u_${i}`)).toEqual([]);
        expect(await carts.get('u_fresh')).toEqual([{ productId: 'p_b', quantity: 1 }]);
        expect(await carts.addItem('u_1', 'p_c', 1)).toEqual({
          kind: 'changed',
          lines: [{ productId: 'p_c', quantity: 1 }],
        });
        expect(await carts.removeIdle({ limit: 10 })).toBe(0);
      });

      it('counts a checkout that takes lines out of the cart as a change', async () => {
        const { carts, orders, catalog, clock } = await openStores();
        const product = aProduct({ stock: 10 });
        await catalog.create(product);
        await carts.addItem('u_1', product.id, 3);
        clock.advance(TTL - 1);
        const order = anOrder('u_1', [{ productId: product.id, quantity: 1 }], {
          createdAt: clock.now().toISOString(),
        });
        expect(
          (await orders.place(placeCommand({ order, clearPurchasedFromCart: true }))).kind,
        ).toBe('placed');
        clock.advance(TTL - 1);
        expect(await carts.get('u_1')).toEqual([{ productId: product.id, quantity: 2 }]);
        clock.advance(1);
        expect(await carts.get('u_1')).toEqual([]);
      });
    });
  });
