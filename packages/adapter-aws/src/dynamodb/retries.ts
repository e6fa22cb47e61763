import { storeUnavailable } from './store-errors';

/** What an attempt returns to ask for another one after a pause. */
export const AGAIN = Symbol('again');

/** Attempts of an optimistic operation (a transaction that met a conflict) before giving up. */
export const CONFLICT_ATTEMPTS = 12;

const BASE_DELAY_MS = 8;
const MAX_DELAY_MS = 400;

/**
 * "Full jitter" (a random pause between 0 and an exponentially growing ceiling): of the
 * backoff schemes AWS measured, the one that lets contending writers finish soonest with the
 * fewest calls, because they stop colliding in lockstep.
 */
export const fullJitterDelay = (attempt: number) =>
  Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A single write met a transaction in flight on the same item (a checkout holding a product
 * item, say) and was rejected without effect. The SDK does not retry it; the loops below do.
 */
const isTransactionConflict = (error: unknown) =>
  error instanceof Error && error.name === 'TransactionConflictException';

/**
 * Runs `attempt` until it returns something other than AGAIN, pausing with full jitter in
 * between; a write rejected by a transaction in flight counts as AGAIN, so an attempt must only
 * write once, last. When every attempt asked again, the store is too contended right now: 503.
 */
export const retryOnConflict = async <T>(
  what: string,
  attempt: (attemptNumber: number) => Promise<T | typeof AGAIN>,
  maxAttempts: number = CONFLICT_ATTEMPTS,
): Promise<T> => {
  for (let n = 0; n < maxAttempts; n++) {
    if (n > 0) await pause(fullJitterDelay(n));
    let result: T | typeof AGAIN;
    try {
      result = await attempt(n);
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      result = AGAIN;
    }
    if (result !== AGAIN) return result;
  }
  throw storeUnavailable(new Error(`${what}: still conflicting after ${maxAttempts} attempts`));
};
