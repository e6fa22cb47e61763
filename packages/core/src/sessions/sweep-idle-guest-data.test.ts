import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../shared/time';
import { createFakeClock } from '../testing/fake-system';
import { createInMemoryStore } from '../testing/in-memory-store';
import { sweepIdleGuestData } from './sweep-idle-guest-data';

const TTL = 30 * DAY_MS;

const storeWithGuests = async (idle: number, fresh: number) => {
  const clock = createFakeClock();
  const store = createInMemoryStore({ clock, guestDataTtlMs: TTL });
  const at = () => clock.now().toISOString();
  const guest = async (userId: string) => {
    await store.carts.addItem(userId, 'p_a', 1);
    await store.interactions.record([
      { userId, productId: 'p_a', category: 'audio', eventType: 'add-to-cart', at: at() },
    ]);
  };
  for (let i = 0; i < idle; i++) await guest(`u_idle${i}`);
  clock.advance(TTL / 2);
  for (let i = 0; i < fresh; i++) await guest(`u_fresh${i}`);
  clock.advance(TTL / 2);
  return store;
};

describe('sweepIdleGuestData', () => {
  it('deletes every idle cart and score, batch after batch, and keeps the fresh ones', async () => {
    const store = await storeWithGuests(7, 2);
    let pauses = 0;
    const swept = await sweepIdleGuestData(
      { ...store, keepGoing: async () => ++pauses > 0 },
      { batchSize: 3 },
    );
    expect(swept).toEqual({ carts: 7, interests: 7 });
    // 3 + 3 + 1 for each kind: a pause after each full batch.
    expect(pauses).toBe(4);
    expect(await store.carts.get('u_idle0')).toEqual([]);
    expect(await store.carts.get('u_fresh1')).toEqual([{ productId: 'p_a', quantity: 1 }]);
    expect(await store.interactions.categoryScores('u_fresh1')).toHaveLength(1);
    expect(await sweepIdleGuestData({ ...store, keepGoing: async () => true })).toEqual({
      carts: 0,
      interests: 0,
    });
  });

  it('stops between batches when told to, leaving the rest for the next run', async () => {
    const store = await storeWithGuests(7, 0);
    const swept = await sweepIdleGuestData(
      { ...store, keepGoing: async () => false },
      { batchSize: 3 },
    );
    expect(swept).toEqual({ carts: 3, interests: 0 });
    expect(await sweepIdleGuestData({ ...store, keepGoing: async () => true })).toEqual({
      carts: 4,
      interests: 7,
    });
  });

  it('does at most maxBatches batches in one run', async () => {
    const store = await storeWithGuests(7, 0);
    const swept = await sweepIdleGuestData(
      { ...store, keepGoing: async () => true },
      { batchSize: 2, maxBatches: 2 },
    );
    expect(swept).toEqual({ carts: 4, interests: 4 });
  });
});
