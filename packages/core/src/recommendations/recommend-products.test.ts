import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/product';
import { anOrder, aProduct } from '../testing/builders';
import { placeCommand } from '../testing/checkout-rules.contract';
import { createFakeClock } from '../testing/fake-system';
import { createInMemoryStore } from '../testing/in-memory-store';
import type { EventType } from './interaction';
import { purchasesOf } from './interaction';
import { recommendProducts, recordInteraction } from './recommend-products';

const setup = async (products: Product[]) => {
  const clock = createFakeClock();
  const store = createInMemoryStore();
  for (const p of products) await store.catalog.create(p);
  const deps = { ...store, clock };
  const track = async (userId: string, product: Product, eventType: EventType) => {
    clock.advance(1000);
    expect(await recordInteraction(deps, userId, { productId: product.id, eventType })).toEqual({
      ok: true,
      value: { accepted: true },
    });
  };
  const buy = async (userId: string, product: Product, quantity = 1) => {
    const order = anOrder(userId, [{ productId: product.id, quantity }]);
    await store.orders.place(placeCommand({ order }));
    await store.interactions.record(purchasesOf(order, () => product.category));
    return order;
  };
  return { deps, store, clock, track, buy };
};

describe('recommendations', () => {
  const audio = [
    aProduct({ category: 'audio' }),
    aProduct({ category: 'audio' }),
    aProduct({ category: 'audio' }),
  ];
  const games = [aProduct({ category: 'games' }), aProduct({ category: 'games' })];
  const home = [aProduct({ category: 'home' })];

  it('gives a shopper with no history the best-sellers, then the newest', async () => {
    const { deps, buy } = await setup([...audio, ...games, ...home]);
    await buy('u_other', games[0]!, 3);
    await buy('u_other', audio[1]!, 1);
    const result = await recommendProducts(deps, 'u_new', 4);
    expect(result).toMatchObject({ basis: 'popular', category: null });
    expect(result.items.map((p) => p.id)).toEqual([
      games[0]!.id,
      audio[1]!.id,
      home[0]!.id,
      games[1]!.id,
    ]);
  });

  it('weighs an add-to-cart (3) over two views (1 each)', async () => {
    const { deps, track } = await setup([...audio, ...games]);
    await track('u_1', audio[0]!, 'product-view');
    await track('u_1', audio[1]!, 'product-view');
    await track('u_1', games[0]!, 'add-to-cart');
    const result = await recommendProducts(deps, 'u_1', 2);
    expect(result).toMatchObject({ basis: 'category', category: 'games' });
    expect(result.items.every((p) => p.category === 'games')).toBe(true);
  });

  it('weighs a purchase (5) over an add-to-cart and a view (4)', async () => {
    const { deps, track, buy } = await setup([...audio, ...games]);
    await track('u_1', games[0]!, 'add-to-cart');
    await track('u_1', games[1]!, 'product-view');
    await buy('u_1', audio[0]!);
    expect(await recommendProducts(deps, 'u_1', 2)).toMatchObject({
      basis: 'category',
      category: 'audio',
    });
  });

  it('breaks a tie in favour of the category touched most recently', async () => {
    const { deps, track } = await setup([...audio, ...games]);
    await track('u_1', games[0]!, 'product-view');
    await track('u_1', audio[0]!, 'product-view');
    expect(await recommendProducts(deps, 'u_1', 2)).toMatchObject({ category: 'audio' });
    await track('u_1', audio[1]!, 'product-view');
    await track('u_1', games[1]!, 'product-view');
    expect(await recommendProducts(deps, 'u_1', 2)).toMatchObject({ category: 'games' });
  });

  it('leaves out sold-out products and fills up from the best-sellers', async () => {
    const soldOut = aProduct({ category: 'audio', stock: 0 });
    const { deps, track } = await setup([soldOut, ...audio, ...games]);
    await track('u_1', soldOut, 'add-to-cart');
    const result = await recommendProducts(deps, 'u_1', 5);
    expect(result).toMatchObject({ basis: 'category', category: 'audio' });
    expect(result.items.map((p) => p.id)).not.toContain(soldOut.id);
    expect(result.items).toHaveLength(5);
    expect(result.items.slice(0, 3).every((p) => p.category === 'audio')).toBe(true);
  });

  it('leaves out what the shopper already bought, unless that order was cancelled', async () => {
    const { deps, store, buy } = await setup([...audio, ...games]);
    await buy('u_1', audio[0]!);
    const declined = await buy('u_1', audio[1]!);
    await store.orders.cancel(declined.id, { by: 'payment', reason: 'Card declined' });
    const ids = (await recommendProducts(deps, 'u_1', 10)).items.map((p) => p.id);
    expect(ids).not.toContain(audio[0]!.id);
    expect(ids).toContain(audio[1]!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses an event for a product that does not exist, recording nothing', async () => {
    const { deps, store } = await setup(audio);
    expect(
      await recordInteraction(deps, 'u_1', { productId: 'p_ghost', eventType: 'product-view' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await store.interactions.categoryScores('u_1')).toEqual([]);
  });
});
