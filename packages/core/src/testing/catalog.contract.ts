import { afterEach, describe, expect, it } from 'vitest';
import { anOrder, aProduct } from './builders';
import { placeCommand } from './checkout-rules.contract';
import { createFakeClock } from './fake-system';
import { CONTRACT_STORE_OPTIONS, type ContractStores, type StoreFactory } from './store-factory';

/** What every Catalog adapter must do. */
export const describeCatalogContract = (name: string, makeStores: StoreFactory) =>
  describe(`Catalog contract: ${name}`, () => {
    let opened: ContractStores[] = [];
    const openStores = async () => {
      const stores = await makeStores(createFakeClock(), CONTRACT_STORE_OPTIONS);
      opened.push(stores);
      return stores;
    };
    const open = async () => (await openStores()).catalog;
    afterEach(async () => {
      for (const stores of opened) await stores.close?.();
      opened = [];
    });

    it('returns a created product as it was stored, and null for an unknown id', async () => {
      const catalog = await open();
      const product = aProduct({ maxPerOrder: 2 });
      await catalog.create(product);
      expect(await catalog.get(product.id)).toEqual(product);
      expect(await catalog.get('p_unknown')).toBeNull();
    });

    it('refuses a second product with a taken SKU', async () => {
      const catalog = await open();
      const first = aProduct({ sku: 'DUP-1' });
      expect(await catalog.create(first)).toEqual({ kind: 'created' });
      const second = aProduct({ sku: 'DUP-1' });
      expect(await catalog.create(second)).toEqual({ kind: 'duplicate-sku', productId: first.id });
      expect(await catalog.get(second.id)).toBeNull();
    });

    it('gets many by id, skipping unknown ids', async () => {
      const catalog = await open();
      const a = aProduct();
      const b = aProduct();
      await catalog.create(a);
      await catalog.create(b);
      const found = await catalog.getMany([b.id, 'p_nope', a.id]);
      expect(found.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
      expect(await catalog.getMany([])).toEqual([]);
    });

    it('lists in id order, page by page, each product exactly once', async () => {
      const catalog = await open();
      const products = Array.from({ length: 5 }, () => aProduct());
      for (const p of [...products].reverse()) await catalog.create(p);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await catalog.list({ category: null, after, limit: 2 });
        seen.push(...page.items.map((p) => p.id));
        if (page.next === null) break;
        after = page.next;
      }
      expect(seen).toEqual(products.map((p) => p.id));
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const catalog = await open();
      await catalog.create(aProduct());
      await catalog.create(aProduct());
      const page = await catalog.list({ category: null, after: null, limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.next).toBeNull();
    });

    it('filters by category', async () => {
      const catalog = await open();
      const shoe = aProduct({ category: 'sneakers' });
      await catalog.create(shoe);
      await catalog.create(aProduct({ category: 'audio' }));
      const page = await catalog.list({ category: 'sneakers', after: null, limit: 10 });
      expect(page.items.map((p) => p.id)).toEqual([shoe.id]);
      expect((await catalog.list({ category: 'none', after: null, limit: 10 })).items).toEqual([]);
    });

    it('updates descriptive fields, bumps the version and keeps the stock', async () => {
      const catalog = await open();
      const product = aProduct({ stock: 7, version: 3 });
      await catalog.create(product);
      const updated = { ...product, name: 'Renamed', priceCents: 1, maxPerOrder: null, version: 4 };
      expect(
        await catalog.update(product.id, { name: 'Renamed', maxPerOrder: null, priceCents: 1 }),
      ).toEqual({ kind: 'updated', product: updated });
      expect(await catalog.get(product.id)).toEqual(updated);
      expect(await catalog.update('p_unknown', { name: 'x' })).toEqual({ kind: 'not-found' });
    });

    it('refuses to change a SKU to one another product has, changing nothing', async () => {
      const catalog = await open();
      const first = aProduct({ sku: 'TAKEN-1' });
      const second = aProduct();
      await catalog.create(first);
      await catalog.create(second);
      expect(await catalog.update(second.id, { sku: 'TAKEN-1', name: 'New' })).toEqual({
        kind: 'duplicate-sku',
        productId: first.id,
      });
      expect(await catalog.get(second.id)).toEqual(second);
      expect(await catalog.update(second.id, { sku: second.sku })).toMatchObject({
        kind: 'updated',
      });
    });

    it('restocks atomically: parallel restocks all count', async () => {
      const catalog = await open();
      const product = aProduct({ stock: 0, version: 1 });
      await catalog.create(product);
      await Promise.all(Array.from({ length: 40 }, () => catalog.restock(product.id, 2)));
      expect(await catalog.get(product.id)).toMatchObject({ stock: 80, version: 41 });
      expect(await catalog.restock('p_unknown', 1)).toBeNull();
    });

    it('lists products for the owner with units sold in orders that were not cancelled', async () => {
      const { catalog, orders } = await openStores();
      const lamp = aProduct({ stock: 20, category: 'home' });
      const mug = aProduct({ stock: 20, category: 'home' });
      const shoe = aProduct({ stock: 20, category: 'sneakers' });
      for (const p of [lamp, mug, shoe]) await catalog.create(p);
      const buy = (productId: string, quantity: number) =>
        anOrder('u_1', [{ productId, quantity }]);
      const kept = buy(lamp.id, 3);
      const cancelled = buy(lamp.id, 5);
      for (const order of [kept, cancelled, buy(shoe.id, 2), buy(lamp.id, 1)]) {
        await orders.place(placeCommand({ order }));
      }
      await orders.markProcessed(kept.id, { processedAt: kept.createdAt, invoiceKey: 'k' });
      await orders.cancel(cancelled.id, { by: 'shop', reason: 'Cannot ship there' });

      const first = await catalog.listWithSales({ category: null, after: null, limit: 2 });
      const second = await catalog.listWithSales({ category: null, after: first.next, limit: 2 });
      expect(second.next).toBeNull();
      const sales = [...first.items, ...second.items].map((p) => [p.id, p.unitsSold, p.stock]);
      expect(sales).toEqual([
        [lamp.id, 4, 16],
        [mug.id, 0, 20],
        [shoe.id, 2, 18],
      ]);
      expect(first.items[0]).toEqual({ ...(await catalog.get(lamp.id)), unitsSold: 4 });
      const home = await catalog.listWithSales({ category: 'home', after: null, limit: 10 });
      expect(home.items.map((p) => p.id)).toEqual([lamp.id, mug.id]);
    });
  });
