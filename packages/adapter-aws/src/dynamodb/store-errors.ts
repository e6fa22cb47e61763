import { StoreUnavailableError } from '@sellout/core/shared/store-unavailable-error';

/** The table (or the account) is over its throughput: wait and retry. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** DynamoDB could not be reached, or answered with a fault of its own. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

type SdkError = {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
};

export const isThrottling = (error: unknown) =>
  error instanceof Error && THROTTLING.has(error.name);

/**
 * Whether an error means "DynamoDB cannot do this right now" rather than a bug: throttling, a
 * server fault or an unreachable endpoint, still failing after the SDK's retries.
 */
export const isUnavailable = (error: unknown) => {
  if (!(error instanceof Error)) return false;
  const sdk = error as SdkError;
  return (
    THROTTLING.has(error.name) ||
    sdk.$fault === 'server' ||
    error.name === 'TimeoutError' ||
    (typeof sdk.code === 'string' && UNREACHABLE.has(sdk.code))
  );
};

export const storeUnavailable = (cause: unknown) =>
  new StoreUnavailableError('The store is busy; try again shortly.', { cause });

const isMethod = (member: unknown): member is (...args: unknown[]) => unknown =>
  typeof member === 'function';

/**
 * The port with DynamoDB's "not now" errors translated at the boundary into
 * StoreUnavailableError (503 with Retry-After); every other error passes unchanged. The SDK has
 * already retried them (dynamodb-client.ts), so nothing is retried here.
 */
export const translateStoreErrors = <Port extends object>(port: Port): Port => {
  const guarded: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(port) as [string, unknown][]) {
    guarded[name] = isMethod(member)
      ? async (...args: unknown[]) => {
          try {
            return await member.apply(port, args);
          } catch (error) {
            throw isUnavailable(error) ? storeUnavailable(error) : error;
          }
        }
      : member;
  }
  // Same members with the same signatures, each still returning a promise of the same value.
  return guarded as Port;
};
