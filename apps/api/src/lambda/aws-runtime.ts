import { standInCredentials } from '@sellout/adapter-aws/aws-client-options';
import { createDynamoDbClient } from '@sellout/adapter-aws/dynamodb/dynamodb-client';
import { createS3BlobStore } from '@sellout/adapter-aws/s3/s3-blob-store';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { createSesClient } from '@sellout/adapter-aws/ses/ses-client';
import { createSesMailer } from '@sellout/adapter-aws/ses/ses-mailer';
import { createDeliveryProgress } from '@sellout/adapter-aws/sqs/delivery-progress';
import { createSqsOrderDispatch } from '@sellout/adapter-aws/sqs/order-dispatch';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import type { LiveUpdates } from '@sellout/core/live/live-updates-port';
import { createSystemIds, systemClock } from '@sellout/core/shared/system';
import type { Logger } from 'pino';
import type { RuntimeParts, SideAdapters } from '../wiring/build-deps';
import { openShopDynamoStore } from '../wiring/shop-store';
import type { LambdaConfig } from './lambda-config';

/**
 * On AWS, live messages come from the tables' streams (main-lambda-stream), never from the
 * request or the worker: a use case's publish has nothing to do there.
 */
export const streamsCarryLiveUpdates: LiveUpdates = { publish() {} };

/** The SDK clients of one container, created once, outside the handlers. */
export const createAwsClients = (config: LambdaConfig) => {
  const region = config.AWS_REGION;
  return {
    dynamodb: createDynamoDbClient({
      region,
      endpoint: config.DYNAMODB_ENDPOINT,
      credentials: standInCredentials(config.DYNAMODB_ENDPOINT),
    }),
    sqs: createSqsClient({
      region,
      endpoint: config.SQS_ENDPOINT,
      credentials: standInCredentials(config.SQS_ENDPOINT),
    }),
    s3: createS3Client({
      region,
      endpoint: config.S3_ENDPOINT,
      credentials: standInCredentials(config.S3_ENDPOINT),
    }),
    ses: createSesClient({
      region,
      endpoint: config.SES_ENDPOINT,
      credentials: standInCredentials(config.SES_ENDPOINT),
    }),
  };
};

export type AwsClients = ReturnType<typeof createAwsClients>;

/** A setting this role did not need at start (loadLambdaConfig checks each role's own). */
const unset = (name: string) => () => {
  throw new Error(`${name} is not set for this function`);
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
  const { tables, store } = openShopDynamoStore(clients.dynamodb, config, logger);
  const progress = createDeliveryProgress({
    client: clients.dynamodb,
    table: tables.markers,
    clock: systemClock,
  });
  const queueUrl = config.QUEUE_URL;
  const bucket = config.INVOICE_BUCKET;
  const sides: SideAdapters = {
    blobs: bucket
      ? createS3BlobStore({ client: clients.s3, bucket })
      : { put: unset('INVOICE_BUCKET'), get: unset('INVOICE_BUCKET') },
    mailer: createSesMailer({
      ses: clients.ses,
      dynamodb: clients.dynamodb,
      markersTable: tables.markers,
      from: config.MAIL_FROM,
      clock: systemClock,
      log: logger.child({ component: 'mail' }),
    }),
    dispatch: queueUrl
      ? createSqsOrderDispatch({ client: clients.sqs, queueUrl, progress })
      : { resend: unset('QUEUE_URL') },
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
  return { parts, clients, tables, config, progress, store };
};

export type AwsRuntime = ReturnType<typeof openAwsRuntime>;
