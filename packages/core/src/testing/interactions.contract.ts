import { afterEach, describe, expect, it } from 'vitest';
import type { Interaction } from '../recommendations/interaction';
import type { Interactions } from '../recommendations/interactions-port';
import { createFakeClock } from './fake-system';
import type { ContractStores, StoreFactory } from './store-factory';

const event = (overrides: Partial<Interaction> = {}): Interaction => ({
  userId: 'u_1',
  productId: 'p_1',
  category: 'audio',
  eventType: 'product-view',
  at: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

/** What every Interactions store must do: weighted, recency-stamped scores per category. */
export const describeInteractionsContract = (name: string, makeStores: StoreFactory) =>
  describe(`Interactions contract: ${name}`, () => {
    let opened: ContractStores[] = [];
    const open = async (): Promise<Interactions> => {
      const stores = await makeStores(createFakeClock());
      opened.push(stores);
      if (!stores.interactions) throw new Error('this store has no Interactions');
      return stores.interactions;
    };
    afterEach(async () => {
      for (const stores of opened) await stores.close?.();
      opened = [];
    });

    it('knows nothing of a new shopper', async () => {
      expect(await (await open()).categoryScores('u_new')).toEqual([]);
    });

    it('sums weights per category: view 1, add-to-cart 3, purchase 5', async () => {
      const interactions = await open();
      await interactions.record([
        event({ eventType: 'product-view' }),
        event({ eventType: 'add-to-cart' }),
        event({ eventType: 'purchase', at: '2026-01-02T00:00:00.000Z' }),
        event({ category: 'games', eventType: 'product-view', productId: 'p_2' }),
      ]);
      const scores = await interactions.categoryScores('u_1');
      expect(scores.sort((a, b) => a.category.localeCompare(b.category))).toEqual([
        { category: 'audio', score: 9, lastAt: '2026-01-02T00:00:00.000Z' },
        { category: 'games', score: 1, lastAt: '2026-01-01T00:00:00.000Z' },
      ]);
    });

    it('keeps the latest time even when events arrive out of order', async () => {
      const interactions = await open();
      await interactions.record([event({ at: '2026-01-05T00:00:00.000Z' })]);
      await interactions.record([event({ at: '2026-01-03T00:00:00.000Z' })]);
      expect(await interactions.categoryScores('u_1')).toEqual([
        { category: 'audio', score: 2, lastAt: '2026-01-05T00:00:00.000Z' },
      ]);
    });

    it("keeps each shopper's interests apart", async () => {
      const interactions = await open();
      await interactions.record([
        event({ userId: 'u_1' }),
        event({ userId: 'u_2', category: 'home' }),
      ]);
      expect((await interactions.categoryScores('u_2')).map((s) => s.category)).toEqual(['home']);
    });

    it('counts every one of many parallel events, in one row per category', async () => {
      const interactions = await open();
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          interactions.record([event({ category: i % 2 ? 'audio' : 'home' })]),
        ),
      );
      const scores = await interactions.categoryScores('u_1');
      expect(scores).toHaveLength(2);
      expect(scores.reduce((sum, s) => sum + s.score, 0)).toBe(200);
    });
  });
