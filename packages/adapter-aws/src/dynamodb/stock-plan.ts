/** Units to take from one stock item. */
export type Take = { shard: number; units: number };

/**
 * Which shards to take `wanted` units from, walking from `start` and taking what each holds, so
 * buyers starting at random shards spread out and a short shard is topped up from the next.
 * Null when the levels do not add up to `wanted`.
 */
export const planTakes = (
  levels: readonly number[],
  wanted: number,
  start: number,
): Take[] | null => {
  const takes: Take[] = [];
  let rest = wanted;
  for (let i = 0; i < levels.length && rest > 0; i++) {
    const shard = (start + i) % levels.length;
    const units = Math.min(levels[shard]!, rest);
    if (units > 0) {
      takes.push({ shard, units });
      rest -= units;
    }
  }
  return rest === 0 ? takes : null;
};

/** The same units from as few shards as possible: for an order that would not fit otherwise. */
export const planFewestTakes = (levels: readonly number[], wanted: number): Take[] | null => {
  const fullest = levels
    .map((level, shard) => ({ shard, level }))
    .sort((a, b) => b.level - a.level);
  const takes: Take[] = [];
  let rest = wanted;
  for (const { shard, level } of fullest) {
    if (rest === 0) break;
    const units = Math.min(level, rest);
    if (units > 0) {
      takes.push({ shard, units });
      rest -= units;
    }
  }
  return rest === 0 ? takes : null;
};
