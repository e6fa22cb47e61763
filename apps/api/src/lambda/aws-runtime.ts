import { LOCAL_CREDENTIALS } from '@sellout/adapter-aws/aws-client-options';
import { createDynamoStore } from '@sellout/adapter-aws/dynamodb/dynamo-store';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { tableNames } from '@sellout/adapter-aws/dynamodb/table-definitions';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { createSesClient } from '@sellout/adapter-aws/ses/ses-client';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import type { LiveUpdates } from '@sellout/core/live/live-updates-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import { DAY_MS } from '@sellout/core/shared/time';
import type { Logger } from 'pino';
import type { RuntimeParts, SideAdapters } from '../wiring/build-deps';
import type { LambdaConfig } from './lambda-config';

/**
 * On AWS, live messages come from the tables' streams (main-lambda-stream), never from the
 * request or the worker: a use case's publish has nothing to do there.
 */
export const streamsCarryLiveUpdates: LiveUpdates = { publish() {} };

/** The SDK clients of one container, created once, outside the handlers. */
export const createAwsClients = (config: LambdaConfig) => {
  const region = config.AWS_REGION;
  // A stand-in takes any key; the real service gets the default chain (the function's role).
  const credentials = (endpoint: string | undefined) =>
    endpoint && !process.env.AWS_ACCESS_KEY_ID ? LOCAL_CREDENTIALS : undefined;
  return {
    dynamodb: createDynamoDbClient({
      region,
      endpoint: config.DYNAMODB_ENDPOINT,
      credentials: credentials(config.DYNAMODB_ENDPOINT),
    }),
    sqs: createSqsClient({
      region,
      endpoint: config.SQS_ENDPOINT,
      credentials: credentials(config.SQS_ENDPOINT),
    }),
    s3: createS3Client({
      region,
      endpoint: config.S3_ENDPOINT,
      credentials: credentials(config.S3_ENDPOINT),
    }),
    ses: createSesClient({
      region,
      endpoint: config.SES_ENDPOINT,
      credentials: credentials(config.SES_ENDPOINT),
    }),
  };
};

export type AwsClients = ReturnType<typeof createAwsClients>;

const notYet = (what: string) => async () => {
  throw new Error(`${what} is not wired on the AWS runtime yet`);
};

/**
 * Everything a Lambda role runs on: the DynamoDB store and the S3, SES and SQS side adapters
 * over the given clients. The parts are the ones the Node runtimes hand to buildAppDeps and
 * buildDeliveryDeps, so the HTTP app and the worker are the same code on every runtime.
 */
export const openAwsRuntime = (
  config: LambdaConfig,
  logger: Logger,
  clients: AwsClients = createAwsClients(config),
) => {
  const tables = tableNames(config.TABLE_PREFIX);
  const store = createDynamoStore({
    client: clients.dynamodb,
    tables,
    stockShards: config.STOCK_SHARDS,
    clock: systemClock,
    guestDataTtlMs: config.CART_TTL_DAYS * DAY_MS,
    onPurchasesLost: (error) =>
      logger.warn({ err: error }, 'could not record purchases for recommendations'),
  });
  const sides: SideAdapters = {
    blobs: { put: notYet('the S3 blob store'), get: notYet('the S3 blob store') },
    mailer: { send: notYet('the SES mailer') },
    dispatch: { resend: notYet('the SQS dispatch') },
    live: streamsCarryLiveUpdates,
  };
  const parts: RuntimeParts = {
    store,
    sides,
    config,
    logger,
    clock: systemClock,
    ids: createSystemIds(),
  };
  return { parts, clients, tables, config };
};

export type AwsRuntime = ReturnType<typeof openAwsRuntime>;
