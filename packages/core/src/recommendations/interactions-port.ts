import type { CategoryScore, Interaction } from './interaction';

/**
 * What shoppers looked at, carted and bought, kept as one running score per shopper and
 * category. Storage per shopper is bounded by the number of categories, however many events
 * one shopper sends; storage over time by the time to live the store is opened with
 * (CART_TTL_DAYS): a score whose lastAt is that old is gone, as if never recorded, whether or
 * not `removeIdle` has deleted it yet (ADR 45).
 */
export type Interactions = {
  /**
   * Adds each event's weight to its category score and moves that category's lastAt; a score
   * past the time to live starts again from the event's weight.
   */
  record(events: readonly Interaction[]): Promise<void>;
  /** The scores still alive. */
  categoryScores(userId: string): Promise<CategoryScore[]>;
  /**
   * Deletes up to `limit` scores past the time to live and says how many. A store whose
   * database deletes expired items itself may delete none here.
   */
  removeIdle(options: { limit: number }): Promise<number>;
};
