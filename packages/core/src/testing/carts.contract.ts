import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from '../carts/cart';
import { createFakeClock } from './fake-system';
import type { ContractStores, StoreFactory } from './store-factory';

/** What every Carts adapter must do. Carts hold product ids; they do not check the catalog. */
export const describeCartsContract = (name: string, makeStores: StoreFactory) =>
  describe(`Carts contract: ${name}`, () => {
    let opened: ContractStores[] = [];
    const open = async () => {
      const stores = await makeStores(createFakeClock());
      opened.push(stores);
      return stores.carts;
    };
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
  });
