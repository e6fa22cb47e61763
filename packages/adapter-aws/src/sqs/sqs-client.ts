import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsClientOptions, clientConfig } from '../aws-client-options';

/** The one way Sellout builds an SQS client (fauxqs when `endpoint` is set). */
export const createSqsClient = (options: AwsClientOptions): SQSClient =>
  new SQSClient(clientConfig(options));
