import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { queueNames } from '@sellout/adapter-aws/resource-definitions';
import { ensureBucket } from '@sellout/adapter-aws/s3/create-bucket';
import { createS3Client } from '@sellout/adapter-aws/s3/s3-client';
import { ensureQueues } from '@sellout/adapter-aws/sqs/create-queues';
import { createSqsClient } from '@sellout/adapter-aws/sqs/sqs-client';
import {
  dynamodbEndpoint,
  freshTables,
  localClient,
} from '@sellout/adapter-aws/testing/dynamodb-test-tables';
import { startLocalSqsAndS3 } from '@sellout/adapter-aws/testing/fauxqs';
import { startManagementApiStandIn } from '@sellout/adapter-aws/testing/management-api-stand-in';
import { startLocalSes } from '@sellout/adapter-aws/testing/ses-local';
import { createProduct } from '@sellout/core/catalog/manage-products';
import type { NewProduct } from '@sellout/core/catalog/product';
import { buyNow } from '@sellout/core/orders/buy-now';
import { aShippingAddress } from '@sellout/core/testing/builders';
import { pino } from 'pino';
import { createSessionTokens } from '../http/session-tokens';
import { openAwsRuntime } from '../lambda/aws-runtime';
import { type LambdaRole, loadLambdaConfig } from '../lambda/lambda-config';

/**
 * The AWS runtime of the Lambda handlers over local stand-ins, for the handler tests: DynamoDB
 * Local (this run's), fauxqs for SQS and S3 and aws-ses-v2-local for SES (both in this
 * process), and a stand-in of API Gateway's Management API. The handlers get their config
 * from an environment, as on Lambda, and build their clients from it.
 */
export const startAwsStandIns = async () => {
  const sqsS3 = await startLocalSqsAndS3();
  const ses = await startLocalSes();
  const management = await startManagementApiStandIn();
  const dynamodb = localClient();
  const tables = await freshTables(dynamodb, 'lambda');
  const prefix = tables.names.orders.slice(0, -'orders'.length);
  const sqs = createSqsClient(sqsS3.clientOptions);
  const addresses = await ensureQueues(sqs, queueNames(prefix), { maxReceiveCount: 3 });
  /** The queues' URLs, as the SDK's calls take them. */
  const queues = { orders: addresses.orders.url, ordersDeadLetter: addresses.ordersDeadLetter.url };
  const s3 = createS3Client(sqsS3.clientOptions);
  const bucket = `${prefix}invoices`.toLowerCase();
  await ensureBucket(s3, bucket);
  const sessionSecret = randomBytes(32).toString('base64url');
  const env = {
    AWS_REGION: 'us-east-1',
    TABLE_PREFIX: prefix,
    DYNAMODB_ENDPOINT: dynamodbEndpoint ?? undefined,
    SQS_ENDPOINT: sqsS3.endpoint,
    S3_ENDPOINT: sqsS3.endpoint,
    SES_ENDPOINT: ses.endpoint,
    QUEUE_URL: queues.orders,
    INVOICE_BUCKET: bucket,
    WEBSOCKET_ENDPOINT: management.endpoint,
    ADMIN_TOKEN: randomBytes(18).toString('base64url'),
    SESSION_SECRET: sessionSecret,
    MAX_RECEIVE_COUNT: '3',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'info',
  };
  /** Every log line of the runtimes opened here, parsed. */
  const logLines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) logLines.push(JSON.parse(line));
        done();
      },
    }),
  );
  const opened: { close(): void }[] = [];
  /** A role's runtime, as its main-lambda-*.ts opens it at container start. */
  const runtimeFor = (role: LambdaRole) => {
    const runtime = openAwsRuntime(loadLambdaConfig(env, role), logger);
    opened.push({
      close: () => {
        for (const client of Object.values(runtime.clients)) client.destroy();
      },
    });
    return runtime;
  };
  const seedRuntime = runtimeFor('http');
  const tokens = createSessionTokens({
    secret: sessionSecret,
    clock: seedRuntime.parts.clock,
    ttlMs: 86_400_000,
  });
  return {
    env,
    tables: tables.names,
    queues,
    bucket,
    sqsS3,
    ses,
    management,
    dynamodb,
    sqs,
    s3,
    logLines,
    runtimeFor,
    store: seedRuntime.store,
    /** A product in the catalog, created as the admin API creates one. */
    seed: async (fields: Partial<NewProduct> & { sku: string }) => {
      const created = await createProduct(
        {
          catalog: seedRuntime.store.catalog,
          ids: seedRuntime.parts.ids,
          shop: { currency: 'USD' },
        },
        {
          name: `Product ${fields.sku}`,
          description: 'Made for the Lambda tests.',
          category: 'gadgets',
          priceCents: 1250,
          stock: 10,
          imageUrl: '/images/products/x.svg',
          ...fields,
        },
      );
      if (!created.ok) throw new Error(created.error.message);
      return created.value;
    },
    /** A committed PENDING order of `quantity` units, as a checkout places it. */
    buy: async (productId: string, paymentToken = 'tok_visa', userId = 'u_buyer', quantity = 1) => {
      const placed = await buyNow(
        {
          ...seedRuntime.parts.store,
          live: seedRuntime.parts.sides.live,
          clock: seedRuntime.parts.clock,
          ids: seedRuntime.parts.ids,
        },
        {
          userId,
          details: {
            productId,
            quantity,
            email: 'ana@example.com',
            shipping: aShippingAddress(),
            paymentToken,
          },
          idempotency: null,
        },
      );
      if (!placed.ok) throw new Error(placed.error.message);
      return placed.value.order;
    },
    /** A shopper's bearer token, signed with the functions' SESSION_SECRET. */
    tokenFor: (userId: string) => tokens.issue(userId),
    async stop() {
      for (const runtime of opened) runtime.close();
      await tables.drop();
      dynamodb.destroy();
      sqs.destroy();
      s3.destroy();
      await Promise.all([sqsS3.stop(), ses.stop(), management.stop()]);
    },
  };
};

export type AwsStandIns = Awaited<ReturnType<typeof startAwsStandIns>>;
