import { describe, expect, it } from 'vitest';
import { aProduct } from '../testing/builders';
import {
  isSoldOut,
  MAX_PRICE_CENTS,
  MAX_STOCK,
  newProductSchema,
  productIdSchema,
  productPatchSchema,
  restockSchema,
  stockLevelOf,
} from './product';

const goodProduct = {
  sku: 'HEADPHONES-01',
  name: 'Studio headphones',
  description: 'Closed-back, 32 Ω.',
  category: 'audio',
  priceCents: 12999,
  stock: 50,
  imageUrl: 'https://cdn.example.com/headphones.webp',
};

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.path.join('.'));

describe('newProductSchema', () => {
  it('accepts a good product, trimming its texts', () => {
    expect(
      newProductSchema.parse({ ...goodProduct, name: '  Studio headphones ', maxPerOrder: 2 }),
    ).toEqual({ ...goodProduct, maxPerOrder: 2 });
  });

  it('accepts a free product, zero stock, and the largest price and stock', () => {
    expect(newProductSchema.safeParse({ ...goodProduct, priceCents: 0, stock: 0 }).success).toBe(
      true,
    );
    expect(
      newProductSchema.safeParse({ ...goodProduct, priceCents: MAX_PRICE_CENTS, stock: MAX_STOCK })
        .success,
    ).toBe(true);
  });

  it('rejects unknown fields, including id and version the server assigns', () => {
    for (const extra of [{ id: 'p_1' }, { version: 7 }, { productType: 'audio' }]) {
      const result = newProductSchema.safeParse({ ...goodProduct, ...extra });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it.each([
    ['a negative price', { priceCents: -1 }, 'priceCents'],
    ['a fractional price', { priceCents: 12.5 }, 'priceCents'],
    ['a price in a string', { priceCents: '12999' }, 'priceCents'],
    ['a price over the maximum', { priceCents: MAX_PRICE_CENTS + 1 }, 'priceCents'],
    ['negative stock', { stock: -1 }, 'stock'],
    ['fractional stock', { stock: 1.5 }, 'stock'],
    ['stock over the maximum', { stock: MAX_STOCK + 1 }, 'stock'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a lowercase currency', { currency: 'usd' }, 'currency'],
    ['a category that is not a slug', { category: 'Audio & Video' }, 'category'],
    ['a sku with spaces', { sku: 'HEAD PHONES' }, 'sku'],
    ['a purchase limit of 0', { maxPerOrder: 0 }, 'maxPerOrder'],
    ['a purchase limit over 99', { maxPerOrder: 100 }, 'maxPerOrder'],
  ])('rejects %s', (_, change, path) => {
    expect(issuesOf(newProductSchema.safeParse({ ...goodProduct, ...change }))).toEqual([path]);
  });

  it.each([
    ['http:', 'http://cdn.example.com/a.png'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:image/png;base64,AAAA'],
    ['protocol-relative', '//evil.com/a.png'],
    ['protocol-relative with a backslash', '/\\evil.com/a.png'],
    ['relative without a leading /', 'images/a.png'],
    ['a path with spaces', '/images/a b.png'],
    ['empty', ''],
  ])('rejects an imageUrl that is %s', (_, imageUrl) => {
    const result = newProductSchema.safeParse({ ...goodProduct, imageUrl });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'imageUrl must be an https: URL or a path starting with /',
    ]);
  });

  it.each(['https://cdn.example.com/a.png', '/images/products/a.svg', '/'])(
    'accepts the imageUrl %s',
    (imageUrl) => {
      expect(newProductSchema.parse({ ...goodProduct, imageUrl }).imageUrl).toBe(imageUrl);
    },
  );
});

describe('productPatchSchema', () => {
  it('accepts a change of one field', () => {
    expect(productPatchSchema.parse({ priceCents: 9999 })).toEqual({ priceCents: 9999 });
    expect(productPatchSchema.parse({ maxPerOrder: null })).toEqual({ maxPerOrder: null });
  });

  it('refuses stock, which only restock may change', () => {
    const result = productPatchSchema.safeParse({ stock: 5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.code)).toContain('unrecognized_keys');
    expect(productPatchSchema.safeParse({ name: 'New name', stock: 5 }).success).toBe(false);
  });

  it('refuses an empty patch', () => {
    const result = productPatchSchema.safeParse({});
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'send at least one field to change',
    ]);
  });

  it('validates the fields it carries like a new product', () => {
    expect(productPatchSchema.safeParse({ priceCents: -5 }).success).toBe(false);
    expect(productPatchSchema.safeParse({ imageUrl: '//evil.com/x.png' }).success).toBe(false);
  });
});

describe('restockSchema', () => {
  it('takes a positive whole quantity', () => {
    expect(restockSchema.parse({ quantity: 5 })).toEqual({ quantity: 5 });
    for (const quantity of [0, -1, 1.5, '5', 1_000_001]) {
      expect(restockSchema.safeParse({ quantity }).success).toBe(false);
    }
  });
});

describe('product rules', () => {
  it('knows a product with no stock is sold out', () => {
    expect(isSoldOut({ stock: 0 })).toBe(true);
    expect(isSoldOut({ stock: 1 })).toBe(false);
  });

  it('tells the stock level with its version', () => {
    const product = aProduct({ stock: 3, version: 9 });
    expect(stockLevelOf(product)).toEqual({ productId: product.id, stock: 3, version: 9 });
  });

  it('recognises product ids', () => {
    expect(productIdSchema.safeParse('p_01JC3Z8X5Q9W7R6T4Y2M1N0B3V').success).toBe(true);
    for (const id of ['o_1', 'p_', 'p_../x', 'P_1']) {
      expect(productIdSchema.safeParse(id).success).toBe(false);
    }
  });
});
