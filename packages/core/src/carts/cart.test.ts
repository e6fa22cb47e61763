import { describe, expect, it } from 'vitest';
import { aProduct } from '../testing/builders';
import { addToCartSchema, priceCart, quantitySchema, setCartQuantitySchema } from './cart';

const NOW = '2026-12-12T12:00:00.000Z';

describe('priceCart', () => {
  const headphones = aProduct({ name: 'Headphones', priceCents: 12999, stock: 5 });
  const cable = aProduct({ name: 'Cable', priceCents: 450, stock: 1 });

  it('prices each line from the catalog as it is now', () => {
    const cart = priceCart(
      [
        { productId: headphones.id, quantity: 2 },
        { productId: cable.id, quantity: 1 },
      ],
      [cable, headphones],
      'USD',
      NOW,
    );
    expect(cart).toEqual({
      items: [
        {
          productId: headphones.id,
          name: 'Headphones',
          priceCents: 12999,
          quantity: 2,
          lineTotalCents: 25998,
          stock: 5,
          available: true,
          saleStartsAt: null,
        },
        {
          productId: cable.id,
          name: 'Cable',
          priceCents: 450,
          quantity: 1,
          lineTotalCents: 450,
          stock: 1,
          available: true,
          saleStartsAt: null,
        },
      ],
      itemCount: 3,
      totalCents: 26448,
      currency: 'USD',
    });
  });

  it('says when a product not yet on sale opens, and nothing once it has', () => {
    const drop = aProduct({ saleStartsAt: '2026-12-12T12:00:00.001Z' });
    const line = [{ productId: drop.id, quantity: 1 }];
    expect(priceCart(line, [drop], 'USD', NOW).items[0]?.saleStartsAt).toBe(
      '2026-12-12T12:00:00.001Z',
    );
    expect(
      priceCart(line, [drop], 'USD', '2026-12-12T12:00:00.001Z').items[0]?.saleStartsAt,
    ).toBeNull();
  });

  it('follows a price change in the catalog', () => {
    const lines = [{ productId: cable.id, quantity: 3 }];
    expect(priceCart(lines, [cable], 'USD', NOW).totalCents).toBe(1350);
    expect(priceCart(lines, [{ ...cable, priceCents: 500 }], 'USD', NOW).totalCents).toBe(1500);
  });

  it('marks a line unavailable when it asks for more than is in stock, and still prices it', () => {
    const cart = priceCart([{ productId: cable.id, quantity: 2 }], [cable], 'USD', NOW);
    expect(cart.items[0]).toMatchObject({ quantity: 2, stock: 1, available: false });
    expect(cart.totalCents).toBe(900);
    const soldOut = priceCart(
      [{ productId: cable.id, quantity: 1 }],
      [{ ...cable, stock: 0 }],
      'USD',
      NOW,
    );
    expect(soldOut.items[0]?.available).toBe(false);
  });

  it('counts a line asking for exactly the stock as available', () => {
    const cart = priceCart([{ productId: headphones.id, quantity: 5 }], [headphones], 'USD', NOW);
    expect(cart.items[0]?.available).toBe(true);
  });

  it('skips lines whose product no longer exists', () => {
    const cart = priceCart(
      [
        { productId: 'p_gone', quantity: 4 },
        { productId: cable.id, quantity: 1 },
      ],
      [cable],
      'USD',
      NOW,
    );
    expect(cart.items.map((i) => i.productId)).toEqual([cable.id]);
    expect(cart.itemCount).toBe(1);
    expect(cart.totalCents).toBe(450);
  });

  it('prices an empty cart at zero in the shop currency', () => {
    expect(priceCart([], [], 'EUR', NOW)).toEqual({
      items: [],
      itemCount: 0,
      totalCents: 0,
      currency: 'EUR',
    });
  });
});

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : result.error!.issues.map((i) => i.message).join('; ');

describe('quantitySchema (adding to a cart, buying now)', () => {
  it.each([1, 99])('accepts %s', (quantity) => {
    expect(quantitySchema.parse(quantity)).toBe(quantity);
  });

  it.each([
    [0, 'quantity must be at least 1'],
    [-1, 'quantity must be at least 1'],
    [100, 'quantity must be at most 99'],
    [1.5, 'quantity must be a whole number'],
    ['2', 'quantity must be a number'],
    [null, 'quantity must be a number'],
  ])('rejects %j: %s', (quantity, message) => {
    expect(messageOf(quantitySchema.safeParse(quantity))).toBe(message);
  });

  it('is what an add-to-cart request carries, with nothing else', () => {
    expect(addToCartSchema.parse({ productId: 'p_1', quantity: 2 })).toEqual({
      productId: 'p_1',
      quantity: 2,
    });
    expect(
      addToCartSchema.safeParse({ productId: 'p_1', quantity: 2, priceCents: 1 }).success,
    ).toBe(false);
    expect(addToCartSchema.safeParse({ productId: 'p_1', quantity: 0 }).success).toBe(false);
  });
});

describe('setCartQuantitySchema', () => {
  it.each([0, 1, 99])('accepts %s (0 removes the line)', (quantity) => {
    expect(setCartQuantitySchema.parse({ quantity })).toEqual({ quantity });
  });

  it.each([
    [-1, 'quantity must be at least 0 (0 removes the line)'],
    [100, 'quantity must be at most 99'],
    [1.5, 'quantity must be a whole number'],
    ['2', 'quantity must be a number'],
  ])('rejects %j: %s', (quantity, message) => {
    expect(messageOf(setCartQuantitySchema.safeParse({ quantity }))).toBe(message);
  });

  it('rejects unknown fields', () => {
    expect(setCartQuantitySchema.safeParse({ quantity: 1, productId: 'p_1' }).success).toBe(false);
    expect(setCartQuantitySchema.safeParse({}).success).toBe(false);
  });
});
