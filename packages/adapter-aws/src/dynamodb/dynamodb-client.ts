import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** Attempts per request, the first included, before a throttled or failing call gives up. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export type DynamoDbClientOptions = {
  region: string;
  /** DynamoDB Local, for instance; unset for the real service. */
  endpoint?: string | undefined;
  /** Unset: the SDK's default chain (environment, profile, instance role). */
  credentials?: DynamoDBClientConfig['credentials'];
  maxAttempts?: number;
  /** Tests swap the HTTP layer to answer with errors of their choosing. */
  requestHandler?: DynamoDBClientConfig['requestHandler'];
};

/**
 * The one way Sellout builds a DynamoDB client. Adaptive retries: throttling errors are retried
 * with backoff and the client also slows its own request rate while the table throttles, so a
 * rush does not turn into a retry storm. What still fails after the last attempt reaches the
 * adapters, which answer it as StoreUnavailableError (store-errors.ts).
 */
export const createDynamoDbClient = (options: DynamoDbClientOptions): DynamoDBClient =>
  new DynamoDBClient({
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    ...(options.requestHandler !== undefined && { requestHandler: options.requestHandler }),
  });
