import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { queueDefinitions } from '@sellout/adapter-aws/resource-definitions';
import type { LocalResources } from './create-local-resources';

/**
 * The environment the Lambda entry points read when they are imported (their config and clients
 * are made once per container, at import): every endpoint a stand-in's, the resource names,
 * the shop's secrets, and fixed dummy credentials — set explicitly, so a developer's own AWS
 * keys or profile are never picked up by the default chain.
 */
export const lambdaEnvironment = (options: {
  region: string;
  tablePrefix: string;
  endpoints: { dynamodb: string; sqsAndS3: string; ses: string; management: string };
  resources: LocalResources;
  secrets: { adminToken: string; sessionSecret: string };
}): Record<string, string | undefined> => ({
  STORE: 'dynamodb',
  AWS_REGION: options.region,
  AWS_DEFAULT_REGION: options.region,
  TABLE_PREFIX: options.tablePrefix,
  DYNAMODB_ENDPOINT: options.endpoints.dynamodb,
  SQS_ENDPOINT: options.endpoints.sqsAndS3,
  S3_ENDPOINT: options.endpoints.sqsAndS3,
  SES_ENDPOINT: options.endpoints.ses,
  WEBSOCKET_ENDPOINT: options.endpoints.management,
  QUEUE_URL: options.resources.queues.orders.url,
  INVOICE_BUCKET: options.resources.bucket,
  MAIL_TRANSPORT: 'ses',
  MAX_RECEIVE_COUNT: String(queueDefinitions.orders.redrive.maxReceiveCount),
  ADMIN_TOKEN: options.secrets.adminToken,
  SESSION_SECRET: options.secrets.sessionSecret,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_CONFIG_FILE: undefined,
  AWS_SHARED_CREDENTIALS_FILE: undefined,
});

/** Sets (or, for undefined, removes) each variable in this process's environment. */
export const applyEnvironment = (variables: Record<string, string | undefined>) => {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
};
