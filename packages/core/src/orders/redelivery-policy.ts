/**
 * How a failed order delivery is retried, whichever runtime carries it: the local outbox, the
 * DynamoDB poller, and the SQS worker (which shortens the failed message's visibility to it).
 */
export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * orders that failed together (a gateway outage) spread out instead of returning as one wave.
 */
export const retryDelayMs = (attempt: number, policy: RetryPolicy, random: () => number) => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
};
