/** Fixed credentials, as the stand-ins take them; real ones come from the default chain. */
export type StaticCredentials = { accessKeyId: string; secretAccessKey: string };

/** Attempts per request, the first included, for the SQS, S3 and API Gateway clients. */
export const DEFAULT_AWS_MAX_ATTEMPTS = 5;

/**
 * The local stand-ins (DynamoDB Local, fauxqs, aws-ses-v2-local) accept any credentials; these
 * are used with an endpoint when the environment has none, so nothing needs AWS setup.
 */
export const LOCAL_CREDENTIALS: StaticCredentials = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
};

/** A stand-in takes any key; the real service gets the default chain (a Lambda's role). */
export const standInCredentials = (endpoint: string | undefined) =>
  endpoint && !process.env.AWS_ACCESS_KEY_ID ? LOCAL_CREDENTIALS : undefined;

export type AwsClientOptions = {
  region: string;
  /** A local stand-in; unset for the real service. */
  endpoint?: string | undefined;
  /** Unset: the SDK's default chain (environment, profile, the Lambda's role). */
  credentials?: StaticCredentials | undefined;
  maxAttempts?: number;
};

/**
 * The configuration every Sellout SDK client shares: adaptive retries (throttling slows the
 * client down instead of turning a rush into a retry storm), the endpoint of a stand-in.
 */
export const clientConfig = (options: AwsClientOptions) => ({
  region: options.region,
  retryMode: 'adaptive' as const,
  maxAttempts: options.maxAttempts ?? DEFAULT_AWS_MAX_ATTEMPTS,
  ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
  ...(options.credentials !== undefined && { credentials: options.credentials }),
});
