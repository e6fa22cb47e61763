import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import { aProduct } from '../testing/builders';
import { createFakeClock } from '../testing/fake-system';
import { createInMemoryStore } from '../testing/in-memory-store';
import { MAX_CART_LINES } from './cart';
import { addToCart, getCart, removeFromCart, setCartQuantity } from './manage-cart';

const setup = async (...products: Product[]) => {
  const store = createInMemoryStore();
  for (const product of products) await store.catalog.create(product);
  const deps = {
    catalog: store.catalog,
    carts: store.carts,
    clock: createFakeClock(),
    shop: { currency: 'USD' },
  };
  return { deps, store };
};

const notFound = (productId: string) => ({
  ok: false,
  error: {
    code: 'NOT_FOUND',
    message: `No product with id ${productId}.`,
    details: { productId },
  },
});

describe('addToCart', () => {
  it('adds units and answers the cart priced from the catalog', async () => {
    const product = aProduct({ name: 'Mug', priceCents: 1250, stock: 4 });
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 1 });
    const result = await addToCart(deps, 'u_1', { productId: product.id, quantity: 2 });
    expect(result).toEqual({
      ok: true,
      value: {
        items: [
          {
            productId: product.id,
            name: 'Mug',
            priceCents: 1250,
            quantity: 3,
            lineTotalCents: 3750,
            stock: 4,
            available: true,
            saleStartsAt: null,
          },
        ],
        itemCount: 3,
        totalCents: 3750,
        currency: 'USD',
      },
    });
  });

  it('lets a line ask for more than is in stock, showing it unavailable', async () => {
    const product = aProduct({ stock: 1 });
    const { deps } = await setup(product);
    const result = await addToCart(deps, 'u_1', { productId: product.id, quantity: 3 });
    expect(result.ok && result.value.items[0]).toMatchObject({ quantity: 3, available: false });
  });

  it('answers NOT_FOUND for an unknown product and leaves the cart as it was', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 2 });
    const before = await getCart(deps, 'u_1');
    expect(await addToCart(deps, 'u_1', { productId: 'p_missing', quantity: 1 })).toEqual(
      notFound('p_missing'),
    );
    expect(await getCart(deps, 'u_1')).toEqual(before);
  });

  it('refuses to grow a line past 99 units, saying how many more fit', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 98 });
    expect(await addToCart(deps, 'u_1', { productId: product.id, quantity: 2 })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'A cart line holds at most 99 units; this one already has 98.',
        details: { issues: [{ path: 'quantity', message: 'at most 1 more' }] },
      },
    });
    expect((await getCart(deps, 'u_1')).itemCount).toBe(98);
  });

  it(`refuses a new product in a cart of ${MAX_CART_LINES} products, but grows existing lines`, async () => {
    const products = Array.from({ length: MAX_CART_LINES + 1 }, () => aProduct());
    const { deps } = await setup(...products);
    for (const product of products.slice(0, MAX_CART_LINES)) {
      expect((await addToCart(deps, 'u_1', { productId: product.id, quantity: 1 })).ok).toBe(true);
    }
    const extra = products[MAX_CART_LINES]!;
    expect(await addToCart(deps, 'u_1', { productId: extra.id, quantity: 1 })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'A cart holds at most 48 different products; check out or remove one first.',
        details: { issues: [{ path: 'productId', message: 'cart is full' }] },
      },
    });
    const grown = await addToCart(deps, 'u_1', { productId: products[0]!.id, quantity: 1 });
    expect(grown.ok && grown.value.itemCount).toBe(MAX_CART_LINES + 1);
    expect(grown.ok && grown.value.items.map((i) => i.productId)).not.toContain(extra.id);
  });

  it("keeps shoppers' carts apart", async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 2 });
    expect((await getCart(deps, 'u_2')).items).toEqual([]);
  });
});

describe('setCartQuantity', () => {
  it('sets a line to an exact quantity, creating it if needed', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    const created = await setCartQuantity(deps, 'u_1', product.id, 5);
    expect(created.ok && created.value.itemCount).toBe(5);
    const lowered = await setCartQuantity(deps, 'u_1', product.id, 2);
    expect(lowered.ok && lowered.value.items).toMatchObject([
      { productId: product.id, quantity: 2 },
    ]);
  });

  it('removes a line set to 0', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 3 });
    const result = await setCartQuantity(deps, 'u_1', product.id, 0);
    expect(result).toEqual({
      ok: true,
      value: { items: [], itemCount: 0, totalCents: 0, currency: 'USD' },
    });
  });

  it('accepts 0 for a line that is not there, even of an unknown product', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 1 });
    const result = await setCartQuantity(deps, 'u_1', 'p_missing', 0);
    expect(result.ok && result.value.items.map((i) => i.productId)).toEqual([product.id]);
  });

  it('answers NOT_FOUND when setting units of an unknown product', async () => {
    const { deps } = await setup();
    expect(await setCartQuantity(deps, 'u_1', 'p_missing', 1)).toEqual(notFound('p_missing'));
    expect((await getCart(deps, 'u_1')).items).toEqual([]);
  });
});

describe('removeFromCart', () => {
  it('removes a line and answers the rest of the cart', async () => {
    const keep = aProduct({ priceCents: 300 });
    const drop = aProduct();
    const { deps } = await setup(keep, drop);
    await addToCart(deps, 'u_1', { productId: keep.id, quantity: 2 });
    await addToCart(deps, 'u_1', { productId: drop.id, quantity: 1 });
    const cart = await removeFromCart(deps, 'u_1', drop.id);
    expect(cart.items.map((i) => i.productId)).toEqual([keep.id]);
    expect(cart).toMatchObject({ itemCount: 2, totalCents: 600 });
    expect(await getCart(deps, 'u_1')).toEqual(cart);
  });

  it('answers the cart unchanged when the line was not there', async () => {
    const product = aProduct();
    const { deps } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 1 });
    const before = await getCart(deps, 'u_1');
    expect(await removeFromCart(deps, 'u_1', 'p_missing')).toEqual(before);
  });
});

describe('getCart', () => {
  it('prices at the current catalog price, not the price when added', async () => {
    const product = aProduct({ priceCents: 1000 });
    const { deps, store } = await setup(product);
    await addToCart(deps, 'u_1', { productId: product.id, quantity: 2 });
    await store.catalog.update(product.id, { priceCents: 1500 });
    expect((await getCart(deps, 'u_1')).totalCents).toBe(3000);
  });
});
