import type { Carts } from '../carts/carts-port';
import type { Interactions } from '../recommendations/interactions-port';

type Sweepable = { removeIdle(options: { limit: number }): Promise<number> };

export type SweepDeps = {
  carts: Pick<Carts, 'removeIdle'>;
  interactions: Pick<Interactions, 'removeIdle'>;
  /**
   * Called between batches: lets other work (checkouts) in, and says whether to go on (false
   * when the process is stopping).
   */
  keepGoing: () => Promise<boolean>;
};

/**
 * Deletes carts and interest scores idle past the stores' time to live (ADR 45), in short
 * batches so the store is never locked for long. A run is bounded; what is left over waits for
 * the next run, and reads already hide it.
 */
export const sweepIdleGuestData = async (
  deps: SweepDeps,
  { batchSize = 500, maxBatches = 200 } = {},
): Promise<{ carts: number; interests: number }> => {
  let stopped = false;
  const drain = async (store: Sweepable) => {
    let total = 0;
    for (let batch = 0; batch < maxBatches && !stopped; batch++) {
      const removed = await store.removeIdle({ limit: batchSize });
      total += removed;
      if (removed < batchSize) break;
      stopped = !(await deps.keepGoing());
    }
    return total;
  };
  const carts = await drain(deps.carts);
  const interests = await drain(deps.interactions);
  return { carts, interests };
};
