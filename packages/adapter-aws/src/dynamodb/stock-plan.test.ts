import { describe, expect, it } from 'vitest';
import { spread } from './product-items';
import { planFewestTakes, planTakes } from './stock-plan';

describe('planTakes', () => {
  it('takes everything from the start shard when it holds enough', () => {
    expect(planTakes([5, 5, 5], 3, 1)).toEqual([{ shard: 1, units: 3 }]);
  });

  it('tops a short shard up from the next ones, wrapping around, skipping empty ones', () => {
    expect(planTakes([2, 0, 1, 0], 3, 2)).toEqual([
      { shard: 2, units: 1 },
      { shard: 0, units: 2 },
    ]);
  });

  it('has no plan when the shards hold fewer units than wanted', () => {
    expect(planTakes([1, 1, 0], 3, 0)).toBeNull();
  });
});

describe('planFewestTakes', () => {
  it('takes from the fullest shards first', () => {
    expect(planFewestTakes([1, 4, 2, 1], 5)).toEqual([
      { shard: 1, units: 4 },
      { shard: 2, units: 1 },
    ]);
  });
});

describe('spread', () => {
  it('splits units as evenly as possible, the remainder from the start shard on', () => {
    expect(spread(10, 4)).toEqual([3, 3, 2, 2]);
    expect(spread(2, 4, 3)).toEqual([1, 0, 0, 1]);
    expect(spread(0, 3)).toEqual([0, 0, 0]);
    expect(spread(7, 1)).toEqual([7]);
  });
});
