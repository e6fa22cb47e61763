import type { CategoryScore, Interaction } from './interaction';

/**
 * What shoppers looked at, carted and bought, kept as one running score per shopper and
 * category. Storage per shopper is bounded by the number of categories, however many events
 * one shopper sends.
 */
export type Interactions = {
  /** Adds each event's weight to its category score and moves that category's lastAt. */
  record(events: readonly Interaction[]): Promise<void>;
  categoryScores(userId: string): Promise<CategoryScore[]>;
};
