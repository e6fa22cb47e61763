import { afterEach, describe, expect, it } from 'vitest';
import type { Interaction } from '../recommendations/interaction';
import type { Interactions } from '../recommendations/interactions-port';
import { sweepAll } from './carts.contract';
import { createFakeClock } from './fake-system';
import { CONTRACT_STORE_OPTIONS, type ContractStores, type StoreFactory } from './store-factory';

const TTL = CONTRACT_STORE_OPTIONS.guestDataTtlMs;

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
    const openWithClock = async () => {
      const clock = createFakeClock();
      const stores = await makeStores(clock, CONTRACT_STORE_OPTIONS);
      opened.push(stores);
      if (!stores.interactions) throw new Error('this store has no Interactions');
      return { interactions: stores.interactions, clock, at: () => clock.now().toISOString() };
    };
    const open = async (): Promise<Interactions> => (await openWithClock()).interactions;
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

    describe('time to live', () => {
      it('forgets a score whose last event is as old as the time to live', async () => {
        const { interactions, clock, at } = await openWithClock();
        await interactions.record([event({ at: at() })]);
        const recordedAt = at();
        clock.advance(TTL - 1);
        expect(await interactions.categoryScores('u_1')).toEqual([
          { category: 'audio', score: 1, lastAt: recordedAt },
        ]);
        clock.advance(1);
        expect(await interactions.categoryScores('u_1')).toEqual([]);
      });

      it('starts a forgotten score again from the next event, swept or not', async () => {
        const { interactions, clock, at } = await openWithClock();
        await interactions.record([event({ eventType: 'purchase', at: at() })]);
        clock.advance(TTL);
        await interactions.record([event({ eventType: 'add-to-cart', at: at() })]);
        expect(await interactions.categoryScores('u_1')).toEqual([
          { category: 'audio', score: 3, lastAt: at() },
        ]);
      });

      it("keeps a shopper's recent interests when the stale ones go", async () => {
        const { interactions, clock, at } = await openWithClock();
        await interactions.record([event({ category: 'audio', at: at() })]);
        clock.advance(TTL / 2);
        await interactions.record([event({ category: 'games', at: at() })]);
        const gamesAt = at();
        clock.advance(TTL / 2);
        expect(await interactions.categoryScores('u_1')).toEqual([
          { category: 'games', score: 1, lastAt: gamesAt },
        ]);
      });

      it('sweeps stale scores in batches and leaves the others alone', async () => {
        const { interactions, clock, at } = await openWithClock();
        await interactions.record(
          [1, 2, 3].flatMap((n) => [
            event({ userId: `u_${n}`, category: 'audio', at: at() }),
            event({ userId: `u_${n}`, category: 'home', at: at() }),
          ]),
        );
        clock.advance(TTL / 2);
        await interactions.record([event({ userId: 'u_fresh', at: at() })]);
        const freshAt = at();
        clock.advance(TTL / 2);
        // A store whose database expires items itself (DynamoDB TTL) may delete none here.
        expect([0, 6]).toContain(await sweepAll(interactions));
        for (const n of [1, 2, 3]) expect(await interactions.categoryScores(`u_${n}`)).toEqual([]);
        expect(await interactions.categoryScores('u_fresh')).toEqual([
          { category: 'audio', score: 1, lastAt: freshAt },
        ]);
        expect(await interactions.removeIdle({ limit: 10 })).toBe(0);
      });
    });
  });
