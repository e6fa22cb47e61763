import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import { aProduct, aShippingAddress } from '../testing/builders';
import { setupPlaceOrder } from '../testing/place-order-setup';
import { buyNow } from './buy-now';
import type { Orders } from './orders-port';

const OPENS = '2026-12-12T12:00:00.000Z';

const setup = async (products: Product[], orders?: (real: Orders) => Orders) => {
  const { clock, store, live, deps } = await setupPlaceOrder(
    '2026-12-12T11:59:59.999Z',
    products,
    orders,
  );
  const buy = (productId: string, quantity = 1, email = 'ana@example.com', userId = 'u_1') =>
    buyNow(deps, {
      userId,
      details: { productId, quantity, email, shipping: aShippingAddress() },
      idempotency: null,
    });
  return { deps, store, live, clock, buy };
};

describe('checkout of a scheduled drop', () => {
  it('refuses NOT_ON_SALE with the start time until the drop opens, then sells', async () => {
    const drop = aProduct({ stock: 5, saleStartsAt: OPENS, name: 'Retro High' });
    const { buy, clock, store } = await setup([drop]);
    expect(await buy(drop.id)).toEqual({
      ok: false,
      error: {
        code: 'NOT_ON_SALE',
        message: `Retro High goes on sale at ${OPENS}.`,
        details: { items: [{ productId: drop.id, saleStartsAt: OPENS }] },
      },
    });
    expect(await store.catalog.get(drop.id)).toMatchObject({ stock: 5 });
    clock.advance(1);
    expect(await buy(drop.id)).toMatchObject({ ok: true });
    expect(await store.catalog.get(drop.id)).toMatchObject({ stock: 4 });
  });

  it('relies on the atomic place when the catalog read is older than the drop change', async () => {
    const drop = aProduct({ stock: 5, saleStartsAt: null });
    const { buy, store } = await setup([drop], (real) => ({
      ...real,
      // The drop is rescheduled between the catalog read and the write.
      place: async (command) => {
        await store.catalog.update(drop.id, { saleStartsAt: OPENS });
        return real.place(command);
      },
    }));
    expect(await buy(drop.id)).toMatchObject({ ok: false, error: { code: 'NOT_ON_SALE' } });
    expect(await store.catalog.get(drop.id)).toMatchObject({ stock: 5 });
  });
});

describe('checkout with a per-customer limit', () => {
  it('says how many this customer may still buy, across sessions with one email', async () => {
    const pair = aProduct({ stock: 50, maxPerCustomer: 2, name: 'Court Classic' });
    const { buy } = await setup([pair]);
    expect(await buy(pair.id, 1)).toMatchObject({ ok: true });
    expect(await buy(pair.id, 2, 'ANA@example.com ', 'u_2')).toEqual({
      ok: false,
      error: {
        code: 'PURCHASE_LIMIT_EXCEEDED',
        message: 'Court Classic is limited to 2 per customer; you can buy 1 more.',
        details: {
          items: [{ productId: pair.id, requested: 2, limit: 2, remaining: 1 }],
        },
      },
    });
    expect(await buy(pair.id, 1, 'ana@example.com', 'u_3')).toMatchObject({ ok: true });
    expect(await buy(pair.id, 1)).toMatchObject({
      error: {
        code: 'PURCHASE_LIMIT_EXCEEDED',
        message: 'Court Classic is limited to 2 per customer, and you have them already.',
      },
    });
  });
});

describe('checkout with sold-out products', () => {
  it('refuses a product the catalog shows as short without asking the store to write', async () => {
    const gone = aProduct({ stock: 0, name: 'Arcade Stick' });
    let writes = 0;
    const { buy } = await setup([gone], (real) => ({
      ...real,
      place: (command) => {
        writes++;
        return real.place(command);
      },
    }));
    expect(await buy(gone.id)).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_STOCK', message: 'Arcade Stick is sold out.' },
    });
    expect(writes).toBe(0);
  });
});

describe('order numbers', () => {
  it('draws a new number when the store says the first one is taken', async () => {
    const product = aProduct({ stock: 5 });
    const numbers: string[] = [];
    let clashes = 2;
    const { buy } = await setup([product], (real) => ({
      ...real,
      place: async (command) => {
        numbers.push(command.order.number);
        if (clashes-- > 0) return { kind: 'number-taken' };
        return real.place(command);
      },
    }));
    const result = await buy(product.id);
    expect(numbers).toEqual(['0000-0001', '0000-0002', '0000-0003']);
    expect(result.ok && result.value.order.number).toBe('0000-0003');
  });
});
