import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type AwsClientOptions, clientConfig } from '../aws-client-options';

/**
 * The one way Sellout builds an SES v2 client. One attempt per call: SendEmail is not
 * idempotent, and an SDK retry after a timeout could deliver a message twice. The mailer
 * retries what SES refused outright (throttling) itself, where a retry cannot duplicate.
 */
export const createSesClient = (options: Omit<AwsClientOptions, 'maxAttempts'>): SESv2Client =>
  new SESv2Client({ ...clientConfig(options), maxAttempts: 1 });
