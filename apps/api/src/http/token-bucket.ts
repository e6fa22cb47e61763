/** Burst size and steady refill rate of one bucket. */
export type BucketLimits = { burst: number; perSecond: number };

/**
 * Token buckets keyed by shopper or address, in process memory. The map is bounded: the oldest
 * keys are dropped first, which at worst forgives a shopper nobody has seen in a while.
 */
export const createTokenBuckets = (limits: BucketLimits, now: () => number, maxKeys = 100_000) => {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token; when none is left, the seconds until one is. */
    take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const time = now();
      const seen = buckets.get(key);
      const tokens = seen
        ? Math.min(limits.burst, seen.tokens + ((time - seen.at) / 1000) * limits.perSecond)
        : limits.burst;
      buckets.delete(key);
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: time });
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limits.perSecond)),
        };
      }
      buckets.set(key, { tokens: tokens - 1, at: time });
      return { allowed: true };
    },
  };
};
