/**
 * A store could not do its work right now (a lock held too long, a throttled table). Adapters
 * translate their vendor errors into this; the API answers 503 with Retry-After.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
