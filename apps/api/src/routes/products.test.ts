import { describe, expect, it } from 'vitest';
import {
  allProducts,
  buyNow,
  expectError,
  jsonRequest,
  newShopper,
  openTestApp,
  type PageBody,
  type ProductBody,
  TEST_STORES,
} from '../testing/test-app';

const PRODUCT_KEYS = [
  'category',
  'currency',
  'description',
  'id',
  'imageUrl',
  'maxPerCustomer',
  'maxPerOrder',
  'name',
  'priceCents',
  'saleStartsAt',
  'sku',
  'stock',
  'version',
];

type App = Awaited<ReturnType<typeof openTestApp>>['app'];

/** Follows nextCursor from the first page to the last (bounded), returning every page. */
const walkPages = async (app: App, query: string) => {
  const pages: PageBody<ProductBody>[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const separator = query ? '&' : '';
    const path: string = `/api/products?${query}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await jsonRequest<PageBody<ProductBody>>(app, 'GET', path);
    expect(response.status).toBe(200);
    pages.push(response.body);
    cursor = response.body.nextCursor;
    if (cursor === null) return pages;
  }
  throw new Error('pagination did not end after 100 pages');
};

describe.each(TEST_STORES)('catalog (%s store)', (store) => {
  it('lists products with the Product shape of §8, 20 per page by default', async () => {
    const t = await openTestApp({ store });
    const seeded = await allProducts(t.deps.catalog);
    const response = await jsonRequest<PageBody<ProductBody>>(t.app, 'GET', '/api/products');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
    expect(response.body.items).toHaveLength(Math.min(20, seeded.length));
    for (const item of response.body.items) expect(Object.keys(item).sort()).toEqual(PRODUCT_KEYS);
    expect(response.body.items.find((p) => p.id === t.products.limited.id)).toEqual({
      ...t.products.limited,
      maxPerOrder: 2,
    });
    expect(response.body.items.find((p) => p.id === t.products.plenty.id)?.maxPerOrder).toBeNull();
  });

  it('pages through every product with the cursor, each exactly once', async () => {
    const t = await openTestApp({ store });
    const pages = await walkPages(t.app, 'limit=5');
    const seeded = await allProducts(t.deps.catalog);
    expect(seeded.length).toBeGreaterThan(10);
    expect(pages.map((p) => p.items.length)).toEqual(
      Array.from({ length: Math.ceil(seeded.length / 5) }, (_, i) =>
        Math.min(5, seeded.length - i * 5),
      ),
    );
    const ids = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(seeded.map((p) => p.id).sort());
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('answers the last page with nextCursor null when the limit divides the catalog', async () => {
    const t = await openTestApp({ store });
    const count = (await allProducts(t.deps.catalog)).length;
    const pages = await walkPages(t.app, `limit=${count}`);
    const ids = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(ids).toHaveLength(count);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('filters by category, also across pages', async () => {
    const t = await openTestApp({ store });
    const gadgets = (await allProducts(t.deps.catalog)).filter((p) => p.category === 'gadgets');
    expect(gadgets.length).toBeGreaterThan(2);
    const pages = await walkPages(t.app, 'category=gadgets&limit=2');
    const items = pages.flatMap((p) => p.items);
    expect(items.every((p) => p.category === 'gadgets')).toBe(true);
    expect(items.map((p) => p.id).sort()).toEqual(gadgets.map((p) => p.id).sort());
    expect(pages.length).toBe(Math.ceil(gadgets.length / 2));
  });

  it('answers an empty page for a category nobody sells', async () => {
    const t = await openTestApp({ store });
    const response = await jsonRequest<PageBody<ProductBody>>(
      t.app,
      'GET',
      '/api/products?category=garden',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('treats an empty category as no filter', async () => {
    const t = await openTestApp({ store });
    const all = await jsonRequest<PageBody<ProductBody>>(t.app, 'GET', '/api/products?limit=100');
    const empty = await jsonRequest<PageBody<ProductBody>>(
      t.app,
      'GET',
      '/api/products?limit=100&category=',
    );
    expect(empty.body).toEqual(all.body);
  });

  it('gets one product with its live stock', async () => {
    const t = await openTestApp({ store });
    const before = await jsonRequest<ProductBody>(
      t.app,
      'GET',
      `/api/products/${t.products.few.id}`,
    );
    expect(before.status).toBe(200);
    expect(before.body).toEqual(t.products.few);
    const shopper = await newShopper(t.app);
    expect((await buyNow(t.app, shopper, t.products.few.id, 2)).status).toBe(201);
    const after = await jsonRequest<ProductBody>(
      t.app,
      'GET',
      `/api/products/${t.products.few.id}`,
    );
    expect(after.body.stock).toBe(t.products.few.stock - 2);
    expect(after.body.version).toBeGreaterThan(before.body.version);
  });

  it('answers 404 NOT_FOUND for a product that does not exist', async () => {
    const t = await openTestApp({ store });
    const response = await jsonRequest(t.app, 'GET', '/api/products/p_doesnotexist');
    expectError(response, 404, 'NOT_FOUND');
  });

  it('shows sold-out products with stock 0', async () => {
    const t = await openTestApp({ store });
    const response = await jsonRequest<ProductBody>(
      t.app,
      'GET',
      `/api/products/${t.products.soldOut.id}`,
    );
    expect(response.body.stock).toBe(0);
  });
});
