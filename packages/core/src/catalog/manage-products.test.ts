import { describe, expect, it } from 'vitest';
import { decodeCursor } from '../shared/pagination';
import { aProduct } from '../testing/builders';
import { createRecordingLiveUpdates, createSequentialIds } from '../testing/fake-system';
import { createInMemoryStore } from '../testing/in-memory-store';
import { getProduct } from './get-product';
import { listProducts } from './list-products';
import { createProduct, patchProduct, restockProduct } from './manage-products';
import type { NewProduct } from './product';

const setup = () => {
  const store = createInMemoryStore();
  const live = createRecordingLiveUpdates();
  const deps = {
    catalog: store.catalog,
    ids: createSequentialIds(),
    live,
    shop: { currency: 'USD' },
  };
  return { deps, store, live };
};

const newProduct = (overrides: Partial<NewProduct> = {}): NewProduct => ({
  sku: 'HEADPHONES-01',
  name: 'Studio headphones',
  description: 'Closed-back.',
  category: 'audio',
  priceCents: 12999,
  stock: 50,
  imageUrl: '/images/headphones.webp',
  ...overrides,
});

describe('createProduct', () => {
  it('stores the product with a fresh id, version 1, the shop currency and no purchase limit', async () => {
    const { deps, store } = setup();
    const result = await createProduct(deps, newProduct());
    const expected = {
      ...newProduct(),
      id: 'p_0000000001',
      currency: 'USD',
      maxPerOrder: null,
      saleStartsAt: null,
      maxPerCustomer: null,
      version: 1,
    };
    expect(result).toEqual({ ok: true, value: expected });
    expect(await store.catalog.get('p_0000000001')).toEqual(expected);
  });

  it('keeps a purchase limit and accepts the shop currency spelled out', async () => {
    const { deps } = setup();
    const result = await createProduct(deps, newProduct({ currency: 'USD', maxPerOrder: 2 }));
    expect(result.ok && result.value).toMatchObject({ currency: 'USD', maxPerOrder: 2 });
  });

  it('refuses a product priced in another currency, storing nothing', async () => {
    const { deps, store } = setup();
    const result = await createProduct(deps, newProduct({ currency: 'EUR' }));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'This shop sells in USD; a product cannot be priced in EUR.',
        details: { issues: [{ path: 'currency', message: 'must be USD' }] },
      },
    });
    expect(
      (await store.catalog.list({ after: null, limit: 10, category: null })).items,
    ).toHaveLength(0);
  });

  it('refuses a SKU already in use, naming the SKU and the product that has it', async () => {
    const { deps, store } = setup();
    const first = await createProduct(deps, newProduct());
    const second = await createProduct(deps, newProduct({ name: 'Another pair' }));
    expect(first.ok).toBe(true);
    expect(second).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'SKU HEADPHONES-01 is already used by p_0000000001.',
        details: { issues: [{ path: 'sku', message: 'already used by p_0000000001' }] },
      },
    });
    const all = await store.catalog.list({ after: null, limit: 10, category: null });
    expect(all.items.map((p) => p.name)).toEqual(['Studio headphones']);
  });
});

describe('patchProduct', () => {
  it('schedules, moves and clears a drop, publishing each change live', async () => {
    const { deps, store, live } = setup();
    const product = aProduct({ version: 1 });
    await store.catalog.create(product);
    const opens = '2026-12-12T12:00:00.000Z';
    expect(await patchProduct(deps, product.id, { saleStartsAt: opens })).toMatchObject({
      ok: true,
      value: { saleStartsAt: opens, version: 2 },
    });
    await patchProduct(deps, product.id, { saleStartsAt: null });
    await patchProduct(deps, product.id, { name: 'Renamed' });
    expect(live.events).toEqual([
      { type: 'product', productId: product.id, saleStartsAt: opens, version: 2 },
      { type: 'product', productId: product.id, saleStartsAt: null, version: 3 },
    ]);
    expect(await store.catalog.get(product.id)).toMatchObject({ saleStartsAt: null, version: 4 });
  });

  it('changes the fields sent, bumps the version and keeps the stock', async () => {
    const { deps, store } = setup();
    const product = aProduct({ stock: 7, version: 3 });
    await store.catalog.create(product);
    const result = await patchProduct(deps, product.id, { priceCents: 899, name: 'Renamed' });
    expect(result).toEqual({
      ok: true,
      value: { ...product, priceCents: 899, name: 'Renamed', version: 4 },
    });
  });

  it('answers NOT_FOUND for an unknown product', async () => {
    const { deps } = setup();
    expect(await patchProduct(deps, 'p_missing', { name: 'x' })).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: 'No product with id p_missing.',
        details: { productId: 'p_missing' },
      },
    });
  });

  it("refuses another product's SKU, naming it, and changes nothing", async () => {
    const { deps, store } = setup();
    const taken = aProduct({ sku: 'TAKEN-1' });
    const product = aProduct();
    await store.catalog.create(taken);
    await store.catalog.create(product);
    const result = await patchProduct(deps, product.id, { sku: 'TAKEN-1', name: 'Renamed' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: `SKU TAKEN-1 is already used by ${taken.id}.`,
        details: { issues: [{ path: 'sku', message: `already used by ${taken.id}` }] },
      },
    });
    expect(await store.catalog.get(product.id)).toEqual(product);
    const own = await patchProduct(deps, product.id, { sku: product.sku, name: 'Renamed' });
    expect(own.ok && own.value).toMatchObject({ sku: product.sku, name: 'Renamed' });
  });

  it('refuses to move a product to another currency, changing nothing', async () => {
    const { deps, store } = setup();
    const product = aProduct();
    await store.catalog.create(product);
    const result = await patchProduct(deps, product.id, { currency: 'EUR', priceCents: 1 });
    expect(!result.ok && result.error.code).toBe('VALIDATION_FAILED');
    expect(await store.catalog.get(product.id)).toEqual(product);
  });
});

describe('restockProduct', () => {
  it('adds units, bumps the version and tells live clients the new stock', async () => {
    const { deps, store, live } = setup();
    const product = aProduct({ stock: 2, version: 5 });
    await store.catalog.create(product);
    const result = await restockProduct(deps, product.id, 10);
    expect(result).toEqual({ ok: true, value: { ...product, stock: 12, version: 6 } });
    expect(live.events).toEqual([{ type: 'stock', productId: product.id, stock: 12, version: 6 }]);
  });

  it('answers NOT_FOUND for an unknown product and publishes nothing', async () => {
    const { deps, live } = setup();
    const result = await restockProduct(deps, 'p_missing', 10);
    expect(!result.ok && result.error).toMatchObject({
      code: 'NOT_FOUND',
      details: { productId: 'p_missing' },
    });
    expect(live.events).toEqual([]);
  });
});

describe('reading the catalog', () => {
  it('gets a product, or NOT_FOUND', async () => {
    const { deps, store } = setup();
    const product = aProduct();
    await store.catalog.create(product);
    expect(await getProduct(deps, product.id)).toEqual({ ok: true, value: product });
    const missing = await getProduct(deps, 'p_nope');
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('lists products page by page through opaque cursors', async () => {
    const { deps } = setup();
    for (const sku of ['A-1', 'A-2', 'A-3']) await createProduct(deps, newProduct({ sku }));
    const first = await listProducts(deps, { after: null, limit: 2, category: null });
    expect(first.items.map((p) => p.sku)).toEqual(['A-1', 'A-2']);
    expect(first.nextCursor).not.toBeNull();
    expect(first.nextCursor).not.toContain('p_');
    const second = await listProducts(deps, {
      after: decodeCursor(first.nextCursor!),
      limit: 2,
      category: null,
    });
    expect(second).toEqual({ items: [expect.objectContaining({ sku: 'A-3' })], nextCursor: null });
  });
});
